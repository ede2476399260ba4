"""No text collides, measured on the drawn figure: Chromium draws each figure with plotly.js at its plan width and
every text box (labels, ghost labels, notes, ticks, legend) is checked against every other and against the
figure's edges. A few stores and widths here; `python -m bench.text_collisions` (run by `make bench`) sweeps
every kind of every dense store at every plan."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import dense
from bench.text_collisions import Drawer, figure_set, problems
from generators.load import load_store
from generators.model.store import Store
from tests.figures.disputed import dense_disputes

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [360, 640, 1000])
def test_no_text_collides_in_any_qwen_figure(drawer: Drawer, store: Store, width: int) -> None:
    found: list[str] = []
    for name, fig_json, w in figure_set([("qwen", store)], [width]):
        drawn = drawer.draw(name, fig_json, w)
        assert len(drawn.boxes) > 3, f"{name}: too few text boxes measured ({len(drawn.boxes)})"
        found += problems(drawn)
    assert found == []


@pytest.mark.parametrize("width", [360, 800])
def test_no_text_collides_when_every_fact_is_disputed(drawer: Drawer, store: Store, width: int) -> None:
    disputed = dense_disputes(store)
    found: list[str] = []
    for name, fig_json, w in figure_set([("disputed", disputed)], [width], {"qwen-f1", "qwen-f5", "qwen-f7", "qwen-f8"}):
        drawn = drawer.draw(name, fig_json, w)
        found += problems(drawn)
    assert found == []


@pytest.mark.parametrize("width", [360, 1000])
def test_no_text_collides_in_a_dense_stacked_timeline_with_counts(drawer: Drawer, tmp_path_factory: pytest.TempPathFactory,
                                                                   width: int) -> None:
    events, figures = dense.write(300, tmp_path_factory.mktemp("dense-f7"))
    crowded, _ = load_store(events, figures, strict=False)
    [(name, fig_json, w)] = list(figure_set([("dense300", crowded)], [width], {"dense-f7"}))
    counts = [text for t in fig_json["data"] if t.get("name") == "counts" for text in t["text"]]
    assert counts, "the 180 events of its window fold into counts"
    drawn = drawer.draw(name, fig_json, w)
    assert sum(1 for text, _ in drawn.boxes if text.startswith("+")) == len(counts), "every count is drawn as text"
    assert problems(drawn) == []


def test_the_measure_sees_overlapping_and_escaping_text(drawer: Drawer) -> None:
    layout = {"width": 300, "height": 200, "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
              "xaxis": {"visible": False}, "yaxis": {"visible": False},
              "annotations": [{"x": 0.5, "y": 0.5, "xref": "paper", "yref": "paper", "showarrow": False, "text": "Qwen3-Omni"},
                              {"x": 0.52, "y": 0.5, "xref": "paper", "yref": "paper", "showarrow": False, "text": "4 Mar (2 reports)"},
                              {"x": 1.0, "y": 0.1, "xref": "paper", "yref": "paper", "showarrow": False, "xanchor": "left",
                               "text": "runs off the edge"},
                              {"x": 0.1, "y": 0.9, "xref": "paper", "yref": "paper", "showarrow": False, "textangle": -45,
                               "text": "rotated, alone"}]}
    found = problems(drawer.draw("probe", {"data": [], "layout": layout}, 300))
    assert any("'Qwen3-Omni' overlaps '4 Mar (2 reports)'" in p or "'4 Mar (2 reports)' overlaps 'Qwen3-Omni'" in p for p in found), found
    assert any("'runs off the edge' leaves the figure" in p for p in found), found
    assert len(found) == 2, found


def test_no_text_collides_in_a_lineage_folded_into_counts(drawer: Drawer, tmp_path: Path) -> None:
    events, figures = dense.write(1000, tmp_path)
    big, _ = load_store(events, figures, strict=False)
    found: list[str] = []
    for name, fig_json, w in figure_set([("dense1000", big)], [360, 1000], {"dense-f5"}):
        assert any(t.get("name") == "counts" for t in fig_json["data"]), f"{name}: 1,000 releases fold into counts"
        drawn = drawer.draw(name, fig_json, w)
        assert len(drawn.boxes) > 100, f"{name}: too few text boxes measured ({len(drawn.boxes)})"
        found += problems(drawn)
    assert found == []
