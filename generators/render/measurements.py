"""Measurements as readers see them: the store's measurements in, table rows, HTML and inline values out.

One place renders every number the site shows: the subject page's table (`{{ measurements("qwen") }}`),
a single value inside a sentence (`{{ measurement("qwen-cumulative-downloads") }}`), the entity pages,
the explorer and the CSV download all start from `measurement_rows`. Autoescaped like every template.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from markupsafe import Markup, escape

from generators.model.fields import STATUS_LABELS
from generators.model.measurements import Measurement
from generators.model.store import Store
from generators.render.templates import render

MEASUREMENT_COLUMNS = ["id", "subject", "metric", "value", "number", "bound", "unit", "date_text", "date", "start", "end",
                       "status", "sources", "source_ids", "about", "alternatives", "summary"]


def cited(store: Store, source_ids: Iterable[str]) -> str:
    """Sources as a reader can tell them apart: the outlet, or the headline when the outlet is not named."""
    names = []
    for sid in source_ids:
        source = store.sources.get(sid)
        if source:
            names.append(f"“{source.title}”" if source.outlet.lower().startswith("unnamed") else source.outlet)
    return "; ".join(dict.fromkeys(names))


def measurement_rows(store: Store, measurements: Iterable[Measurement] | None = None) -> list[dict[str, Any]]:
    """One plain row per measurement (all of them, or those given), in date order."""
    chosen = store.measurements_of() if measurements is None else list(measurements)
    rows = []
    for m in chosen:
        rows.append({
            "id": m.id, "subject": m.subject, "metric": m.metric, "value": m.value, "number": format(m.number, "f"),
            "bound": m.bound, "unit": m.unit, "shown": m.shown(), "date_text": m.date.text, "date": m.date.label(),
            "start": m.date.start.isoformat(), "end": m.date.end.isoformat(), "status": m.status,
            "status_label": STATUS_LABELS[m.status], "sources": cited(store, m.sources) or "source needed",
            "source_ids": " ".join(m.sources), "about": " ".join(m.about), "summary": m.summary or "",
            "alternatives": [{"shown": a.shown(m.unit), "date": a.date.label() if a.date else "",
                              "outlets": cited(store, a.sources), "note": a.note or ""} for a in m.alternatives],
        })
    return rows


def measurements_table(store: Store, measurements: Iterable[Measurement]) -> Markup:
    """The table of measurements with their other reported values; empty markup when there are none."""
    rows = measurement_rows(store, measurements)
    return Markup(render("measurements.html.j2", rows=rows)) if rows else Markup("")


def subject_measurements(store: Store, subject: str) -> Markup:
    """Every measurement of one subject, for its page."""
    return measurements_table(store, store.measurements_of(subject))


def inline_measurement(store: Store, measurement_id: str, base: str) -> Markup:
    """One value inside a sentence ('more than 1 billion downloads'), linked to its row in the explorer,
    with the date and the other values in its tooltip."""
    m = store.measurements[measurement_id]
    others = "; ".join(f"{a.shown(m.unit)}{f' ({a.date.label()})' if a.date else ''}: {cited(store, a.sources)}"
                       for a in m.alternatives)
    tip = f"{m.metric}, {m.date.label()} ({STATUS_LABELS[m.status]}; {cited(store, m.sources)})"
    if others:
        tip += f". Also reported: {others}"
    return Markup('<a class="labfig-measure" href="{}explorer/#m-{}" title="{}">{}</a>').format(
        base, m.id, tip, escape(m.shown()))


def explorer_section(store: Store) -> Markup:
    """The measurements part of the events explorer."""
    if not store.measurements:
        return Markup("")
    return Markup('<h2 id="measurements">Measurements</h2>\n<p>Every dated number in the store, with the other values '
                  "some sources give.</p>\n") + measurements_table(store, store.measurements_of())
