"""Label placement without overlaps: the text boxes and marks of a figure in, a place (or none) per label out.

`LabelBoard` is the one mechanism every figure kind places its text with. A builder `block`s what stands
where it stands (marks, fixed titles), `request`s each label with its candidate places in order of
preference and a rank (its importance), then `place`s them all: labels go in rank order, each to its
first candidate that clears everything already on the board (boxes of text never overlap, nor leave
the board's bounds), and a label with no clear candidate is left unlabelled for the builder to make
reachable another way (hover, a key, the data table) and to count. Any mark that carries a label (a
release, a ghost of an alternative claim) registers it on the same board, so no two ever collide.

A uniform grid of cells indexes the placed boxes, so each check looks at the few boxes near it: with a
bounded number of candidates per label, placing n labels costs O(n log n), the sort by rank. Within one
label's search each box is checked once: candidates that share a box object (the leader segment every
higher row's leader runs through) are settled by the first check of it, so a label with no room left
costs a handful of checks, not one per candidate. Candidates may be any sequence, built lazily.

`assign_rows` is the older interval packing the stacked timelines use for their lanes.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field


def assign_rows(spans: Sequence[tuple[float, float]], gap: float = 6.0, max_rows: int = 12) -> list[int]:
    """Rows (0, 1, 2, ...) for labels spanning (left, right) px, so that no two in a row overlap
    (past `max_rows`, a label shares the row that frees up soonest rather than being dropped)."""
    rows = _pack(spans, gap, max_rows, reuse=True)
    assert rows is not None  # reusing rows never runs out
    return rows


def first_fit_rows(spans: Sequence[tuple[float, float]], gap: float, max_rows: int) -> list[int] | None:
    """Each span to the first row whose last span ends `gap` before it starts; None when more than `max_rows` are needed."""
    return _pack(spans, gap, max_rows, reuse=False)


def _pack(spans: Sequence[tuple[float, float]], gap: float, max_rows: int, reuse: bool) -> list[int] | None:
    """First fit in O(n log rows): each span to the lowest row whose end lies `gap` before its left, else a new row.

    The rows' ends sit in a tree of minima (`_RowEnds`), so finding the first row free for a span, or the row
    that frees up soonest, walks one path down the tree instead of scanning every row."""
    free_from = _RowEnds(max(1, min(max_rows, len(spans))))  # each row's end + gap: where it is free again
    ends: list[float] = []
    rows: list[int] = []
    count = 0
    for left, right in spans:
        row = free_from.first_at_most(left)
        if row is None:
            if count < max_rows:
                row, count = count, count + 1
                ends.append(right)
            elif not reuse:
                return None
            else:
                # Out of rows: reuse the row that frees up soonest rather than drop the label.
                row = free_from.soonest()
                right = max(ends[row], right)
        ends[row] = right
        free_from.set(row, right + gap)
        rows.append(row)
    return rows


class _RowEnds:
    """A value per row (inf while the row is unused), in a segment tree of minima over the row index."""

    def __init__(self, size: int) -> None:
        self.size = 1 << (size - 1).bit_length()
        self.tree = [math.inf] * (2 * self.size)

    def set(self, row: int, end: float) -> None:
        node = self.size + row
        self.tree[node] = end
        while node > 1:
            node //= 2
            self.tree[node] = min(self.tree[2 * node], self.tree[2 * node + 1])

    def first_at_most(self, limit: float) -> int | None:
        """The lowest row whose value is at most `limit`, or None."""
        if self.tree[1] > limit:
            return None
        node = 1
        while node < self.size:
            node = 2 * node if self.tree[2 * node] <= limit else 2 * node + 1
        return node - self.size

    def soonest(self) -> int:
        """The row with the least value (the lowest such row on a tie)."""
        row = self.first_at_most(self.tree[1])
        assert row is not None
        return row


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


@dataclass(frozen=True)
class Box:
    """A rectangle in px (x grows right, y grows down). `text` boxes may not overlap any other box;
    two boxes that are both not text (marks, leader lines) may."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: bool = True

    def clashes(self, other: Box, gap: float) -> bool:
        if not (self.text or other.text):
            return False
        return self.x0 < other.x1 + gap and other.x0 < self.x1 + gap and self.y0 < other.y1 + gap and other.y0 < self.y1 + gap


Candidate = Sequence[Box]  # one place for a label: its text box first, then whatever else it needs clear (its leader)


@dataclass
class _Request:
    key: Hashable
    candidates: Sequence[Candidate]
    rank: tuple[object, ...]
    order: int


