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


def _scan_first_fit(spans: list[tuple[float, float]], gap: float, max_rows: int, reuse: bool) -> list[int] | None:
    """First fit as the plain scan of every row: the reference the tree-backed packing must agree with."""
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
            elif not reuse:
                return None
            else:
                row = min(range(len(ends)), key=ends.__getitem__)
                ends[row] = max(ends[row], right)
                rows.append(row)
    return rows


def test_packing_agrees_with_the_scan_of_every_row_in_any_order() -> None:
    import random

    from generators.figures.placement import assign_rows, first_fit_rows

    rng = random.Random(7)
    for trial in range(300):
        n = rng.randrange(0, 60)
        lefts = [rng.choice([rng.uniform(0, 400), float(rng.randrange(0, 40) * 10)]) for _ in range(n)]
        if trial % 2:
            lefts.sort()  # date order, as the timelines give them
        spans = [(x, x + rng.choice([5.0, 10.0, rng.uniform(1, 80)])) for x in lefts]
        gap, cap = rng.choice([0.0, 1.25, 6.0]), rng.randrange(1, 15)
        assert first_fit_rows(spans, gap, cap) == _scan_first_fit(spans, gap, cap, reuse=False)
        assert assign_rows(spans, gap, cap) == _scan_first_fit(spans, gap, cap, reuse=True)
