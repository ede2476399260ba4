"""Marks that share a time slot, stacked, with a count where a slot holds more than fit: mark centres in, rows and counts out.

Marks stack in rows around the axis as vis-timeline stacks items: each goes to the lowest row where it
meets no other. When a slot needs more than `max_rows` rows, the top row is kept for counts, marks go
(most prominent first) to the lowest free row below it, and a mark with no free row is hidden; hidden
marks near one another share one count mark ("+23") over them, whose hover lists them, as map marker
clusters collapse (Leaflet.markercluster, supercluster); a lone one takes the top row itself. The
stacking is computed for the figure's own scale and for each of ZOOMS times it, so the live figure can
show the one for the reader's zoom: a count opens into its marks once there is room for them. Each
level costs O(n log n).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from generators.figures.placement import first_fit_rows
from generators.figures.text import text_width

ZOOMS = (1, 2, 4, 8, 16, 32)
COUNT_PX = 11  # font size of a count
COUNT_W = text_width("+999", COUNT_PX) * 1.1 + 4  # px a count takes across, whatever its number


@dataclass(frozen=True)
class Count:
    """A count mark: its centre in px and the indexes of the marks it holds."""

    x: float
    members: tuple[int, ...]


@dataclass(frozen=True)
class Stacked:
    """A row per mark (None when it is hidden in a count), the counts, and the top row's index."""

    rows: list[int | None]
    counts: list[Count]
    spread: int


def stack(centres: Sequence[float], order: Sequence[int], mark_px: float, max_rows: int, plot_px: float,
          gap: float = 1) -> Stacked:
    """Rows for marks centred at `centres` (px); `order` lists the indexes most prominent first, for the
    crowded case. When every mark fits in `max_rows` rows the result is plain greedy stacking in index order."""
    return stack_spans([(c - mark_px / 2, c + mark_px / 2) for c in centres], centres, order, max_rows, plot_px, gap)


def stack_spans(spans: Sequence[tuple[float, float]], centres: Sequence[float], order: Sequence[int], max_rows: int,
                plot_px: float, gap: float = 1) -> Stacked:
    """`stack` for marks of their own widths: each mark's (left, right) px and centre."""
    plain = first_fit_rows(spans, gap, max_rows)
    if plain is not None:
        return Stacked(list(plain), [], max(plain, default=0))
    rows: list[int | None] = [None] * len(spans)
    taken: list[tuple[list[float], list[float]]] = [([], []) for _ in range(max_rows - 1)]  # per row: lefts, rights
    for i in order:
        left, right = spans[i]
        for r, (lefts, rights) in enumerate(taken):
            k = bisect.bisect_left(lefts, left)
            if (k == 0 or rights[k - 1] + gap <= left) and (k == len(lefts) or right + gap <= lefts[k]):
                lefts.insert(k, left)
                rights.insert(k, right)
                rows[i] = r
                break
    hidden = sorted((i for i, r in enumerate(rows) if r is None), key=lambda i: centres[i])
    counts = []
    for count in _counts(hidden, centres, plot_px):
        if len(count.members) == 1:  # "+1" would take the room of the mark itself: show the mark in the top row
            rows[count.members[0]] = max_rows - 1
        else:
            counts.append(count)
    return Stacked(rows, counts, max_rows - 1)


def _counts(hidden: list[int], centres: Sequence[float], plot_px: float) -> list[Count]:
    """Hidden marks (sorted by centre) gathered into counts at least a count's width apart, inside the plot."""
    half = COUNT_W / 2

    def at(members: list[int]) -> float:
        return min(max((centres[members[0]] + centres[members[-1]]) / 2, half), plot_px - half)

    groups: list[list[int]] = []
    for i in hidden:
        if groups and centres[i] - centres[groups[-1][0]] <= COUNT_W:
            groups[-1].append(i)
            continue
        groups.append([i])
        # A new count too near the one before merges with it, and the merged one may then crowd its own neighbour.
        while len(groups) > 1 and at(groups[-1]) - at(groups[-2]) < COUNT_W + 2:
            last = groups.pop()
            groups[-1].extend(last)
    return [Count(at(g), tuple(g)) for g in groups]


def levels(centres: Sequence[float], order: Sequence[int], mark_px: float, max_rows: int, plot_px: float) -> list[Stacked]:
    """The stacking at each zoom of ZOOMS (the figure's own scale first)."""
    return [stack([c * z for c in centres], order, mark_px, max_rows, plot_px * z) for z in ZOOMS]