@dataclass
class LabelBoard:
    """The text boxes and marks of one figure, and the labels waiting for a place among them.

    `bounds` (x0, y0, x1, y1) is where text boxes may go; infinite sides leave a direction open (a timeline
    that grows rows as it needs them). `gap` is the clear space kept between a text box and anything else.
    """

    bounds: tuple[float, float, float, float] = (-math.inf, -math.inf, math.inf, math.inf)
    gap: float = 4.0
    cell: float = 64.0
    placed: list[Box] = field(default_factory=list)
    _grid: dict[tuple[int, int], list[Box]] = field(default_factory=dict)
    _requests: list[_Request] = field(default_factory=list)
    _held: dict[int, list[Box]] = field(default_factory=dict)
    _owners: dict[int, _Request] = field(default_factory=dict)

    def _cells(self, box: Box) -> list[tuple[int, int]]:
        g, c = self.gap, self.cell
        xs = range(math.floor((box.x0 - g) / c), math.floor((box.x1 + g) / c) + 1)
        ys = range(math.floor((box.y0 - g) / c), math.floor((box.y1 + g) / c) + 1)
        return [(x, y) for x in xs for y in ys]

    def block(self, box: Box) -> None:
        """Put a box on the board as it stands: a mark, a title, a label placed by other means."""
        self.placed.append(box)
        for cell in self._cells(box):
            self._grid.setdefault(cell, []).append(box)

    def fits(self, boxes: Candidate) -> bool:
        """Whether every box is within bounds (text only) and clear of everything on the board."""
        return all(self._clear(box) for box in boxes)

    def _clear(self, box: Box) -> bool:
        """Whether one box is within bounds (text only) and clear of everything on the board."""
        bx0, by0, bx1, by1 = self.bounds
        x0, y0, x1, y1, text = box.x0, box.y0, box.x1, box.y1, box.text
        if text and (x0 < bx0 or y0 < by0 or x1 > bx1 or y1 > by1):
            return False
        g, c, grid = self.gap, self.cell, self._grid
        # The clash test of Box.clashes, inlined: this loop is most of a crowded figure's placement time.
        for cx in range(math.floor((x0 - g) / c), math.floor((x1 + g) / c) + 1):
            for cy in range(math.floor((y0 - g) / c), math.floor((y1 + g) / c) + 1):
                for o in grid.get((cx, cy), ()):
                    if (text or o.text) and x0 < o.x1 + g and o.x0 < x1 + g and y0 < o.y1 + g and o.y0 < y1 + g:
                        return False
        return True

    def request(self, key: Hashable, candidates: Sequence[Candidate], rank: tuple[object, ...] = ()) -> None:
        """Ask for a place for label `key`: the first of `candidates` that fits, when its turn comes by `rank`
        (smaller first; equal ranks keep the order of the requests)."""
        self._requests.append(_Request(key, candidates, rank, len(self._requests)))

    def _unblock(self, boxes: Candidate) -> None:
        for box in boxes:
            self.placed.remove(box)
            for cell in self._cells(box):
                self._grid[cell].remove(box)

    def _take(self, candidate: Candidate) -> None:
        for box in candidate:
            self.block(box)

    def _first_fit(self, req: _Request) -> int | None:
        """The index of the first candidate of `req` that fits, checking each distinct box once."""
        # By identity (cheaper than hashing a box), holding each box so that its id is not reused meanwhile.
        known: dict[int, tuple[Box, bool]] = {}
        for i, candidate in enumerate(req.candidates):
            for box in candidate:
                seen = known.get(id(box))
                clear = seen[1] if seen is not None else known.setdefault(id(box), (box, self._clear(box)))[1]
                if not clear:
                    break
            else:
                return i
        return None

    def place(self, *, repair: int = 0) -> dict[Hashable, int | None]:
        """Place every requested label in rank order: for each key, the index of the candidate it took, or None.

        A label that finds no room may move one of the labels in its way to another of that label's
        candidates, when that makes room for both; `repair` caps how many labels get that search (it costs
        candidates squared per label, so the cap keeps placement O(n log n) on crowded figures).
        """
        chosen: dict[Hashable, int | None] = {}
        # The boxes each placed label holds on the board (a lazy candidate sequence builds new ones on
        # every access, so the ones taken are kept), and which label holds each box.
        self._held: dict[int, list[Box]] = {}
        self._owners: dict[int, _Request] = {}
        for req in sorted(self._requests, key=lambda r: (r.rank, r.order)):
            index = self._first_fit(req)
            if index is None and repair > 0:
                repair -= 1
                index = self._repair(req, chosen)
            chosen[req.key] = index
            if index is not None:
                self._hold(req, list(req.candidates[index]))
        self._requests = []
        return chosen

    def _hold(self, req: _Request, boxes: list[Box]) -> None:
        self._take(boxes)
        self._held[req.order] = boxes
        self._owners.update({id(box): req for box in boxes})

    def _release(self, req: _Request) -> list[Box]:
        boxes = self._held.pop(req.order)
        self._unblock(boxes)
        for box in boxes:
            self._owners.pop(id(box), None)
        return boxes

    def _blockers(self, req: _Request) -> list[_Request]:
        """The labels whose boxes stand where `req`'s first candidates would go, nearest choices first."""
        found: dict[int, _Request] = {}
        for candidate in req.candidates[:4]:
            for box in candidate:
                for cell in self._cells(box):
                    for other in self._grid.get(cell, ()):
                        owner = self._owners.get(id(other))
                        if owner is not None and box.clashes(other, self.gap):
                            found.setdefault(owner.order, owner)
        return list(found.values())[:3]

    def _repair(self, req: _Request, chosen: dict[Hashable, int | None]) -> int | None:
        """Move one label in the way to another of its candidates so that `req` fits; the index `req` takes, or None."""
        for other in self._blockers(req):
            current = chosen[other.key]
            assert current is not None
            held = self._release(other)
            for alt, candidate in enumerate(other.candidates):
                if alt == current or not self.fits(candidate):
                    continue
                boxes = list(candidate)
                self._hold(other, boxes)
                index = self._first_fit(req)
                if index is not None:
                    chosen[other.key] = alt
                    return index
                self._release(other)
            self._hold(other, held)
        return None
