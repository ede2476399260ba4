"""Generated pages: the store and figure outputs in, Markdown stubs and the HTML that fills them out.

Each generated page is a Markdown file holding only front matter and one slot; the MkDocs hook (or
any other builder) swaps the slot for HTML rendered here with autoescaping, so no text from the
YAML is ever parsed as Markdown or HTML.
"""

from __future__ import annotations

import html
import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from generators.figures.registry import drawn
from generators.model.events import Event
from generators.model.fields import STATUS_LABELS
from generators.model.references import walk
from generators.model.series import subject_of_lab, subject_of_unit, subjects_of_event
from generators.model.store import Store
from generators.render import links, share_text
from generators.render.figure_assets import FigureOutput
from generators.render.measurements import measurements_table
from generators.render.templates import render

SlotRenderer = Callable[[str], str]
Notes = Callable[[str], Any]  # event id -> its history note (generators.render.history_html.EventNote) or None


@dataclass
class Pages:
    """Markdown files by path, and the slot renderers (given the page's base prefix) they refer to."""

    markdown: dict[str, str] = field(default_factory=dict)
    slots: dict[str, SlotRenderer] = field(default_factory=dict)

    def add(self, path: str, title: str, renderer: SlotRenderer, *, hide_toc: bool = True,
            description: str | None = None, image: str | None = None, image_alt: str | None = None) -> None:
        """A page of one slot; `description` and `image` (site-relative) feed its meta and link-preview tags."""
        key = f"page:{path}"
        # The theme prints meta values into HTML unescaped, so they are escaped here, once.
        front = {"title": title, "description": description, "image": image, "image_alt": image_alt}
        meta = "".join(f"{k}: {json.dumps(html.escape(v))}\n" for k, v in front.items() if v)
        hide = "hide:\n  - toc\n" if hide_toc else ""
        self.markdown[path] = f"---\n{meta}{hide}---\n\n{slot_marker(key)}\n"
        self.slots[key] = renderer


def slot_marker(key: str, *, inline: bool = False) -> str:
    tag = "span" if inline else "div"
    return f'<{tag} class="labfig-slot" data-slot="{html.escape(key)}"></{tag}>'


def _no_notes(event_id: str) -> None:
    return None


def event_list(store: Store, events: list[Event], base: str, notes: Notes = _no_notes) -> Markup:
    return Markup(render("event_list.html.j2", events=events, base=base, link=links.event_page,
                         status_label=STATUS_LABELS.get, outlets=lambda ids: ", ".join(store.outlets(ids)),
                         alternative=store.alternative, note=notes))


@dataclass
class EntityIndex:
    """Who appears where, computed once per build so that each entity page is a few lookups
    (a 17,000-event store has thousands of entity pages; scanning the store for each would be quadratic)."""

    releases: list[Event] = field(default_factory=list)
    figures_by_event: dict[str, list[FigureOutput]] = field(default_factory=lambda: defaultdict(list))
    successors: dict[str, list[Event]] = field(default_factory=lambda: defaultdict(list))
    moves_by_person: dict[str, list[Event]] = field(default_factory=lambda: defaultdict(list))
    credits_by_person: dict[str, list[tuple[Event, str]]] = field(default_factory=lambda: defaultdict(list))
    events_by_unit: dict[str, list[Event]] = field(default_factory=lambda: defaultdict(list))
    children_by_unit: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    figure_order: list[str] = field(default_factory=list)
    notes: Notes = _no_notes
    subjects_by_person: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    subjects_by_unit: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def build(cls, store: Store, outputs: dict[str, FigureOutput], notes: Notes = _no_notes) -> EntityIndex:
        index = cls(releases=store.releases(), figure_order=list(outputs), notes=notes)
        for output in outputs.values():
            for event in drawn(store, output.spec):  # the events it draws (its kind says which)
                index.figures_by_event[event.id].append(output)
        labs = subject_of_lab(store)
        for event in store.chronological(store.events.values()):
            subjects = subjects_of_event(store, event, labs)
            for unit_id in _units_touched(event):
                index.events_by_unit[unit_id].append(event)
                _note(index.subjects_by_unit[unit_id], subject_of_unit(store, unit_id, labs) or event.subject)
            for person in _people_touched(event):
                for subject in subjects:
                    _note(index.subjects_by_person[person], subject)
            if event.move:
                index.moves_by_person[event.move.person].append(event)
            for credit in event.release.credits if event.release else []:
                if credit.person:
                    index.credits_by_person[credit.person].append((event, credit.role))
            for edge in event.release.descends_from if event.release else []:
                index.successors[edge.release].append(event)
        for unit in store.units.values():
            if unit.parent:
                index.children_by_unit[unit.parent].append(unit.id)
            if unit.id not in index.subjects_by_unit and (own := subject_of_unit(store, unit.id, labs)):
                index.subjects_by_unit[unit.id].append(own)
        return index

    def figures_for(self, events: list[Event]) -> list[FigureOutput]:
        """The figures showing any of these events, in the gallery's order."""
        found = {f.id: f for e in events for f in self.figures_by_event.get(e.id, [])}
        return [found[key] for key in self.figure_order if key in found]


