"""Words for figures: a store, a spec and the events it draws in, plain sentences out (callers escape them).

The default description every kind that draws events shares (releases and their licences, other events
by axis, bands, markers, status, disputes); a kind adds its own clauses or replaces it whole.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from generators.figures.claims import disagreements
from generators.model.axes import AXES
from generators.model.events import Event
from generators.model.store import Store

_NUMBERS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
Details = Callable[[Store, Any, list[Event]], list[str]]


def number(n: int) -> str:
    return _NUMBERS[n] if 0 <= n < len(_NUMBERS) else str(n)


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{number(n)} {word if n == 1 else many or word + 's'}"


def describe_events(store: Store, spec: Any, events: list[Event], details: Details) -> str:
    """What the figure shows, from the events it draws; `details` gives the kind's own clauses from its releases."""
    if not events:
        return f"{spec.title}: no events match this figure yet."
    span = _span(events)
    releases = [e for e in events if e.release]
    parts: list[str] = []
    if releases:
        parts.append(f"{plural(len(releases), 'release').capitalize()} from {span}; {_licence_mix(store, releases)}")
    others = Counter(AXES[e.axis].label.lower() for e in events if not e.release)
    if others:
        lead = "" if releases else f"From {span}: "
        parts.append(lead + ", ".join(f"{plural(n, f'{axis} event')}" for axis, n in others.items()))
    parts += [f"a shaded band, {band.label}, covers {band.date.label().replace(' – ', ' to ')}" for band in spec.bands]
    parts += [f"a marker line at {m.date.label()}" + ("" if m.label == m.date.label() else f" ({m.label})") for m in spec.markers]
    parts += details(store, spec, releases) if releases else []
    unconfirmed = sum(1 for e in events if e.status != "confirmed")
    if unconfirmed:
        parts.append(f"{plural(unconfirmed, 'event')} not yet confirmed by a primary source, drawn hollow")
    # Each disputed fact in words, as the figure draws it (ghost date, licence ring, note on the label).
    return " ".join(["; ".join(parts) + ".", *(f"{s}." for s in disagreements(store, events))])


def no_details(store: Store, spec: Any, releases: list[Event]) -> list[str]:
    return []


def _span(events: list[Event]) -> str:
    first = min(events, key=lambda e: e.date.start)
    last = max(events, key=lambda e: e.date.end)
    return f"{first.date.label()} to {last.date.label()}"


def _licence_mix(store: Store, releases: list[Event]) -> str:
    counts = Counter(store.licence_name(e.licence) for e in releases)
    return ", ".join(f"{number(n)} {name}" for name, n in counts.most_common())
