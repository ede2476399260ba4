"""Cross-record rules: a Store and where its records stand in, every broken reference, cycle and doubt out.

Each rule is a plain function returning DataErrors; `check_store` runs them all.
"""

from __future__ import annotations

from collections.abc import Collection
from contextvars import ContextVar
from typing import TYPE_CHECKING

from generators.errors import DataError, did_you_mean
from generators.model.axes import AXES
from generators.model.claims import check_claims
from generators.model.reserved import reserved_ids
from generators.model.series_rules import check_series
from generators.model.store import Store

if TYPE_CHECKING:
    from generators.load import Locator



# Ids that did-you-mean hints may still compare in this run: each hint is a pass over a registry,
# so thousands of unknown references against thousands of ids would take minutes, not a second.
HINT_COMPARISONS = 50_000
_HINTS: ContextVar[int] = ContextVar("hints", default=0)


def check_store(store: Store, locator: Locator) -> list[DataError]:
    """Run every rule; errors and warnings together, in no particular order."""
    _HINTS.set(HINT_COMPARISONS)
    out: list[DataError] = []
    for rule in (_event_references, _event_shape, _lineage, _registry_references, _posture_references,
                 _figure_references, _primary_sources, _measurement_references, check_claims, reserved_ids,
                 check_series):
        out.extend(rule(store, locator))
    return out


def _unknown(kind: str, value: str, registry: Collection[str]) -> str:
    left = _HINTS.get() - len(registry)
    _HINTS.set(left)
    return f"unknown {kind} '{value}'{did_you_mean(value, registry) if left >= 0 else ''}"


def _refs(locator: Locator, section: str, record_id: str, checks: list[tuple[tuple[str | int, ...], str | None, str, dict]]) -> list[DataError]:
    """Check (subpath, value, kind, registry) tuples and report each value missing from its registry."""
    return [locator.error(section, record_id, sub, _unknown(kind, value, registry))
            for sub, value, kind, registry in checks
            if value is not None and value not in registry and (_SECTION_OF[kind], value) not in locator.invalid_ids]


_SECTION_OF = {"subject": "subjects", "source": "sources", "person": "people", "unit": "units",
               "licence": "licences", "release": "events", "event": "events"}


def _event_references(store: Store, locator: Locator) -> list[DataError]:
    out: list[DataError] = []
    for event in store.events.values():
        checks: list[tuple[tuple[str | int, ...], str | None, str, dict]] = [(("subject",), event.subject, "subject", store.subjects)]
        checks += [(("sources", i), s, "source", store.sources) for i, s in enumerate(event.sources)]
        for a, alt in enumerate(event.alternatives):
            checks += [(("alternatives", a, "sources", i), s, "source", store.sources) for i, s in enumerate(alt.sources)]
        if event.release:
            r = event.release
            checks.append((("release", "licence"), r.licence, "licence", store.licences))
            for i, c in enumerate(r.credits):
                checks.append((("release", "credits", i, "person"), c.person, "person", store.people))
                checks.append((("release", "credits", i, "unit"), c.unit, "unit", store.units))
        if event.move:
            m = event.move
            checks += [(("move", "person"), m.person, "person", store.people),
                       (("move", "from"), m.from_unit, "unit", store.units), (("move", "to"), m.to_unit, "unit", store.units)]
        if event.change:
            ch = event.change
            checks += [(("change", "unit"), ch.unit, "unit", store.units), (("change", "parent"), ch.parent, "unit", store.units)]
            checks += [(("change", "into", i), u, "unit", store.units) for i, u in enumerate(ch.into)]
        out.extend(_refs(locator, "events", event.id, checks))
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
            elif parent is None and ("events", edge.release) not in locator.invalid_ids:
                out.append(locator.error("events", event.id, where, _unknown("release", edge.release, store.events)))
            elif parent is None:
                continue
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


def _registry_references(store: Store, locator: Locator) -> list[DataError]:
    out: list[DataError] = []
    for unit in store.units.values():
        out += _refs(locator, "units", unit.id, [(("parent",), unit.parent, "unit", store.units)])
        if unit.parent == unit.id:
            out.append(locator.error("units", unit.id, ("parent",), "a unit cannot be its own parent"))
    for subject in store.subjects.values():
        out += _refs(locator, "subjects", subject.id, [(("lab",), subject.lab, "unit", store.units)])
    return out


def _posture_references(store: Store, locator: Locator) -> list[DataError]:
    out: list[DataError] = []
    for index, posture in enumerate(store.postures):
        checks: list[tuple[tuple[str | int, ...], str | None, str, dict]] = [(("lab",), posture.lab, "unit", store.units)]
        checks += [(("sources", i), s, "source", store.sources) for i, s in enumerate(posture.sources)]
        for tier in ("base", "flagship"):
            cell = getattr(posture, tier)
            checks += [((tier, "licence"), cell.licence, "licence", store.licences), ((tier, "release"), cell.release, "release", store.events)]
        out += _refs(locator, "postures", str(index), checks)
    return out


def _figure_references(store: Store, locator: Locator) -> list[DataError]:
    out: list[DataError] = []
    for spec in store.figures.values():
        checks: list[tuple[tuple[str | int, ...], str | None, str, dict]] = [(("subject",), spec.subject, "subject", store.subjects)]
        checks += [(("select", "events", i), e, "event", store.events) for i, e in enumerate(spec.select.events)]
        checks += [(("labels", e), e, "event", store.events) for e in spec.labels]
        options = spec.options
        for name, registry, kind in (("people", store.people, "person"), ("units", store.units, "unit"), ("labs", store.units, "unit")):
            checks += [(("options", name, i), v, kind, registry) for i, v in enumerate(getattr(options, name, []))]
        fork = getattr(options, "fork", None)
        checks.append((("options", "fork"), fork, "release", store.events))
        for b, branch in enumerate(getattr(options, "branches", [])):
            checks.append((("options", "branches", b, "fork"), branch.fork, "release", store.events))
            checks += [(("options", "branches", b, "events", i), e, "release", store.events) for i, e in enumerate(branch.events)]
        out += _refs(locator, "figures", spec.id, checks)
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


def _measurement_references(store: Store, locator: Locator) -> list[DataError]:
    """A measurement cites like an event: known subject and sources, at least one source, a primary one if confirmed."""
    out: list[DataError] = []
    entities = {**store.people, **store.units, **store.events}
    for m in store.measurements.values():
        checks: list[tuple[tuple[str | int, ...], str | None, str, dict]] = [(("subject",), m.subject, "subject", store.subjects)]
        checks += [(("sources", i), s, "source", store.sources) for i, s in enumerate(m.sources)]
        for a, alt in enumerate(m.alternatives):
            checks += [(("alternatives", a, "sources", i), s, "source", store.sources) for i, s in enumerate(alt.sources)]
        out += _refs(locator, "measurements", m.id, checks)
        out += [locator.error("measurements", m.id, ("about", i), _unknown("unit, person or event", ref, entities))
                for i, ref in enumerate(m.about) if ref not in entities
                and not any((section, ref) in locator.invalid_ids for section in ("people", "units", "events"))]
        if not m.sources and m.status != "source-needed":
            out.append(locator.error("measurements", m.id, ("sources",), f"needs at least one source (or status 'source-needed'); status is '{m.status}'"))
        elif m.status == "confirmed" and not any(store.sources[s].primary for s in m.sources if s in store.sources):
            out.append(locator.error("measurements", m.id, ("status",),
                                     "confirmed, but none of its sources is primary; add one or mark it 'reported'", severity="warning"))
    return out
