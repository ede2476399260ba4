"""Cross-record rules: a Store and where its records stand in, every broken reference, cycle and doubt out.

Each rule is a plain function returning DataErrors; `check_store` runs them all.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from contextvars import ContextVar
from typing import TYPE_CHECKING

from pydantic import BaseModel

from generators.errors import DataError, did_you_mean
from generators.model.axes import AXES
from generators.model.claims import check_claims
from generators.model.references import RefTo, registry, walk
from generators.model.reserved import reserved_ids
from generators.model.series_rules import check_series
from generators.model.store import SECTIONS, Store

if TYPE_CHECKING:
    from generators.errors import Locator



# Ids that did-you-mean hints may still compare in this run: each hint is a pass over a registry,
# so thousands of unknown references against thousands of ids would take minutes, not a second.
HINT_COMPARISONS = 50_000
_HINTS: ContextVar[int] = ContextVar("hints", default=0)


def check_store(store: Store, locator: Locator) -> list[DataError]:
    """Run every rule; errors and warnings together, in no particular order."""
    _HINTS.set(HINT_COMPARISONS)
    out: list[DataError] = []
    for rule in (_references, _event_shape, _lineage, _registry_rules, _figure_bands, _primary_sources,
                 _measurement_sources, check_claims, reserved_ids, check_series):
        out.extend(rule(store, locator))
    return out


def _unknown(kind: str, value: str, known: Collection[str]) -> str:
    left = _HINTS.get() - len(known)
    _HINTS.set(left)
    return f"unknown {kind} '{value}'{did_you_mean(value, known) if left >= 0 else ''}"


def _records(store: Store) -> Iterator[tuple[str, str, BaseModel]]:
    """(section, id as errors name it, record) for every record of the store; postures are named by their index."""
    for section in (*SECTIONS, "figures"):
        held = getattr(store, section)
        yield from ((section, str(i), r) for i, r in enumerate(held)) if isinstance(held, list) else ((section, k, r) for k, r in held.items())


def _references(store: Store, locator: Locator) -> list[DataError]:
    """Every id a record names (its fields typed with an id type, model/references.py) must be in the registry it points to.

    An id whose own record is broken (and reported) is not reported again where it is named.
    """
    out: list[DataError] = []
    registries: dict[RefTo, dict[str, object]] = {}
    for section, record_id, record in _records(store):
        for path, value, ref in walk(record):
            known = registries.get(ref) or registries.setdefault(ref, registry(store, ref))
            if value not in known and not any((s, value) in locator.invalid_ids for s in ref.sections):
                out.append(locator.error(section, record_id, path, _unknown(ref.kind, value, known)))
    return out


def _event_shape(store: Store, locator: Locator) -> list[DataError]:
    out: list[DataError] = []
    for event in store.events.values():
        wanted = AXES[event.axis].detail
        for block in ("release", "move", "change"):
            if getattr(event, block) is not None and block != wanted:
                allowed = next((a.name for a in AXES.values() if a.detail == block), "?")
                out.append(locator.error("events", event.id, (block,), f"'{block}' belongs on axis '{allowed}', not '{event.axis}'"))
        if not event.sources and event.status != "source-needed":
            out.append(locator.error("events", event.id, ("sources",), f"needs at least one source (or status 'source-needed'); status is '{event.status}'"))
    return out


def _lineage(store: Store, locator: Locator) -> list[DataError]:
    """Descent must point at an earlier-or-same-date release, never at itself, never round in a cycle."""
    out: list[DataError] = []
    for event in store.events.values():
        for i, edge in enumerate(event.release.descends_from if event.release else []):
            where = ("release", "descends_from", i, "release")
            parent = store.events.get(edge.release)
            if edge.release == event.id:
                out.append(locator.error("events", event.id, where, f"release '{event.id}' cannot descend from itself"))
            elif parent is None:
                continue  # an unknown release is reported by _references
            elif parent.release is None:
                out.append(locator.error("events", event.id, where, f"'{edge.release}' is not a release (it has no 'release' block)"))
            elif parent.date.start > event.date.end:
                out.append(locator.error("events", event.id, where, f"descends from '{edge.release}' ({parent.date.label()}), which comes after it ({event.date.label()})"))
    out.extend(_cycles(store, locator))
    return out


def _cycles(store: Store, locator: Locator) -> list[DataError]:
    """Depth-first search with an explicit stack: a chain of thousands of releases must not hit the recursion limit."""
    graph = {e.id: [d.release for d in e.release.descends_from if d.release != e.id and d.release in store.events]
             for e in store.events.values() if e.release}
    done: set[str] = set()
    out: list[DataError] = []
    for start in graph:
        if start in done:
            continue
        trail, on_trail, pending = [start], {start: 0}, [iter(graph[start])]
        while pending:
            nxt = next(pending[-1], None)
            if nxt is None:
                done.add(trail[-1])
                del on_trail[trail.pop()]
                pending.pop()
            elif nxt in on_trail:
                cycle = trail[on_trail[nxt]:] + [nxt]
                out.append(locator.error("events", trail[-1], ("release", "descends_from"), "lineage cycle: " + _chain(cycle)))
            elif nxt not in done:
                on_trail[nxt] = len(trail)
                trail.append(nxt)
                pending.append(iter(graph.get(nxt, [])))
    return out


def _chain(ids: list[str]) -> str:
    """`a -> b -> a`, with the middle of a very long cycle elided so one message stays one readable line."""
    if len(ids) <= 12:
        return " -> ".join(ids)
    return " -> ".join(ids[:5] + [f"... {len(ids) - 10} more ..."] + ids[-5:])


def _registry_rules(store: Store, locator: Locator) -> list[DataError]:
    return [locator.error("units", unit.id, ("parent",), "a unit cannot be its own parent")
            for unit in store.units.values() if unit.parent == unit.id]


def _figure_bands(store: Store, locator: Locator) -> list[DataError]:
    out: list[DataError] = []
    for spec in store.figures.values():
        for i, band in enumerate(spec.bands):
            if band.date.precision == "day" and not band.date.is_range:
                out.append(locator.error("figures", spec.id, ("bands", i, "date"), "a band needs a span: a range, a month, a quarter or a year"))
    return out


def _primary_sources(store: Store, locator: Locator) -> list[DataError]:
    """Warnings (errors under --strict): a confirmed event should rest on at least one primary source."""
    out: list[DataError] = []
    for event in store.events.values():
        if any(("sources", s) in locator.invalid_ids for s in event.sources):
            continue  # the source itself is broken and reported; a second message would only be noise
        if event.status == "confirmed" and not any(store.sources[s].primary for s in event.sources if s in store.sources):
            out.append(locator.error("events", event.id, ("status",),
                                     "confirmed, but none of its sources is primary; add one or mark it 'reported'", severity="warning"))
    return out


def _measurement_sources(store: Store, locator: Locator) -> list[DataError]:
    """A measurement cites like an event: at least one source, a primary one if confirmed."""
    out: list[DataError] = []
    for m in store.measurements.values():
        if not m.sources and m.status != "source-needed":
            out.append(locator.error("measurements", m.id, ("sources",), f"needs at least one source (or status 'source-needed'); status is '{m.status}'"))
        elif m.status == "confirmed" and not any(store.sources[s].primary for s in m.sources if s in store.sources):
            out.append(locator.error("measurements", m.id, ("status",),
                                     "confirmed, but none of its sources is primary; add one or mark it 'reported'", severity="warning"))
    return out