def _note(found: list[str], subject: str) -> None:
    if subject not in found:
        found.append(subject)


def _people_touched(e: Event) -> list[str]:
    """The people the event names (a move's person, a release's credited people), each once: their pages link back to it."""
    return _named(e, "people")


def _units_touched(e: Event) -> list[str]:
    """The units the event names (a change's units, a move's, a release's credited units), each once."""
    return _named(e, "units")


def _named(e: Event, section: str) -> list[str]:
    return list(dict.fromkeys(value for _, value, ref in walk(e) if ref.sections == (section,)))


def build_entity_pages(store: Store, outputs: dict[str, FigureOutput], notes: Notes = _no_notes) -> Pages:
    """A page per release, person and unit, plus an index of each; `notes` gives each event's history."""
    pages = Pages()
    index = EntityIndex.build(store, outputs, notes)
    for event in index.releases:
        pages.add(f"models/{event.id}.md", event.title, _release_renderer(store, index, event),
                  description=share_text.release(store, event))
    for person in store.people.values():
        pages.add(f"people/{person.id}.md", person.name, _person_renderer(store, index, person.id),
                  description=share_text.person(store, person.id, len(index.moves_by_person.get(person.id, [])),
                                                len(index.credits_by_person.get(person.id, []))))
    for unit in store.units.values():
        pages.add(f"units/{unit.id}.md", unit.name, _unit_renderer(store, index, unit.id),
                  description=share_text.unit(store, unit.id, len(index.events_by_unit.get(unit.id, []))))
    by_subject = lambda items, subjects_of: _by_subject(store, items, subjects_of)  # noqa: E731
    pages.add("models/index.md", "Models", description=share_text.clip(f"{len(index.releases)} model releases, each with its date, licence, lineage and sources."), renderer=lambda base: _index(base, "Models", by_subject(
        [(e.title, links.release_page(e.id), f"{e.date.label()} · {store.licence_name(e.licence)}", e) for e in index.releases],
        lambda e: [e.subject])))
    pages.add("people/index.md", "People", description=share_text.clip(f"{len(store.people)} people in the record: their moves between units and the releases they are credited on."), renderer=lambda base: _index(base, "People", by_subject(
        [(p.name, links.person_page(p.id), p.summary or "", p.id) for p in sorted(store.people.values(), key=lambda p: p.name)],
        lambda pid: index.subjects_by_person.get(pid, []))))
    pages.add("units/index.md", "Units", description=share_text.clip(f"{len(store.units)} labs, teams and companies: how they were created, merged, split and renamed."), renderer=lambda base: _index(base, "Units", by_subject(
        [(u.name, links.unit_page(u.id), u.kind, u.id) for u in sorted(store.units.values(), key=lambda u: u.name)],
        lambda uid: index.subjects_by_unit.get(uid, []))))
    return pages


def _by_subject(store: Store, items: list[tuple[str, str, str, Any]], subjects_of: Callable[[Any], list[str]]) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """Index rows grouped under each subject's name (in the store's order; an entity in two subjects is under both),
    then the ones no subject's events name."""
    groups: dict[str, list[tuple[str, str, str]]] = {sid: [] for sid in store.subjects}
    rest: list[tuple[str, str, str]] = []
    for label, href, note, key in items:
        found = [sid for sid in subjects_of(key) if sid in groups]
        for sid in found:
            groups[sid].append((label, href, note))
        if not found:
            rest.append((label, href, note))
    out = [(store.subject_name(sid), rows) for sid, rows in groups.items() if rows]
    return out + ([("Outside the series", rest)] if rest else [])


def _index(base: str, title: str, groups: list[tuple[str, list[tuple[str, str, str]]]]) -> str:
    return render("entity.html.j2", title=title, subtitle=None, facts=[], events_html=None, sources=[],
                  link_lists=[(heading, [(label, base + href, note) for label, href, note in rows]) for heading, rows in groups])


def _subject_links(store: Store, base: str, subjects: list[str]) -> list[tuple[str, str, str]]:
    return [(store.subject_name(s), base + links.subject_page(s), "") for s in subjects if s in store.subjects]


def _figure_links(base: str, figs: list[FigureOutput]) -> list[tuple[str, str, str]]:
    return [(f.spec.title, base + links.figure_page(f.id), f.id) for f in figs]


