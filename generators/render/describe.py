"""Text descriptions of figures from their data: a spec and the store in, one or two plain sentences out.

Used as the alt text of static images, the accessible label of interactive figures, and shown on
request under each figure. Plain text: callers escape it for where it goes.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from generators.figures import bifurcation_lines
from generators.figures.claims import disagreements
from generators.model.axes import AXES
from generators.model.events import Event
from generators.model.postures import matrix_rows
from generators.model.series import figure_moves
from generators.model.store import Store

_NUMBERS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]


def number(n: int) -> str:
    return _NUMBERS[n] if 0 <= n < len(_NUMBERS) else str(n)


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{number(n)} {word if n == 1 else many or word + 's'}"


def describe(store: Store, spec: Any) -> str:
    """A description of what the figure shows, computed from the same data it draws."""
    if spec.kind == "posture-matrix":
        return _describe_matrix(store, spec)
    if spec.kind == "people-moves":
        return _describe_moves(store, spec)
    events = store.drawn(spec)
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
    parts += _kind_details(store, spec, releases)
    unconfirmed = sum(1 for e in events if e.status != "confirmed")
    if unconfirmed:
        parts.append(f"{plural(unconfirmed, 'event')} not yet confirmed by a primary source, drawn hollow")
    # Each disputed fact in words, as the figure draws it (ghost date, licence ring, note on the label).
    return " ".join(["; ".join(parts) + ".", *(f"{s}." for s in disagreements(store, events))])


def _kind_details(store: Store, spec: Any, releases: list[Event]) -> list[str]:
    """What a kind shows beyond its events: the tiers' end points, descent links, credited people."""
    if spec.kind == "bifurcation" and releases:
        return _bifurcation_details(store, spec, releases)
    if spec.kind == "lineage" and releases:
        shown = {e.id for e in releases}
        edges = sum(1 for e in releases if e.release for d in e.release.descends_from if d.release in shown)
        credited: dict[str, int] = {}
        for e in releases:
            for c in e.release.credits if e.release else []:
                key = c.person or c.unit or ""
                credited[key] = credited.get(key, 0) + 1
        people = [f"{store.name_of(k)} on {plural(n, 'release')}" for k, n in credited.items()]
        return [f"{plural(edges, 'descent link')}"] + ([f"credited: {', '.join(people)}"] if people else [])
    return []


def _span(events: list[Event]) -> str:
    first = min(events, key=lambda e: e.date.start)
    last = max(events, key=lambda e: e.date.end)
    return f"{first.date.label()} to {last.date.label()}"


def _licence_mix(store: Store, releases: list[Event]) -> str:
    counts = Counter(store.licence_name(e.licence) for e in releases)
    return ", ".join(f"{number(n)} {name}" for name, n in counts.most_common())


def _describe_matrix(store: Store, spec: Any) -> str:
    rows = matrix_rows(store, spec)
    split = [store.name_of(p.lab) for p in rows
             if store.posture_of(p.base.licence) != store.posture_of(p.flagship.licence)]
    missing = [store.name_of(p.lab) for p in rows if p.flagship.licence is None or p.base.licence is None]

    def name(licence: str | None) -> str:
        return store.licence_name(licence) if licence else "not sourced"

    text = f"Licensing posture of {plural(len(rows), 'lab')} by tier: " + "; ".join(
        f"{store.name_of(p.lab)}: base {name(p.base.licence)}, flagship {name(p.flagship.licence)}" for p in rows)
    if split:
        text += f". Base and flagship differ for {', '.join(split)}"
    if missing:
        text += f". Licence not sourced for {', '.join(missing)}"
    return text + "."


def _describe_moves(store: Store, spec: Any, shown: int = 12) -> str:
    moves = figure_moves(store, spec)
    if not moves:
        return f"{spec.title}: no moves between labs yet."
    text = f"{plural(len(moves), 'move').capitalize()} between labs: " + "; ".join(
        f"{store.name_of(m.person)} from {store.name_of(m.from_lab)} to {store.name_of(m.to_lab)}, {m.arrival.date.label()}"
        for m in moves[:shown])
    if len(moves) > shown:
        text += f"; and {len(moves) - shown} more"
    unconfirmed = sum(1 for m in moves if m.status != "confirmed")
    if unconfirmed:
        text += f"; {plural(unconfirmed, 'move')} not yet confirmed, drawn dashed"
    return text + "."


def _bifurcation_details(store: Store, spec: Any, releases: list[Event]) -> list[str]:
    """Where each line ends and where it parts: the tiers' by default, the named branches' with `branches`."""
    if not spec.options.branches:
        out = []
        for tier in ("base", "flagship"):
            tiered = [e for e in releases if e.release and e.release.tier == tier]
            if tiered:
                out.append(f"the {tier} tier ends at {tiered[-1].title}, {store.posture_of(tiered[-1].licence)}")
        fork = store.events.get(spec.options.fork or "")
        if fork:
            out.append(f"the tiers part at {fork.title} ({fork.date.label()})")
        return out
    drawn = [e for e in releases if e.release]
    postures = [store.posture_of(e.licence) for e in drawn]
    out = []
    for line in bifurcation_lines.lines(store, spec, drawn, postures):
        end = drawn[line.points[-1]]
        parts = f", parting at {drawn[line.fork].title} ({drawn[line.fork].date.label()})" if line.fork is not None else ""
        out.append(f"{line.label} ends at {end.title}, {postures[line.points[-1]]}{parts}")
    return out
