"""Where ghost marks stand: the marks a figure has drawn and, per ghost, the heights it may take in; the height
each ghost takes out, so that no ghost mark sits on a mark or on another ghost.

A ghost mark obeys the rule every label obeys (`placement.LabelBoard`): the figure's marks (and their
licence rings) are blocked on a board, then each ghost takes the first of its heights, best first, at which
its mark's box clears everything on the board. Its x stays its date; only its height moves (a row below a
stack of marks, a step back along an arrow), and the dotted link to its main mark says whose it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from generators.figures.ghosts import unit_points
from generators.figures.placement import Box, LabelBoard

Rect = tuple[float, float, float, float]  # left, top, right, bottom in px (y down)


@dataclass(frozen=True)
class Mark:
    """A mark already drawn: its centre in px (y down), shape and size; text and ghosts keep clear of it."""

    x: float
    y: float
    symbol: str
    size: float


def mark_reach(symbol: str, size: float) -> Rect:
    """The box (left, top, right, bottom; y down) a marker of `symbol` and `size` px takes about its centre."""
    base = symbol.split("-open")[0]
    if base in ("circle", "square"):
        return (-size / 2, -size / 2, size / 2, size / 2)
    points = [(x * size / 2, -y * size / 2) for x, y in unit_points(base)]
    return (min(x for x, _ in points), min(y for _, y in points), max(x for x, _ in points), max(y for _, y in points))


def block_mark(board: LabelBoard, x: float, y: float, symbol: str, size: float) -> None:
    """Put a mark of `symbol` on a board as the box it takes, for text and ghost marks to keep clear of."""
    left, top, right, bottom = mark_reach(symbol, size)
    board.block(Box(x + left, y + top, x + right, y + bottom, text=False))


def stack_ghosts(board: LabelBoard, ghosts: Sequence[tuple[float, Sequence[float], str]], size: float) -> list[int]:
    """Where each ghost mark goes: for each ghost (x px, the ys in px it may take, best first, its symbol), the
    index of the y it takes, on a board (y down) that holds the kind's own marks and text.

    A ghost mark obeys the rule every label obeys: it takes the first y at which it clears everything on the
    board and every ghost placed before it (ghosts take turns in date order) by the board's gap; its date
    stays its x. One with no clear y takes its first (its hover card and the data table still give it).
    `board` is left as it was: the kind blocks the marks where they went before it places their labels.
    """
    scratch = LabelBoard(gap=board.gap)
    for box in board.placed:
        scratch.block(box)
    for i, (x, ys, symbol) in enumerate(ghosts):
        left, top, right, bottom = mark_reach(symbol, size)
        scratch.request(("mark", i), _Heights(x + left, x + right, top, bottom, ys), (x, i))
    chosen = scratch.place()
    return [chosen[("mark", i)] or 0 for i in range(len(ghosts))]



class _Heights(Sequence[list[Box]]):
    """A ghost mark's candidate places, one box per height, built when the board tries them: most ghosts find
    room within a few heights, so building all of them (tens per ghost) would cost more than placing."""

    def __init__(self, left: float, right: float, top: float, bottom: float, ys: Sequence[float]) -> None:
        self.left, self.right, self.top, self.bottom, self.ys = left, right, top, bottom, ys

    def __len__(self) -> int:
        return len(self.ys)

    def __getitem__(self, i: int) -> list[Box]:  # type: ignore[override]  # (no slices: the board indexes one place)
        y = self.ys[i]
        return [Box(self.left, y + self.top, self.right, y + self.bottom)]


def spread_ghosts(marks: Iterable[Mark], ghosts: Sequence[tuple[float, Sequence[float], str]], size: float) -> list[int]:
    """`stack_ghosts` on a board holding only `marks`: for each ghost (x, heights, symbol), the index of its height."""
    board = LabelBoard(gap=2)
    for mark in marks:
        block_mark(board, mark.x, mark.y, mark.symbol, mark.size)
    return stack_ghosts(board, ghosts, size)
