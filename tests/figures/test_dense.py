"""Figures at real size: dense stores of 50 and 300 releases (bench/dense.py) through every kind at every plan.

Labels never overlap (release timeline: the label boxes as the builder placed them), the figure says how
many it left unlabelled, and a stacked timeline's window filters what it draws, cites, describes and
exports. The lineage at these sizes has checks of its own (test_lineage_marks.py).
"""

from __future__ import annotations

import html
import re

import pytest

from bench import dense
from generators.figures import posture_matrix, registry, release_timeline
from generators.figures.registry import build_figure
from generators.figures.registry_widths import WIDTHS
from generators.figures.text import text_width
from generators.load import load_store
from generators.model.store import Store
from generators.render.describe import describe
from generators.render.downloads import figure_frame
from generators.render.figure_assets import figure_sources
from tests.figures.test_release_timeline import _boxes, _labels


@pytest.fixture(scope="module", params=[50, 300])
def dense_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Store:
    events, figures = dense.write(request.param, tmp_path_factory.mktemp(f"dense{request.param}"))
    store, _ = load_store(events, figures, strict=False)
    return store


def test_every_kind_builds_at_every_plan(dense_store: Store) -> None:
    if len(dense_store.events) > 200:
        pytest.skip("the 300-release store is drawn by the tests below and in the browser")
    for spec in dense_store.figures.values():
        for name, width in WIDTHS.items():
            fig = build_figure(dense_store, spec, width)
            assert fig.layout.height and fig.data, f"{spec.id} at the {name} plan drew nothing"


@pytest.mark.parametrize("width", [WIDTHS["small"], WIDTHS["tablet"], WIDTHS["desktop"]])
def test_release_labels_never_overlap_and_the_rest_are_counted(dense_store: Store, width: int) -> None:
    spec = dense_store.figures["dense-f1"]
    fig = release_timeline.build(dense_store, spec, width)
    plot_w = width - fig.layout.margin.l - fig.layout.margin.r
    boxes = _boxes(fig, width)
    marks = len(next(t for t in fig.data if t.name == "releases").x)
    for i, (text, left, right, bottom, top) in enumerate(boxes):
        assert -1 <= left and right <= plot_w + 1, f"{text!r} leaves the plot at {width} px"
        for other, l2, r2, b2, u2 in boxes[i + 1:]:
            assert right <= l2 or r2 <= left or top <= b2 or u2 <= bottom, f"{text!r} and {other!r} overlap at {width} px"
    notes = [a.text for a in fig.layout.annotations if "unlabelled" in a.text]
    labelled = sum(1 for a in _labels(fig) if not (a.name or "").startswith("ghost label"))
    assert labelled < marks and notes, "a crowded timeline labels some releases and says so"
    assert re.match(rf"{marks - labelled} of {marks}\b", notes[0]), f"the note {notes[0]!r} miscounts"
    chosen = next(e for e, label in dense_store.figures["dense-f1"].labels.items())
    assert any(a.text.startswith("<b>Chosen label") for a in _labels(fig)), f"the spec's chosen label ({chosen}) is placed first"


def test_the_window_filters_what_a_stacked_timeline_draws_cites_and_exports(dense_store: Store) -> None:
    spec = dense_store.figures["dense-f7"]
    assert spec.window is not None
    everything = dense_store.select(spec.subject, spec.select)
    inside = registry.drawn(dense_store, spec)
    assert 0 < len(inside) < len(everything), "the dense store has events on both sides of the window"
    assert all(e.date.end >= spec.window.start and e.date.start <= spec.window.end for e in inside)
    fig = build_figure(dense_store, spec, WIDTHS["desktop"])
    drawn = {i for t in fig.data if t.customdata is not None and t.name in ("model", "org", "structure") for i in t.customdata}
    drawn |= {i for t in fig.data if t.name == "counts" for ids in t.customdata for i in ids}
    assert drawn == {e.id for e in inside}, "the figure draws (or counts) exactly the events in its window"
    assert set(figure_frame(dense_store, spec)["id"]) == drawn, "the data table and CSV hold what the figure draws"
    outside = [e for e in everything if e not in inside]
    assert f"{len([e for e in inside if e.release])} releases" in describe(dense_store, spec)
    assert figure_sources(dense_store, spec).startswith("Sources: ") and outside


@pytest.mark.parametrize("width", [WIDTHS["phone"], WIDTHS["desktop"]])
def test_posture_matrix_of_forty_labs_fits_and_keeps_every_text_in_its_cell(dense_store: Store, width: int) -> None:
    if len(dense_store.events) > 200:
        pytest.skip("the matrix does not depend on the release count")
    spec = dense_store.figures["dense-f2"]
    fig = build_figure(dense_store, spec, width)
    cells = [(min(t.x), min(t.y), max(t.x), max(t.y)) for t in fig.data if isinstance(t.text, str)]
    labs = {t.text.split("</b>")[0] for t in fig.data if isinstance(t.text, str)}
    assert len(labs) == len(spec.options.labs) == 40, "every lab has its row"
    plot_w = width - fig.layout.margin.l - fig.layout.margin.r
    for i, (x0, y0, x1, y1) in enumerate(cells):
        assert x0 >= -1 and x1 <= plot_w + 1, f"a cell leaves the {width} px figure"
        for u0, v0, u1, v1 in cells[i + 1:]:
            assert x1 <= u0 or u1 <= x0 or y1 <= v0 or v1 <= y0, f"two cells overlap at {width} px"
        for a in fig.layout.annotations:
            if x0 <= a.x <= x1 and y0 <= a.y <= y1:
                lines = [re.sub(r"<[^>]+>", "", line) for line in a.text.split("<br>")]
                widest = max(text_width(html.unescape(line), a.font.size * posture_matrix.BOLD) for line in lines)
                assert a.x + widest <= x1 and len(lines) * a.font.size * posture_matrix.LINE <= y1 - y0, f"{lines} overflows its cell"
