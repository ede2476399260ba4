"""F4 with lines that part more than once (`options.branches`), and at 50 and 300 releases at every plan width:
which release each line takes, a note per fork, and on geometry (the text boxes the builder planned) no two
texts overlap, none leaves the figure and no line's name covers a mark."""

from __future__ import annotations

import html
import re
from pathlib import Path

import plotly.graph_objects as go
import pytest

from bench import dense
from generators.figures import bifurcation
from generators.figures.bifurcation_labels import BOLD, LINE
from generators.figures.registry_widths import WIDTHS
from generators.figures.text import text_width
from generators.load import load_store
from generators.model.figures import BifurcationOptions, BifurcationSpec, Branch
from generators.model.store import Store
from generators.render.describe import describe

Rect = tuple[float, float, float, float]


def _branched(store: Store) -> BifurcationSpec:
    """Qwen's audio line as three lines: one up to Qwen2.5-Omni, where the open base releases part from it, and
    from them at Qwen3-Omni the API-only flagship releases."""
    spec = store.figures["qwen-f4"]
    assert isinstance(spec, BifurcationSpec)
    options = BifurcationOptions(branches=[
        Branch(id="shared", label="One open line"),
        Branch(id="open", label="Open base", parent="shared", fork="qwen2.5-omni", tiers=["base"]),
        Branch(id="api", label="API-only flagship", parent="open", fork="qwen3-omni", tiers=["flagship"])])
    return spec.model_copy(update={"options": options})


def _trace(fig: go.Figure, name: str) -> go.Scatter:
    return next(t for t in fig.data if t.name == name)


def test_each_line_takes_the_releases_after_its_fork_that_match_it(store: Store) -> None:
    fig = bifurcation.build(store, _branched(store), 1000)
    ids = list(_trace(fig, "releases").customdata)
    api = [ids[int(x)] for x in _trace(fig, "API-only flagship").x]
    assert api[0] == "qwen3-omni", "a line starts at its fork release"
    assert all(store.events[e].release.tier == "flagship" for e in api[1:])  # type: ignore[union-attr]
    first = [ids[int(x)] for x in _trace(fig, "One open line").x]
    assert first[-1] == "qwen2.5-omni", "the first line keeps the releases before the first fork"
    assert [ids[int(x)] for x in _trace(fig, "Open base").x] == ["qwen2.5-omni", "qwen3-omni"]
    assert max(_trace(fig, "Open base, no newer release").x) == len(ids) - 1, "a line with nothing newer runs on, dashed"
    notes = [a.text for a in fig.layout.annotations if "parts:" in a.text]
    assert len(notes) == 2, f"one note per fork: {notes}"
    assert any("API-only flagship" in (a.text or "") for a in fig.layout.annotations if not a.showarrow), "the line is named"


def test_branches_are_checked() -> None:
    with pytest.raises(ValueError, match="needs a 'parent' listed before it"):
        BifurcationOptions(branches=[Branch(id="a", label="A"), Branch(id="b", label="B", parent="c", fork="x")])
    with pytest.raises(ValueError, match="'fork' or 'branches', not both"):
        BifurcationOptions(fork="x", branches=[Branch(id="a", label="A")])


def test_the_description_names_every_line(store: Store) -> None:
    text = describe(store, _branched(store))
    assert "API-only flagship" in text and "Open base" in text, text


@pytest.fixture(scope="module", params=[50, 300])
def dense_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Store:
    events, figures = dense.write(request.param, Path(tmp_path_factory.mktemp(f"bif{request.param}")))
    return load_store(events, figures, strict=False)[0]


def _box(fig: go.Figure, a: go.layout.Annotation, width: int) -> Rect:
    """The px box an annotation's text takes, as the builder estimates text."""
    m = fig.layout.margin
    plot_w, plot_h = width - m.l - m.r, fig.layout.height - m.t - m.b
    xr, yr = fig.layout.xaxis.range, fig.layout.yaxis.range
    x = m.l + (a.x * plot_w if a.xref == "paper" else (a.x - xr[0]) / (xr[1] - xr[0]) * plot_w) + (a.xshift or 0) + (a.ax or 0 if a.showarrow else 0)
    y = m.t + ((1 - a.y) * plot_h if a.yref == "paper" else (yr[1] - a.y) / (yr[1] - yr[0]) * plot_h) - (a.yshift or 0) + (a.ay or 0 if a.showarrow else 0)
    lines = [html.unescape(re.sub(r"<[^>]+>", "", line)) for line in a.text.split("<br>")]
    size = a.font.size * (BOLD if "<b>" in a.text else 1)
    w, h = max(text_width(line, size) for line in lines), len(lines) * a.font.size * LINE
    x0 = x - w if a.xanchor == "right" else x if a.xanchor == "left" else x - w / 2
    y0 = y - h if a.yanchor == "bottom" else y if a.yanchor == "top" else y - h / 2
    return x0, y0, x0 + w, y0 + h


def _apart(a: Rect, b: Rect, tolerance: float = 1.0) -> bool:
    return a[2] <= b[0] + tolerance or b[2] <= a[0] + tolerance or a[3] <= b[1] + tolerance or b[3] <= a[1] + tolerance


@pytest.mark.parametrize("figure", ["dense-f4", "dense-f4b"])
def test_no_text_overlaps_leaves_the_figure_or_covers_a_mark_at_any_plan(dense_store: Store, figure: str) -> None:
    spec = dense_store.figures[figure]
    for width in WIDTHS.values():
        fig = bifurcation.build(dense_store, spec, width)
        texts = [(a.text[:40], _box(fig, a, width)) for a in fig.layout.annotations if a.text]
        for i, (text, box) in enumerate(texts):
            assert box[0] >= -1 and box[1] >= -1 and box[2] <= width + 1 and box[3] <= fig.layout.height + 1, f"{text!r} leaves the {width} px figure"
            for other, box2 in texts[i + 1:]:
                assert _apart(box, box2), f"{text!r} and {other!r} overlap at {width} px"
        releases = _trace(fig, "releases")
        size = releases.marker.size / 2
        marks = [_box(fig, go.layout.Annotation(x=x, y=y, xref="x", yref="y", text="", font={"size": 1}), width) for x, y in
                 zip(releases.x, releases.y, strict=True)]
        names = [box for a, (_, box) in zip([a for a in fig.layout.annotations if a.text], texts, strict=True)
                 if a.xref == "x" and not a.showarrow]
        for name in names:
            for mx, my, _, _ in marks:
                assert _apart(name, (mx - size, my - size, mx + size, my + size)), f"a line's name covers a mark at {width} px"
        unnamed = sum(1 for t in fig.layout.xaxis.ticktext if not t)
        notes = [a.text.replace("<br>", " ") for a in fig.layout.annotations if "unlabelled" in (a.text or "")]
        assert not unnamed or (notes and f"{unnamed} of {len(releases.x)} " in notes[0]), f"{unnamed} unnamed, notes {notes}"
