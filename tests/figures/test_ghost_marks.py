"""Ghost marks obey the rule labels obey: at every plan width no ghost outline touches another ghost or an
event's mark, each stays at its own date, and each keeps its hover point, in the Qwen figures and in a store
where every fact is disputed (whose crowded stacked-timeline slots hold some events in counts)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from generators.figures import registry
from generators.figures.claims import ghost_dates
from generators.figures.registry import build_figure
from generators.figures.registry_widths import WIDTHS
from generators.model.series import figure_moves
from generators.model.store import Store
from tests.figures.disputed import dense_disputes
from tests.figures.marks import ghost_boxes, ghost_clashes

FIGURES = ("qwen-f1", "qwen-f7", "qwen-f8")  # the kinds that draw ghost marks on a time axis


@pytest.fixture(scope="module")
def disputed(store: Store) -> Store:
    return dense_disputes(store)


def _expected(store: Store, figure: str, fig: Any) -> int:
    """The other dates of the events the figure draws: an event a stacked timeline holds in a count ("+12") names
    its other dates in the count's hover instead."""
    spec = store.figures[figure]
    if spec.kind == "people-moves":
        return len(ghost_dates([m.arrival for m in figure_moves(store, spec)]))
    counted = {i for t in fig.data if t.name == "counts" and spec.kind == "stacked-timelines" for ids in t.customdata for i in ids}
    events = [e for e in registry.drawn(store, spec) if (spec.kind != "release-timeline" or e.release) and e.id not in counted]
    start, end = (spec.window.start, spec.window.end) if spec.window else (date.min, date.max)
    return len(ghost_dates(events, start, end))


@pytest.mark.parametrize("which", ["qwen", "disputed"])
@pytest.mark.parametrize("figure", FIGURES)
def test_ghost_marks_never_overlap_at_any_plan_width(store: Store, disputed: Store, which: str, figure: str) -> None:
    data = store if which == "qwen" else disputed
    for width in WIDTHS.values():
        fig = build_figure(data, data.figures[figure], width)
        expected = _expected(data, figure, fig)
        ghosts = ghost_boxes(fig, width)
        assert len(ghosts) == expected, f"{figure} at {width} px: {len(ghosts)} ghost marks for {expected} other dates"
        assert ghost_clashes(fig, width) == [], f"{figure} at {width} px"
        if ghosts:
            hover = next(t for t in fig.data if t.name == "ghost dates")
            outlines = sorted(s.xanchor for s in fig.layout.shapes if (s.name or "").startswith("ghost ")
                              and not s.name.startswith(("ghost link", "ghost span")))
            assert sorted(hover.x) == outlines, "every ghost keeps a hover point where it is drawn"


def test_two_ghosts_of_one_move_days_apart_stand_apart_on_a_phone(store: Store) -> None:
    fig = build_figure(store, store.figures["qwen-f8"], WIDTHS["phone"])
    ghosts = dict(ghost_boxes(fig, WIDTHS["phone"]))
    early, third = ghosts["ghost binyuan-hui-leaves early 2026-03"], ghosts["ghost binyuan-hui-leaves 2026-03-03"]
    assert abs((early[0] + early[2]) / 2 - (third[0] + third[2]) / 2) < 10, "two days apart: nearly the same x at 360 px"
    assert early[3] <= third[1] - 1 or third[3] <= early[1] - 1, "so one stands above the other"


def test_the_check_sees_ghosts_drawn_on_each_other(store: Store) -> None:
    fig = build_figure(store, store.figures["qwen-f8"], WIDTHS["phone"])
    outlines = [s for s in fig.layout.shapes if (s.name or "").startswith("ghost binyuan") and "link" not in s.name and "span" not in s.name]
    outlines[1].update(xanchor=outlines[0].xanchor, yanchor=outlines[0].yanchor)
    assert ghost_clashes(fig, WIDTHS["phone"]) == [f"{outlines[0].name} overlaps {outlines[1].name}"]
