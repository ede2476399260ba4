"""Label placement without overlaps: label extents along an axis in, a row for each label out.

Greedy interval packing: each label takes the first row where it clears the labels already there.
"""

from __future__ import annotations

from collections.abc import Sequence


def assign_rows(spans: Sequence[tuple[float, float]], gap: float = 6.0, max_rows: int = 12) -> list[int]:
    """Rows (0, 1, 2, ...) for labels spanning (left, right) px, so that no two in a row overlap."""
    ends: list[float] = []
    rows: list[int] = []
    for left, right in spans:
        for row, end in enumerate(ends):
            if left >= end + gap:
                ends[row] = right
                rows.append(row)
                break
        else:
            if len(ends) < max_rows:
                ends.append(right)
                rows.append(len(ends) - 1)
            else:
                # Out of rows: reuse the row that frees up soonest rather than drop the label.
                row = min(range(len(ends)), key=ends.__getitem__)
                ends[row] = max(ends[row], right)
                rows.append(row)
    return rows


def edge_anchor(centre: float, width: float, plot_px: float, pad: float = 4.0) -> str:
    """'center', or 'left'/'right' when a centred label would run off the plot's edge."""
    if centre - width / 2 < pad:
        return "left"
    if centre + width / 2 > plot_px - pad:
        return "right"
    return "center"


def label_span(centre: float, width: float, anchor: str) -> tuple[float, float]:
    """The (left, right) px a label occupies when anchored at `centre` as `edge_anchor` said."""
    if anchor == "left":
        return centre, centre + width
    if anchor == "right":
        return centre - width, centre
    return centre - width / 2, centre + width / 2


def stack_levels(spans: Sequence[tuple[float, float]], roots: Sequence[float], gap: float = 6.0,
                 max_level: int = 6, budget_per_label: int = 30) -> list[int]:
    """Levels +1, -1, +2, -2, ... (above and below an axis) for labels whose leader lines rise from the axis.

    In: each label's (left, right) px and the x px its leader rises from. Out: one level per label such
    that no two labels at one level overlap, no leader runs up through a label nearer the axis, and no
    label covers the leader of one further out. Labels are placed in order, each at the lowest clear
    level, going back to move earlier ones when a label finds none. If that search runs past
    `budget_per_label` steps per label (crowded figures, where no clear layout may exist), each label
    takes the level with the least harm instead: a crossed leader before an overlap, nearer the axis
    first; no label is dropped.
    """
    order = [sign * height for height in range(1, max_level + 1) for sign in (1, -1)]
    items = list(zip(spans, roots, strict=True))

    def harm(i: int, level: int, levels: list[int]) -> int:
        (left, right), root = items[i]
        total = 0
        for j, other in enumerate(levels):
            if (other > 0) != (level > 0):
                continue
            (o_left, o_right), o_root = items[j]
            if abs(other) == abs(level):
                total += 100 * (not (left >= o_right + gap or o_left >= right + gap))
            elif abs(other) < abs(level):
                total += o_left - gap / 2 < root < o_right + gap / 2
            else:
                total += left - gap / 2 < o_root < right + gap / 2
        return total

    levels: list[int] = []
    tried: list[int] = []  # per placed label, the index in `order` of its level
    steps = 0
    while len(levels) < len(items) and steps < budget_per_label * len(items):
        i = len(levels)
        start = tried.pop() + 1 if len(tried) > i else 0
        choice = next((k for k in range(start, len(order)) if harm(i, order[k], levels) == 0), None)
        steps += 1
        if choice is not None:
            levels.append(order[choice])
            tried.append(choice)
        elif levels:
            levels.pop()  # back to the previous label, which tries its next level
        else:
            break
    if len(levels) == len(items):
        return levels
    levels = []
    for i in range(len(items)):
        levels.append(min(order, key=lambda lv: (harm(i, lv, levels), abs(lv))))
    return levels
