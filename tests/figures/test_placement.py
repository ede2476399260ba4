"""The shared label placement (`LabelBoard`): no text box overlaps another, ranks decide who gets room, the rest are None."""

from __future__ import annotations

import math
import random

from generators.figures.placement import Box, LabelBoard


def _rows(left: float, width: float, rows: int = 3) -> list[list[Box]]:
    return [[Box(left, r * 20, left + width, r * 20 + 16)] for r in range(rows)]


def test_placed_labels_never_overlap_and_stay_in_bounds() -> None:
    rng = random.Random(3)
    board = LabelBoard(bounds=(0, -math.inf, 400, math.inf), gap=4)
    lefts = [rng.uniform(-20, 380) for _ in range(200)]
    for i, left in enumerate(lefts):
        board.request(i, _rows(left, rng.uniform(20, 120)), (rng.random(),))
    chosen = board.place(repair=10)
    boxes = [b for b in board.placed if b.text]
    assert 0 < sum(c is not None for c in chosen.values()) < 200, "a crowded board labels some, not all"
    for i, a in enumerate(boxes):
        assert a.x0 >= 0 and a.x1 <= 400, f"{a} leaves the bounds"
        for b in boxes[i + 1:]:
            assert not a.clashes(b, 4), f"{a} and {b} overlap"


def test_the_better_ranked_label_gets_the_only_room() -> None:
    board = LabelBoard(gap=4)
    board.request("leaf", _rows(0, 100, rows=1), (1,))
    board.request("flagship", _rows(50, 100, rows=1), (0,))
    assert board.place() == {"flagship": 0, "leaf": None}


def test_a_label_moves_one_in_its_way_when_that_makes_room_for_both() -> None:
    board = LabelBoard(gap=4)
    board.request("first", [[Box(0, 0, 100, 16)], [Box(0, 20, 100, 36)]], (0,))
    board.request("second", [[Box(50, 0, 150, 16)]], (1,))
    assert board.place() == {"first": 0, "second": None}
    board = LabelBoard(gap=4)
    board.request("first", [[Box(0, 0, 100, 16)], [Box(0, 20, 100, 36)]], (0,))
    board.request("second", [[Box(50, 0, 150, 16)]], (1,))
    assert board.place(repair=1) == {"first": 1, "second": 0}, "without repair the second label would find no room"


def test_marks_and_leaders_may_cross_each_other_but_not_text() -> None:
    board = LabelBoard(gap=2)
    board.block(Box(10, 0, 12, 100, text=False))
    assert board.fits([Box(0, 50, 20, 52, text=False)]), "two non-text boxes may cross"
    assert not board.fits([Box(0, 40, 30, 56)]), "text may not cover a leader"
