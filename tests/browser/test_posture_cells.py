"""Posture-matrix text measured in Chromium: forty labs at the narrowest plans and desktop; every text plotly.js
draws inside a cell stays inside that cell's outline (by its glyph box, not the builder's estimate)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from bench import dense
from bench.text_collisions import Drawer, problems
from generators.figures import posture_matrix
from generators.load import load_store
from generators.render.figure_assets import figure_json

pytestmark = pytest.mark.browser
SLACK = 0.5  # px: a glyph box may touch its cell's outline


@pytest.mark.parametrize("width", [320, 360, 1000])
def test_every_cell_text_stays_inside_its_cell(drawer: Drawer, tmp_path: Path, width: int) -> None:
    store = load_store(*dense.write(50, tmp_path), strict=False)[0]
    fig = posture_matrix.build(store, store.figures["dense-f2"], width)
    drawn = drawer.draw("labs", figure_json(fig), width)
    assert problems(drawn) == []
    m = fig.layout.margin
    cells = [(s.x0 + m.l, s.y0 + m.t, s.x1 + m.l, s.y1 + m.t) for s in fig.layout.shapes
             if s.type == "rect" and s.line.width and not s.fillcolor]
    boxes = {}
    for text, quad in drawn.boxes:
        boxes.setdefault(text, []).append(quad)
    checked = 0
    for a in fig.layout.annotations:
        x, y = a.x + m.l, a.y + m.t
        cell = next((c for c in cells if c[0] <= x <= c[2] and c[1] <= y <= c[3]), None)
        if cell is None:
            continue
        text = "".join(html.unescape(re.sub(r"<[^>]+>", "", line)) for line in a.text.split("<br>"))
        quads = [q for q in boxes.get(text, []) if any(cell[0] <= px <= cell[2] and cell[1] <= py <= cell[3] for px, py in q)]
        assert quads, f"{text!r} not drawn in its cell at {width} px"
        for px, py in quads[0]:
            assert cell[0] - SLACK <= px <= cell[2] + SLACK and cell[1] - SLACK <= py <= cell[3] + SLACK, \
                f"{text!r} runs {max(px - cell[2], cell[0] - px, 0):.1f} px out of its cell at {width} px"
        checked += 1
    assert checked >= 120, f"only {checked} cell texts measured"
