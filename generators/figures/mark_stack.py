"""Marks that share a time slot, stacked: each mark's x (px), Plotly symbol, size and outline width in; the
vertical offset (px, y down, 0 for the first row) each takes out, so that no two outlines come within `GAP` px.

The same packing as the release timeline's rows (`timeline_counts`, the item stacking of vis-timeline):
marks go in date order, each into the first row where it clears the row's last mark across by `GAP`; a row
then sits under the one above it by the tallest reaches that meet there plus `GAP`. The reach of a mark is
its shape as plotly.js draws it (a star reaches 1.4 radii up but 1.13 down, a triangle one radius to its
tip and half a radius to its base) plus half its outline's stroke, so marks are packed by what is drawn.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from generators.figures.timeline_counts import COUNT_PX, COUNT_W, Count, stack_spans

GAP = 1.25  # px between two stacked outlines: more than the 1 px at which outlines read as one
COUNT_REACH = (COUNT_W / 2, COUNT_PX * 0.7, COUNT_W / 2, COUNT_PX * 0.7)  # a count's text about its centre, with a little air

# Each symbol's reach (left, up, right, down) in radii (size / 2), from plotly.js's symbol paths.
REACH = {
    "circle": (1.0, 1.0, 1.0, 1.0),
    "square": (1.0, 1.0, 1.0, 1.0),
    "diamond": (1.3, 1.3, 1.3, 1.3),
    "hexagon": (0.866, 1.0, 0.866, 1.0),
    "triangle-up": (1.155, 1.0, 1.155, 0.5),
    "triangle-down": (1.155, 0.5, 1.155, 1.0),
    "star": (1.331, 1.4, 1.331, 1.133),
}


@dataclass(frozen=True)
class Drawn:
    """One mark as it is drawn: its x in px, symbol, size and outline width, and any ring drawn round it."""

    x: float
    symbol: str
    size: float
    stroke: float
    ring: tuple[str, float, float] | None = None  # (symbol, size, stroke) of a licence ring about the mark


def reach(symbol: str, size: float, stroke: float) -> tuple[float, float, float, float]:
    """(left, up, right, down) px a marker takes about its centre, its outline's stroke included."""
    left, up, right, down = REACH.get(symbol.split("-open")[0], (1.0, 1.0, 1.0, 1.0))
    r, s = size / 2, stroke / 2
    return (left * r + s, up * r + s, right * r + s, down * r + s)


def extent(mark: Drawn) -> tuple[float, float, float, float]:
    """(left, up, right, down) px the mark and its ring take about its centre."""
    boxes = [reach(mark.symbol, mark.size, mark.stroke)] + ([reach(*mark.ring)] if mark.ring else [])
    return tuple(max(b[k] for b in boxes) for k in range(4))  # type: ignore[return-value]


@dataclass(frozen=True)
class Capped:
    """Each mark's offset in px (None when it is hidden in a count), the counts, and the offset of their row."""

    offsets: list[float | None]
    counts: list[Count]
    count_offset: float


def stack(marks: Sequence[Drawn], order: Sequence[int], max_rows: int, plot_px: float) -> Capped:
    """Each mark's offset in px below the first row (marks given in date order); 0 for all when none meet.

    With `max_rows`, a slot that needs more rows keeps its last row for counts and the marks most prominent by
    `order` (indexes, most prominent first), as the release timeline does (`timeline_counts.stack_spans`):
    the rest are hidden (offset None) in counts standing in that row, whose text takes COUNT_REACH about its centre."""
    extents = [extent(m) for m in marks]
    spans = [(m.x - left, m.x + right) for m, (left, _, right, _) in zip(marks, extents, strict=True)]
    stacked = stack_spans(spans, [m.x for m in marks], order, max_rows, plot_px, GAP)
    rows = stacked.rows
    count = max([r for r in rows if r is not None] + [stacked.spread if stacked.counts else -1], default=-1) + 1
    ups, downs = [0.0] * count, [0.0] * count
    for (_, up, _, down), row in [*zip(extents, rows, strict=True), *([(COUNT_REACH, stacked.spread)] if stacked.counts else [])]:
        if row is not None:
            ups[row], downs[row] = max(ups[row], up), max(downs[row], down)
    offsets = [0.0] * count
    for row in range(1, count):
        offsets[row] = offsets[row - 1] + downs[row - 1] + ups[row] + GAP
    return Capped([None if r is None else offsets[r] for r in rows], stacked.counts, offsets[stacked.spread] if stacked.counts else 0.0)
