"""The `stacked-timelines` kind (F7): its spec class, the events on its lanes and the check of its lanes in, its FigureKind out."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from generators.figures.kind import FigureKind, on_lanes
from generators.model.figures import StackedTimelinesSpec
from generators.model.store import Store

if TYPE_CHECKING:
    from generators.errors import DataError, Locator


def build(store: Store, spec: Any, width: int) -> Any:
    from generators.figures import stacked_timelines  # the layout; plotly is imported when a figure is drawn

    return stacked_timelines.build(store, spec, width)


def checks(store: Store, locator: Locator, spec: Any) -> list[DataError]:
    """Lanes must not leave out events the selection chooses."""
    if not spec.options.lanes:
        return []
    dropped: dict[str, list[str]] = {}
    for event in store.select(spec.subject, spec.select):  # not `on_lanes`, which keeps only the lanes' events
        if event.axis not in spec.options.lanes:
            dropped.setdefault(event.axis, []).append(event.id)
    return [locator.error("figures", spec.id, ("options", "lanes"), f"leaves out axis '{axis}', where {len(ids)} selected event(s) lie "
                          f"({', '.join(ids[:3])}{', ...' if len(ids) > 3 else ''}); add the lane or narrow `select.axes`")
            for axis, ids in dropped.items()]


KIND = FigureKind(StackedTimelinesSpec, build, events=on_lanes, checks=checks, page_rank=0)
