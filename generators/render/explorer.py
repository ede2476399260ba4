"""The events explorer: the store in, one accessible HTML table out (filters and sorting are added by
`assets/labfig-explorer.js`; without JavaScript the table stands on its own)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from generators.model.axes import AXES
from generators.model.events import Event
from generators.model.fields import STATUS_LABELS
from generators.model.store import Store
from generators.render import links
from generators.render.measurements import explorer_section
from generators.render.templates import render


def explorer_rows(store: Store, events: Iterable[Event] | None = None) -> list[dict[str, Any]]:
    """One plain row per event (all of them, or those given), in date order; also the source of the CSVs."""
    rows = []
    for e in store.chronological(store.events.values() if events is None else events):
        rows.append({
            "id": e.id, "date": e.date.label(), "date_text": e.date.text, "start": e.date.start.isoformat(), "end": e.date.end.isoformat(),
            "precision": e.date.precision, "title": e.title, "summary": e.summary or "", "subject": e.subject,
            "subject_name": store.subject_name(e.subject), "axis": e.axis, "axis_label": AXES[e.axis].label, "status": e.status,
            "status_label": STATUS_LABELS[e.status], "licence": e.licence or "", "licence_name": store.licence_name(e.licence) if e.licence else "",
            "posture": store.posture_of(e.licence) if e.licence else "", "sources": "; ".join(store.outlets(e.sources)) or "source needed",
            "source_ids": " ".join(e.sources), "href": links.event_page(e),
            "alternatives": [dict(zip(("field", "value"), store.alternative(a), strict=True), outlets=", ".join(store.outlets(a.sources)))
                             for a in e.alternatives],
        })
    return rows


def render_explorer(store: Store, base: str, notes: Callable[[str], Any] | None = None) -> str:
    """The explorer table; `notes` gives each event's "added on …, last changed on …" and its changes."""
    rows = explorer_rows(store)
    filters = [
        ("subject", "Subject", [(s.id, s.name) for s in store.subjects.values()]),
        ("axis", "Axis", [(a.name, a.label) for a in AXES.values()]),
        ("status", "Status", list(STATUS_LABELS.items())),
        ("licence", "Licence", [(lic.id, lic.name) for lic in store.licences.values() if any(r["licence"] == lic.id for r in rows)]),
    ]
    events = store.events
    for row in rows:
        row["search"] = other_names(store, events[row["id"]])
    return render("explorer.html.j2", rows=rows, filters=filters, base=base, columns=COLUMNS, note=notes or (lambda event_id: None)) + str(explorer_section(store))


# (sort key, heading); the last column holds sources and other claims and is not sorted.
COLUMNS = [("date", "Date"), ("event", "Event"), ("subject", "Subject"), ("axis", "Axis"), ("status", "Status"),
           ("licence", "Licence"), ("", "Sources and other claims")]


def other_names(store: Store, event: Event) -> str:
    """Every name and other spelling of the people and units an event involves, for the explorer's text filter
    (so "Justin Lin" finds Lin Junyang's moves, as site search does)."""
    people: list[str | None] = [event.move.person if event.move else None]
    units: list[str | None] = []
    if event.move:
        units += [event.move.from_unit, event.move.to_unit]
    if event.change:
        units += [event.change.unit, event.change.parent, *event.change.into]
    if event.release:
        people += [c.person for c in event.release.credits]
        units += [c.unit for c in event.release.credits]
    names: list[str] = []
    for ref, registry in [(p, store.people) for p in people] + [(u, store.units) for u in units]:
        record = registry.get(ref) if ref else None
        if record is not None:
            names += [record.name, *record.aliases]
    return " ".join(dict.fromkeys(names))
