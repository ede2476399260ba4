"""F2, posture matrix: goldens of the real figure, the cells the article's reading rests on, and escaping."""

from __future__ import annotations

import dataclasses
import html
import json
import re
from collections.abc import Callable
from typing import Any

import plotly.graph_objects as go
import pytest

from generators.figures import posture_matrix
from generators.figures.style import POSTURE_COLOUR
from generators.figures.text import text_width
from generators.model.store import Store
from tests.conftest import figure_json

HOSTILE = "<script>alert(1)</script>"


def _build(store: Store, width: int = 1000) -> go.Figure:
    return posture_matrix.build(store, store.figures["qwen-f2"], width)


def _cell_box(fig: go.Figure, lab: str, tier: str) -> tuple[float, float, float, float]:
    """The box of a lab's cell, found through its hover polygon (whose card names lab and tier)."""
    head = f"<b>{lab}</b> · {tier}"
    for trace in fig.data:
        if isinstance(trace.text, str) and trace.text.startswith(head):
            xs, ys = trace.x, trace.y
            return min(xs), min(ys), max(xs), max(ys)
    raise AssertionError(f"no hover card starting {head!r}; is the lab missing from the figure?")


def _shapes_on(fig: go.Figure, box: tuple[float, float, float, float]) -> list[Any]:
    x0, y0, x1, y1 = box
    return [s for s in fig.layout.shapes if s.type == "rect" and (s.x0, s.y0, s.x1, s.y1) == (x0, y0, x1, y1)]


def _tint(fig: go.Figure, lab: str, tier: str) -> str:
    fills = [s.fillcolor for s in _shapes_on(fig, _cell_box(fig, lab, tier)) if s.fillcolor]
    assert len(fills) == 1, f"{lab}'s {tier} cell should have exactly one tinted fill, found {fills}"
    return str(fills[0])


@pytest.mark.parametrize("width", [1000, 360])
def test_golden(store: Store, golden: Callable[[str, Any], None], width: int) -> None:
    golden(f"posture-matrix-qwen-f2-{width}", figure_json(_build(store, width)))


@pytest.mark.parametrize("width", [1000, 360])
def test_alibaba_splits_open_base_from_closed_flagship(store: Store, width: int) -> None:
    fig = _build(store, width)
    assert _tint(fig, "Alibaba", "base") == POSTURE_COLOUR["permissive"], "Alibaba's base cell should be permissive green"
    assert _tint(fig, "Alibaba", "flagship") == POSTURE_COLOUR["closed"], "Alibaba's flagship cell should be closed red"


@pytest.mark.parametrize("width", [1000, 360])
def test_stepfun_flagship_is_marked_source_needed(store: Store, width: int) -> None:
    fig = _build(store, width)
    box = _cell_box(fig, "StepFun", "flagship")
    borders = [s for s in _shapes_on(fig, box) if not s.fillcolor]
    assert [b.line.dash for b in borders] == ["dash"], "the StepFun flagship cell needs a dashed border"
    x0, y0, x1, y1 = box
    inside = [_plain(a.text) for a in fig.layout.annotations if x0 <= a.x <= x1 and y0 <= a.y <= y1]
    assert any("Source needed" in t for t in inside), f"the cell should say 'Source needed'; it shows {inside}"
    assert any(_within(s.path, box) for s in fig.layout.shapes if s.type == "path"), "the StepFun flagship cell should be hatched"


def _plain(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", text.replace("<br>", " ")))


def _within(path: str, box: tuple[float, float, float, float]) -> bool:
    x0, y0, x1, y1 = box
    points = [tuple(map(float, p.split(","))) for p in re.findall(r"[-\d.]+,[-\d.]+", path)]
    return bool(points) and all(x0 - 0.1 <= x <= x1 + 0.1 and y0 - 0.1 <= y <= y1 + 0.1 for x, y in points)


def test_rows_follow_the_spec_order(store: Store) -> None:
    fig = _build(store)
    cards = [t for t in fig.data if isinstance(t.text, str) and " · base tier" in t.text]
    shown = [t.text.split("</b>")[0].removeprefix("<b>") for t in sorted(cards, key=lambda t: min(t.y))]
    wanted = [store.name_of(lab) for lab in store.figures["qwen-f2"].options.labs]
    assert shown == wanted, "rows should run top to bottom in the order of options.labs"


@pytest.mark.parametrize("width", [360, 1000, 1200])
def test_no_text_overflows_its_cell(store: Store, width: int) -> None:
    """By the same width estimate the layout is planned with, every cell's text fits inside its box."""
    fig = _build(store, width)
    boxes = [(min(t.x), min(t.y), max(t.x), max(t.y)) for t in fig.data if isinstance(t.text, str)]
    for x0, y0, x1, y1 in boxes:
        for a in fig.layout.annotations:
            if not (x0 <= a.x <= x1 and y0 <= a.y <= y1):
                continue
            lines = [re.sub(r"<[^>]+>", "", line) for line in a.text.split("<br>")]
            widest = max(text_width(html.unescape(line), a.font.size * posture_matrix.BOLD) for line in lines)
            assert a.x + widest <= x1, f"{lines} runs past the right edge of its cell at {width}px"
            assert len(lines) * a.font.size * posture_matrix.LINE <= y1 - y0, f"{lines} is taller than its cell at {width}px"


def test_hostile_text_is_escaped(store: Store) -> None:
    units = {**store.units, "alibaba": store.units["alibaba"].model_copy(update={"name": HOSTILE})}
    postures = [p.model_copy(update={"label": HOSTILE, "base": p.base.model_copy(update={"model": HOSTILE})})
                if p.lab == "alibaba" else p for p in store.postures]
    hostile = dataclasses.replace(store, units=units, postures=postures)
    for width in (360, 1000):
        text = json.dumps(figure_json(_build(hostile, width)))
        assert "<script>" not in text, "raw <script> reached the figure"
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text, "the hostile name should appear, escaped"