def _sources_of(store: Store, events: list[Event]) -> list:
    ids = dict.fromkeys(s for e in events for s in [*e.sources, *(x for a in e.alternatives for x in a.sources)])
    return [store.sources[s] for s in ids if s in store.sources]


def _release_renderer(store: Store, index: EntityIndex, event: Event) -> SlotRenderer:
    def render_page(base: str) -> str:
        r = event.release
        assert r is not None
        facts = [("Subject", store.subject_name(event.subject), base + links.subject_page(event.subject)),
                 ("Date", event.date.label(), None), ("Status", STATUS_LABELS[event.status], None),
                 ("Licence", store.licence_name(r.licence), None), ("Posture", store.posture_of(r.licence), None),
                 ("Family / generation", f"{r.family} / {r.generation}", None), ("Tier", r.tier, None)]
        facts += [(label, value, None) for label, value in (("Architecture", r.motif), ("Size", r.size)) if value]
        before = [(store.name_of(d.release), base + links.release_page(d.release), d.kind) for d in r.descends_from]
        after = [(e.title, base + links.release_page(e.id), next(d.kind for d in e.release.descends_from if d.release == event.id))
                 for e in index.successors.get(event.id, []) if e.release]
        credits = [(store.name_of(c.person or c.unit or ""), base + (links.person_page(c.person) if c.person else links.unit_page(c.unit or "")), c.role)
                   for c in r.credits]
        figs = index.figures_for([event])
        note = index.notes(event.id)
        if note is not None:
            facts += [("Added on", note.added, None)] + ([("Last changed on", note.last_changed, None)] if note.last_changed else [])
        return render("entity.html.j2", title=event.title, subtitle=event.summary, facts=facts, note=note,
                      link_lists=[("Descends from", before), ("Releases that build on it", after), ("People and units", credits),
                                  ("In figures", _figure_links(base, figs))],
                      events_html=event_list(store, [event], base, index.notes) if event.alternatives else None,
                      measurements_html=measurements_table(store, store.measurements_of(about=event.id)),
                      sources=_sources_of(store, [event]))
    return render_page


def _person_renderer(store: Store, index: EntityIndex, person_id: str) -> SlotRenderer:
    def render_page(base: str) -> str:
        person = store.people[person_id]
        moves = index.moves_by_person.get(person_id, [])
        credits = index.credits_by_person.get(person_id, [])
        credited = [(e.title, base + links.release_page(e.id), role) for e, role in credits]
        units = dict.fromkeys(u for e in moves if e.move for u in (e.move.from_unit, e.move.to_unit) if u)
        figs = index.figures_for(moves + [e for e, _ in credits])
        facts = [("Also written", ", ".join(person.aliases), None)] if person.aliases else []
        return render("entity.html.j2", title=person.name, subtitle=person.summary, facts=facts,
                      link_lists=[("Subjects", _subject_links(store, base, index.subjects_by_person.get(person_id, []))),
                                  ("Releases credited", credited), ("Units", [(store.name_of(u), base + links.unit_page(u), "") for u in units]),
                                  ("In figures", _figure_links(base, figs))],
                      events_html=event_list(store, moves, base, index.notes) if moves else None, sources=_sources_of(store, moves),
                      measurements_html=measurements_table(store, store.measurements_of(about=person_id)))
    return render_page


def _unit_renderer(store: Store, index: EntityIndex, unit_id: str) -> SlotRenderer:
    def render_page(base: str) -> str:
        unit = store.units[unit_id]
        events = index.events_by_unit.get(unit_id, [])
        children = [(store.units[u].name, base + links.unit_page(u), store.units[u].kind) for u in index.children_by_unit.get(unit_id, [])]
        people = dict.fromkeys(e.move.person for e in events if e.move)
        facts: list[tuple[str, str, str | None]] = [("Kind", str(unit.kind), None)]
        facts += [("Subject", label, href) for label, href, _ in _subject_links(store, base, index.subjects_by_unit.get(unit_id, []))]
        if unit.parent:
            facts.append(("Part of", store.name_of(unit.parent), base + links.unit_page(unit.parent)))
        if unit.aliases:
            facts.append(("Also called", ", ".join(unit.aliases), None))
        figs = index.figures_for(events)
        return render("entity.html.j2", title=unit.name, subtitle=unit.summary, facts=facts,
                      link_lists=[("Units within it", children), ("People", [(store.name_of(p), base + links.person_page(p), "") for p in people]),
                                  ("In figures", _figure_links(base, figs))],
                      events_html=event_list(store, events, base, index.notes) if events else None, sources=_sources_of(store, events),
                      measurements_html=measurements_table(store, store.measurements_of(about=unit_id)))
    return render_page
