"""Link-preview descriptions: the store (and the page's subject, figure or entity) in, one plain sentence of
at most 200 characters out, so a shared link says what that page holds rather than what the site is.

Plain text; the page's front matter escapes it.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from generators.model.axes import AXES
from generators.model.events import Event
from generators.model.store import Store
from generators.render.describe import plural

LIMIT = 200


def clip(text: str, limit: int = LIMIT) -> str:
    """`text` cut at a word boundary to fit `limit`, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def _span(events: list[Event]) -> str:
    ordered = sorted(events, key=lambda e: (e.date.start, e.date.end))
    return f"{ordered[0].date.label()} to {ordered[-1].date.label()}" if ordered else ""


def _mix(events: list[Event]) -> str:
    counts = Counter(AXES[e.axis].label.lower() for e in events)
    return ", ".join(plural(n, f"{axis} event") for axis, n in counts.most_common())


def subject(store: Store, subject_id: str) -> str:
    events = store.of_subject(subject_id)
    name = store.subject_name(subject_id)
    if not events:
        return clip(f"{name}: no events recorded yet.")
    return clip(f"{name}, {_span(events)}: {_mix(events)}, each with its sources.")


def home(store: Store) -> str:
    names = ", ".join(s.name for s in store.subjects.values())
    return clip(f"Timelines and lineages of AI labs from {len(store.events)} sourced events: {names}.")


def explorer(store: Store) -> str:
    events = list(store.events.values())
    return clip(f"All {len(events)} events, {_span(events)}, to filter by subject, axis, status, licence and date.")


def release(store: Store, event: Event) -> str:
    r = event.release
    licence = store.licence_name(r.licence) if r else ""
    lead = f"{event.title}: released {event.date.label()}" + (f" under {licence}" if licence else "")
    return clip(lead + (f". {event.summary}" if event.summary else "."))


def person(store: Store, person_id: str, moves: int, credits: int) -> str:
    p = store.people[person_id]
    counts = [plural(moves, "move"), plural(credits, "credited release")]
    return clip(f"{p.name}: " + (p.summary.rstrip(".") + "; " if p.summary else "") + ", ".join(counts) + " in the record.")


def unit(store: Store, unit_id: str, events: int) -> str:
    u = store.units[unit_id]
    return clip(f"{u.name} ({u.kind}): " + (u.summary.rstrip(".") + "; " if u.summary else "") + f"{plural(events, 'event')} in the record.")


def figures(store: Store, count: int) -> str:
    return clip(f"{plural(count, 'figure').capitalize()} drawn from {len(store.events)} sourced events, each with its data, "
                "embed code and citation.")


def downloads(store: Store, version: str) -> str:
    return clip(f"Every event ({len(store.events)}) as CSV and the whole store as JSON, data version {version}, under CC BY 4.0.")


def changes(history: Any) -> str:
    """The What changed page: how many changes the history holds, and since when."""
    commits = list(getattr(history, "entries", None) or [])
    if not commits:
        return clip("Every change to the data, newest first, with the figures each change redrew.")
    return clip(f"Every change to the data, newest first: {plural(len(commits), 'change')} with the figures each one redrew.")
