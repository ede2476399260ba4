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
