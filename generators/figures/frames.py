"""Tables of records: the store and events (or a posture matrix's rows) in, plain-text rows and pandas frames out.

The rows are what the CSV downloads hold, one cell a string, written from the model (not from any page's
rows, which carry what a page needs: links, labels, markup). pandas is imported only when a frame is made.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from generators.model.events import Event
from generators.model.postures import matrix_rows
from generators.model.store import Store

if TYPE_CHECKING:
    import pandas as pd

EVENT_COLUMNS = ["id", "date_text", "date", "start", "end", "precision", "subject", "axis", "title", "status",
                 "licence", "licence_name", "posture", "sources", "source_ids", "alternatives", "summary"]


def event_row(store: Store, e: Event) -> dict[str, str]:
    """One event as a row of EVENT_COLUMNS; each other claim as `field: value (outlets)`, joined by `; `."""
    alternatives = []
    for alt in e.alternatives:
        label, value = store.alternative(alt)
        alternatives.append(f"{label}: {value} ({', '.join(store.outlets(alt.sources))})")
    return {
        "id": e.id, "date_text": e.date.text, "date": e.date.label(), "start": e.date.start.isoformat(), "end": e.date.end.isoformat(),
        "precision": e.date.precision, "subject": e.subject, "axis": e.axis, "title": e.title, "status": e.status,
        "licence": e.licence or "", "licence_name": store.licence_name(e.licence) if e.licence else "",
        "posture": store.posture_of(e.licence) if e.licence else "", "sources": "; ".join(store.outlets(e.sources)) or "source needed",
        "source_ids": " ".join(e.sources), "alternatives": "; ".join(alternatives), "summary": e.summary or "",
    }


def events_frame(store: Store, events: Iterable[Event] | None = None, *, in_order: bool = False) -> pd.DataFrame:
    """Every event (or those given) in date order, or with `in_order` each once in the order given (as a figure draws them)."""
    import pandas as pd

    chosen = list(store.events.values() if events is None else events)
    rows = list({e.id: e for e in chosen}.values()) if in_order else store.chronological(chosen)
    return pd.DataFrame([event_row(store, e) for e in rows], columns=EVENT_COLUMNS)


def postures_frame(store: Store, spec: Any) -> pd.DataFrame:
    """A posture matrix's rows as it draws them: lab, date, posture, status, each tier's model and licence, outlets."""
    import pandas as pd

    rows = []
    for p in matrix_rows(store, spec):
        rows.append({"lab": store.name_of(p.lab), "as_of": p.as_of.text, "posture": p.label, "status": p.status,
                     "base_model": p.base.model or "", "base_licence": store.licence_name(p.base.licence) if p.base.licence else "",
                     "flagship_model": p.flagship.model or "",
                     "flagship_licence": store.licence_name(p.flagship.licence) if p.flagship.licence else "source needed",
                     "sources": "; ".join(store.outlets(p.sources))})
    return pd.DataFrame(rows)
