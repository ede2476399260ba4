"""Rules for figure specs: a Store and where its records stand in, each figure's problems out.

A figure must draw its own subject's events (unless it says `cross_subject: true`), its selection must
match something it draws, and its bands and markers must fall inside its window; then each kind's own
checks (lanes that drop selected events, a posture matrix's labs without a row). What a figure draws is
its kind's answer (`registry.drawn`), the same one it is drawn from.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from generators.errors import DataError, did_you_mean
from generators.figures.registry import KINDS, drawn
from generators.model.events import Event
from generators.model.store import Store

if TYPE_CHECKING:
    from generators.errors import Locator


def check_figures(store: Store, locator: Locator) -> list[DataError]:
    out: list[DataError] = []
    for spec in store.figures.values():
        if spec.subject is not None and spec.subject not in store.subjects:
            continue  # the unknown subject is reported; what it would select is not worth a second message
        for rule in (_cross_subject, _empty_selection, _time_marks, KINDS[spec.kind].checks):
            out.extend(rule(store, locator, spec))
    return out


def _err(locator: Locator, spec: Any, sub: tuple[str | int, ...], message: str) -> DataError:
    return locator.error("figures", spec.id, sub, message)


def _pool(store: Store, spec: Any) -> list[Event]:
    """The events a figure's criteria choose from: its subject's, or every subject's when it is series-wide."""
    return store.of_subject(None if spec.subject is None or spec.cross_subject else spec.subject)


def _where(spec: Any) -> str:
    return f"subject '{spec.subject}'" if spec.subject and not spec.cross_subject else "the series"


def _cross_subject(store: Store, locator: Locator, spec: Any) -> list[DataError]:
    if spec.subject is None or spec.cross_subject:
        return []
    return [_err(locator, spec, ("select", "events", i),
                 f"event '{eid}' belongs to subject '{store.events[eid].subject}', not '{spec.subject}'; "
                 "set `cross_subject: true` on the figure if it is meant to draw both")
            for i, eid in enumerate(spec.select.events) if eid in store.events and store.events[eid].subject != spec.subject]


def _empty_selection(store: Store, locator: Locator, spec: Any) -> list[DataError]:
    """Each criterion must match some event of the pool, and together they must match one the kind draws."""
    kind = KINDS[spec.kind]
    if not kind.selects or any(e not in store.events for e in spec.select.events):
        return []
    sel, pool = spec.select, _pool(store, spec)
    releases = [e.release for e in pool if e.release]
    out = []
    for name, values, known in (("families", sel.families, {r.family for r in releases}),
                                ("tiers", sel.tiers, {r.tier for r in releases}),
                                ("axes", sel.axes, {e.axis for e in pool}),
                                ("tags", sel.tags, {t for e in pool for t in e.tags})):
        for i, value in enumerate(values):
            if value not in known:
                out.append(_err(locator, spec, ("select", name, i),
                                f"no event of {_where(spec)} has {name[:-1] if name != 'families' else 'family'} '{value}'"
                                f"{did_you_mean(value, sorted(known))}"))
    if out or drawn(store, spec):
        return out
    where: tuple[str | int, ...] = ("select",) if spec.select.model_fields_set else ("subject",) if spec.subject else ("kind",)
    given = [f"{name} [{', '.join(values)}]" for name, values in spec.select if values and name != "events"]
    hint = (f" ({' and '.join(given)} have no event in common)" if len(given) > 1 and not store.select(spec.subject, sel)
            else f" (a {spec.kind} figure draws releases only)" if kind.draws == "release" else "")
    return [_err(locator, spec, where, f"selects no {kind.draws} of {_where(spec)}{hint}; the figure would be empty")]


def _span(store: Store, spec: Any) -> tuple[date, date] | None:
    """The dates the figure shows: its window, or (as the figures compute it) its events' span padded by a tenth."""
    if spec.window is not None:
        return spec.window.start, spec.window.end
    events = drawn(store, spec)
    if not events:
        return None
    lo, hi = min(e.date.start for e in events), max(e.date.end for e in events)
    pad = timedelta(days=max(30, (hi - lo).days // 10))
    return lo - pad, hi + pad


def _time_marks(store: Store, locator: Locator, spec: Any) -> list[DataError]:
    marks = [("bands", i, m) for i, m in enumerate(spec.bands)] + [("markers", i, m) for i, m in enumerate(spec.markers)]
    if not KINDS[spec.kind].time_axis:
        out = [_err(locator, spec, (name, i), f"a {spec.kind} figure has no time axis, so its {name} are not drawn; remove them")
               for name, i, _ in marks[:1]]
        if spec.window is not None:
            out.append(_err(locator, spec, ("window",), f"a {spec.kind} figure has no time axis; remove `window`"))
        return out
    span = _span(store, spec) if marks else None
    if span is None:
        return []
    lo, hi = span
    shown = f"{_day(lo)} – {_day(hi)}" + ("" if spec.window else ", its events' span with a margin")
    return [_err(locator, spec, (name, i, "date"), f"{m.date.label()} lies {'wholly ' if m.date.end < lo or m.date.start > hi else 'partly '}"
                 f"outside the figure's window ({shown}); move it or widen `window`")
            for name, i, m in marks if m.date.start < lo or m.date.end > hi]


def _day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"
