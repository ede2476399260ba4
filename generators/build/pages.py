"""Generated pages: the store and figure outputs in, Markdown stubs and the HTML that fills them out.

Each generated page is a Markdown file holding only front matter and one slot; the MkDocs hook (or
any other builder) swaps the slot for HTML rendered here with autoescaping, so no text from the
YAML is ever parsed as Markdown or HTML.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from dataclasses import dataclass, field

from markupsafe import Markup

from generators.build import links
from generators.build.figure_assets import FigureOutput
from generators.build.templates import render
from generators.model.events import Event
from generators.model.fields import STATUS_LABELS
from generators.model.store import Store

SlotRenderer = Callable[[str], str]


@dataclass
class Pages:
    """Markdown files by path, and the slot renderers (given the page's base prefix) they refer to."""

    markdown: dict[str, str] = field(default_factory=dict)
    slots: dict[str, SlotRenderer] = field(default_factory=dict)

    def add(self, path: str, title: str, renderer: SlotRenderer, *, hide_toc: bool = True) -> None:
        key = f"page:{path}"
        front = {"title": html.escape(title)}
        meta = json.dumps(front["title"])
        hide = "hide:\n  - toc\n" if hide_toc else ""
        self.markdown[path] = f"---\ntitle: {meta}\n{hide}---\n\n{slot_marker(key)}\n"
        self.slots[key] = renderer


def slot_marker(key: str) -> str:
    return f'<div class="labfig-slot" data-slot="{html.escape(key)}"></div>'


def event_list(store: Store, events: list[Event], base: str) -> Markup:
    return Markup(render("event_list.html.j2", events=events, base=base, link=links.event_page,
                         status_label=STATUS_LABELS.get, outlets=lambda ids: ", ".join(store.outlets(ids)),
                         alternative=store.alternative))


def figures_showing(store: Store, outputs: dict[str, FigureOutput], predicate: Callable[[Event], bool]) -> list[FigureOutput]:
    return [o for o in outputs.values() if any(predicate(e) for e in store.select(o.spec.subject, o.spec.select))]


def build_entity_pages(store: Store, outputs: dict[str, FigureOutput]) -> Pages:
    """A page per release, person and unit, plus an index of each."""
    pages = Pages()
    for event in store.releases():
        pages.add(f"models/{event.id}.md", event.title, _release_renderer(store, outputs, event))
    for person in store.people.values():
        pages.add(f"people/{person.id}.md", person.name, _person_renderer(store, outputs, person.id))
    for unit in store.units.values():
        pages.add(f"units/{unit.id}.md", unit.name, _unit_renderer(store, outputs, unit.id))
    pages.add("models/index.md", "Models", lambda base: _index(base, "Models", [
        (e.title, links.release_page(e.id), f"{e.date.label()} · {store.licence_name(e.licence)}") for e in store.releases()]))
    pages.add("people/index.md", "People", lambda base: _index(base, "People", [
        (p.name, links.person_page(p.id), p.summary or "") for p in sorted(store.people.values(), key=lambda p: p.name)]))
    pages.add("units/index.md", "Units", lambda base: _index(base, "Units", [
        (u.name, links.unit_page(u.id), u.kind) for u in sorted(store.units.values(), key=lambda u: u.name)]))
    return pages


def _index(base: str, title: str, rows: list[tuple[str, str, str]]) -> str:
    return render("entity.html.j2", title=title, subtitle=None, facts=[], events_html=None, sources=[],
                  link_lists=[("All", [(label, base + href, note) for label, href, note in rows])])


def _figure_links(base: str, figs: list[FigureOutput]) -> list[tuple[str, str, str]]:
    return [(f.spec.title, base + links.figure_page(f.id), f.id) for f in figs]


def _sources_of(store: Store, events: list[Event]) -> list:
    ids = dict.fromkeys(s for e in events for s in [*e.sources, *(x for a in e.alternatives for x in a.sources)])
    return [store.sources[s] for s in ids if s in store.sources]


def _release_renderer(store: Store, outputs: dict[str, FigureOutput], event: Event) -> SlotRenderer:
    def render_page(base: str) -> str:
        r = event.release
        assert r is not None
        facts = [("Date", event.date.label(), None), ("Status", STATUS_LABELS[event.status], None),
                 ("Licence", store.licence_name(r.licence), None), ("Posture", store.posture_of(r.licence), None),
                 ("Family / generation", f"{r.family} / {r.generation}", None), ("Tier", r.tier, None)]
        facts += [(label, value, None) for label, value in (("Architecture", r.motif), ("Size", r.size)) if value]
        before = [(store.name_of(d.release), base + links.release_page(d.release), d.kind) for d in r.descends_from]
        after = [(e.title, base + links.release_page(e.id), next(d.kind for d in e.release.descends_from if d.release == event.id))
                 for e in store.successors(event.id) if e.release]
        credits = [(store.name_of(c.person or c.unit or ""), base + (links.person_page(c.person) if c.person else links.unit_page(c.unit or "")), c.role)
                   for c in r.credits]
        figs = figures_showing(store, outputs, lambda e: e.id == event.id)
        return render("entity.html.j2", title=event.title, subtitle=event.summary, facts=facts,
                      link_lists=[("Descends from", before), ("Releases that build on it", after), ("People and units", credits),
                                  ("In figures", _figure_links(base, figs))],
                      events_html=event_list(store, [event], base) if event.alternatives else None,
                      sources=_sources_of(store, [event]))
    return render_page


def _person_renderer(store: Store, outputs: dict[str, FigureOutput], person_id: str) -> SlotRenderer:
    def render_page(base: str) -> str:
        person = store.people[person_id]
        moves = store.chronological(e for e in store.events.values() if e.move and e.move.person == person_id)
        credited = [(e.title, base + links.release_page(e.id), c.role) for e in store.releases() if e.release
                    for c in e.release.credits if c.person == person_id]
        units = dict.fromkeys(u for e in moves if e.move for u in (e.move.from_unit, e.move.to_unit) if u)
        figs = figures_showing(store, outputs, lambda e: e in moves or bool(e.release and any(c.person == person_id for c in e.release.credits)))
        facts = [("Also written", ", ".join(person.aliases), None)] if person.aliases else []
        return render("entity.html.j2", title=person.name, subtitle=person.summary, facts=facts,
                      link_lists=[("Releases credited", credited), ("Units", [(store.name_of(u), base + links.unit_page(u), "") for u in units]),
                                  ("In figures", _figure_links(base, figs))],
                      events_html=event_list(store, moves, base) if moves else None, sources=_sources_of(store, moves))
    return render_page


def _unit_events(store: Store, unit_id: str) -> list[Event]:
    def touches(e: Event) -> bool:
        if e.change:
            return unit_id in (e.change.unit, e.change.parent, *e.change.into)
        if e.move:
            return unit_id in (e.move.from_unit, e.move.to_unit)
        return bool(e.release and any(c.unit == unit_id for c in e.release.credits))
    return store.chronological(e for e in store.events.values() if touches(e))


def _unit_renderer(store: Store, outputs: dict[str, FigureOutput], unit_id: str) -> SlotRenderer:
    def render_page(base: str) -> str:
        unit = store.units[unit_id]
        events = _unit_events(store, unit_id)
        children = [(u.name, base + links.unit_page(u.id), u.kind) for u in store.units.values() if u.parent == unit_id]
        people = dict.fromkeys(e.move.person for e in events if e.move)
        facts: list[tuple[str, str, str | None]] = [("Kind", str(unit.kind), None)]
        if unit.parent:
            facts.append(("Part of", store.name_of(unit.parent), base + links.unit_page(unit.parent)))
        if unit.aliases:
            facts.append(("Also called", ", ".join(unit.aliases), None))
        figs = figures_showing(store, outputs, lambda e: e in events)
        return render("entity.html.j2", title=unit.name, subtitle=unit.summary, facts=facts,
                      link_lists=[("Units within it", children), ("People", [(store.name_of(p), base + links.person_page(p), "") for p in people]),
                                  ("In figures", _figure_links(base, figs))],
                      events_html=event_list(store, events, base) if events else None, sources=_sources_of(store, events))
    return render_page
