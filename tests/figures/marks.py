"""Where a time-axis figure's marks stand on screen: a built figure and its plan width in, the px box of each
ghost outline and of each event's mark out (x right, y down from the plot's top left), and the pairs that overlap.

Computed from the figure's own layout (axis ranges, margins, height) as Plotly maps data to pixels, so a
builder-level test can check marks without a browser; the mark shapes are those `ghosts.py` draws.
"""

from __future__ import annotations

import itertools
import re
from datetime import date
from typing import Any

Box = tuple[float, float, float, float]

# Half-extents of each marker shape as a multiple of its radius: (left, up, right, down), as Plotly draws them.
_REACH = {"circle": (1, 1, 1, 1), "square": (1, 1, 1, 1), "diamond": (1.3, 1.3, 1.3, 1.3), "triangle-up": (1.15, 1.25, 1.15, 0.75),
          "triangle-down": (1.15, 0.75, 1.15, 1.25), "hexagon": (1.1, 1.1, 1.1, 1.1), "star": (1.25, 1.25, 1.25, 1.25)}


def _day(value: Any) -> date:
    return date.fromisoformat(str(value)[:10])


def _mapping(fig: Any, width: int) -> tuple[Any, Any]:
    layout = fig.layout
    m = layout.margin
    x0, x1 = (_day(v) for v in layout.xaxis.range)
    r0, r1 = layout.yaxis.range
    plot_w, plot_h = width - m.l - m.r, layout.height - m.t - m.b

    def fx(v: Any) -> float:
        return (_day(v) - x0).days / (x1 - x0).days * plot_w

    def fy(v: float) -> float:
        return (r1 - v) / (r1 - r0) * plot_h

    return fx, fy


def _path_box(shape: Any) -> tuple[float, float, float, float]:
    """(left, bottom, right, top) of a pixel-sized shape about its anchor (Plotly's pixel y runs up)."""
    if shape.type == "path":
        nums = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", shape.path)]
        return min(nums[0::2]), min(nums[1::2]), max(nums[0::2]), max(nums[1::2])
    return shape.x0, shape.y0, shape.x1, shape.y1


def ghost_boxes(fig: Any, width: int) -> list[tuple[str, Box]]:
    """(shape name, screen box) of every ghost outline of a time-axis figure."""
    shapes = [s for s in fig.layout.shapes if (s.name or "").startswith("ghost ") and not s.name.startswith(("ghost link", "ghost span"))]
    if not shapes:
        return []
    fx, fy = _mapping(fig, width)
    out = []
    for s in shapes:
        left, bottom, right, top = _path_box(s)
        x, y = fx(s.xanchor), fy(s.yanchor)
        out.append((s.name, (x + left, y - top, x + right, y - bottom)))
    return out


def mark_boxes(fig: Any, width: int) -> list[tuple[str, Box]]:
    """(event id, screen box) of every visible mark that stands for an event, its licence ring included."""
    return _event_boxes(fig, width, _REACH, with_stroke=False)


def overlaps(a: Box, b: Box, clear: float = 1.0) -> bool:
    """Whether two boxes come closer than `clear` px both across and down (outlines that merely touch read as one)."""
    return min(a[2], b[2]) - max(a[0], b[0]) > -clear and min(a[3], b[3]) - max(a[1], b[1]) > -clear


def ghost_clashes(fig: Any, width: int) -> list[str]:
    """Every pair of ghost outlines that overlap, and every ghost outline over an event's mark."""
    ghosts, marks = ghost_boxes(fig, width), mark_boxes(fig, width) if fig.layout.shapes else []
    found = [f"{a} overlaps {b}" for (a, p), (b, q) in itertools.combinations(ghosts, 2) if overlaps(p, q)]
    found += [f"{a} covers the mark of {b}" for (a, p), (b, q) in itertools.product(ghosts, marks) if overlaps(p, q)]
    return found


# Half-extents as plotly.js draws each symbol (its symbol paths), in radii: (left, up, right, down).
_DRAWN = {"circle": (1, 1, 1, 1), "square": (1, 1, 1, 1), "diamond": (1.3, 1.3, 1.3, 1.3), "hexagon": (0.866, 1, 0.866, 1),
          "triangle-up": (1.155, 1, 1.155, 0.5), "triangle-down": (1.155, 0.5, 1.155, 1), "star": (1.331, 1.4, 1.331, 1.133)}


def outline_boxes(fig: Any, width: int) -> list[tuple[str, Box]]:
    """(event id, screen box) of every event's drawn mark and licence ring, as plotly.js draws the shape, with half
    its outline's stroke: what a reader sees of it."""
    return _event_boxes(fig, width, _DRAWN, with_stroke=True)


def _event_boxes(fig: Any, width: int, reach: dict[str, tuple[float, float, float, float]],
                 with_stroke: bool) -> list[tuple[str, Box]]:
    """The screen box of each point of the event-mark traces (not the legend's, not ghost dates, not hidden), from a
    table of each symbol's half-extents in radii, widened by half the outline's stroke when `with_stroke`."""
    fx, fy = _mapping(fig, width)
    out = []
    for t in fig.data:
        if t.mode != "markers" or t.showlegend or t.customdata is None or t.name == "ghost dates" or t.marker.opacity == 0:
            continue
        n = len(t.customdata)
        sizes = list(t.marker.size) if isinstance(t.marker.size, tuple) else [t.marker.size] * n
        symbols = list(t.marker.symbol) if isinstance(t.marker.symbol, tuple) else [t.marker.symbol] * n
        stroke = (t.marker.line.width or 0) / 2 if with_stroke else 0.0
        for event, x, y, size, symbol in zip(t.customdata, t.x, t.y, sizes, symbols, strict=True):
            if x is None or y is None:  # a gap between the segments of a line-like trace
                continue
            left, up, right, down = reach.get(str(symbol).split("-open")[0], (1, 1, 1, 1))
            r, cx, cy = size / 2, fx(x), fy(y)
            out.append((str(event), (cx - left * r - stroke, cy - up * r - stroke, cx + right * r + stroke, cy + down * r + stroke)))
    return out


def mark_clashes(fig: Any, width: int) -> list[str]:
    """Every pair of different events whose drawn marks (or rings) come within 1 px of each other."""
    boxes = outline_boxes(fig, width)
    return [f"{a} touches {b}" for (a, p), (b, q) in itertools.combinations(boxes, 2) if a != b and overlaps(p, q)]
