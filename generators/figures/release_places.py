"""Where a release timeline's label may go: a mark's centre and label width in, its candidate places out.

Rows 1..MAX_LEVEL above the axis, then below, each centred on the mark, starting or ending there, or
(near an edge) slid just inside the plot; each place is its leader's segments and then its text box,
built as the `LabelBoard` asks for them, in px with y down from the axis.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import overload

from generators.figures.placement import Box, label_span

LABEL_PX = 34  # two lines of 12 px text, as Plotly sets them
ROW_PX = 44  # from one label row to the next
MARK_PX = 16
MAX_LEVEL = 6  # label rows on each side of the axis


@dataclass(frozen=True)
class Placed:
    """A label's row (+n above the axis, -n below) and horizontal anchor."""

    level: int
    anchor: str
    shift: float = 0.0  # px the label is slid sideways from its anchor, to stay inside the plot


def row_base(level: int, band: float) -> float:
    """Distance in px from the axis to the near edge of label row `level` (1, 2, ...)."""
    return band + (level - 1) * ROW_PX



class LabelPlaces(Sequence["_Place"]):
    """A label's places, built as the board asks for them: rows 1..MAX_LEVEL, above then below, each centred on
    its marker, starting or ending there, or (near an edge) slid just inside the plot.

    A place is its leader's segments (one per row gap it crosses, shared by every place further out, so the
    board settles a blocked column once) and then its text box, in px with y down from the axis."""

    def __init__(self, centre: float, width: float, mark_y: float, band: float, plot_px: float) -> None:
        self.centre, self.width, self.mark_y, self.band = centre, width, mark_y, band
        slid = min(max(centre, width / 2), plot_px - width / 2) - centre
        self.anchors = [("center", 0.0), ("left", 0.0), ("right", 0.0)] + ([("center", slid)] if slid else [])
        self._segments: dict[int, list[Box]] = {}  # by side (+1 above, -1 below), outward

    def __len__(self) -> int:
        return MAX_LEVEL * 2 * len(self.anchors)

    def level(self, index: int) -> int:
        """The row of place `index` (+n above, -n below): rows outward, above before below, then the anchors."""
        per_level = len(self.anchors)
        return (1 if (index // per_level) % 2 == 0 else -1) * (index // (2 * per_level) + 1)

    def option(self, index: int) -> Placed:
        """The row and anchor of place `index`."""
        anchor, shift = self.anchors[index % len(self.anchors)]
        return Placed(self.level(index), anchor, shift)

    @overload
    def __getitem__(self, index: int) -> _Place: ...

    @overload
    def __getitem__(self, index: slice) -> list[_Place]: ...

    def __getitem__(self, index: int | slice) -> _Place | list[_Place]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if not 0 <= index < len(self):
            raise IndexError(index)
        return _Place(self, index)

    def __iter__(self) -> Iterator[_Place]:
        return (_Place(self, i) for i in range(len(self)))

    def segment(self, side: int, k: int) -> Box:
        """Segment `k` (0: from the marker to row 1, k: from row k to row k + 1) of the leader on `side` (+1 above, -1 below)."""
        segments = self._segments.setdefault(side, [])
        while len(segments) <= k:
            n = len(segments)
            # Heights above the axis: the marker's edge, then 5 px short of each row on the way out.
            a = self.mark_y + side * MARK_PX / 2 if n == 0 else side * (row_base(n, self.band) - 5)
            b = side * (row_base(n + 1, self.band) - 5)
            segments.append(Box(self.centre - 1, -max(a, b), self.centre + 1, -min(a, b), text=False))
        return segments[k]

    def text(self, index: int) -> Box:
        """The text box of place `index`."""
        option = self.option(index)
        left, right = label_span(self.centre + option.shift, self.width, option.anchor)
        near = row_base(abs(option.level), self.band)
        return Box(left, -(near + LABEL_PX), right, -near) if option.level > 0 else Box(left, near, right, near + LABEL_PX)


class _Place(Sequence[Box]):
    """One place of a label: its leader's segments, then its text box, built only when the board gets that far
    (a place whose leader is blocked is rejected without building its text box)."""

    __slots__ = ("options", "at")

    def __init__(self, options: LabelPlaces, at: int) -> None:
        self.options, self.at = options, at

    def __iter__(self) -> Iterator[Box]:
        level = self.options.level(self.at)
        side = 1 if level > 0 else -1
        for k in range(abs(level)):
            yield self.options.segment(side, k)
        yield self.options.text(self.at)

    def __len__(self) -> int:
        return abs(self.options.level(self.at)) + 1

    @overload
    def __getitem__(self, index: int) -> Box: ...

    @overload
    def __getitem__(self, index: slice) -> list[Box]: ...

    def __getitem__(self, index: int | slice) -> Box | list[Box]:
        return list(self)[index]
