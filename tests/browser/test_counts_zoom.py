"""Counts open on zoom in the live figure: the crowded release timeline (300 releases) drawn by plotly.js with
labfig-zoom.js; a click on a count zooms the time axis, fewer releases stay hidden, the figure keeps its
height, and a click on the note at the top brings back the whole span and its counts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bench import dense
from bench.text_collisions import PLOTLY_JS
from generators.figures.registry import build_figure
from generators.load import load_store
from generators.render.figure_assets import figure_json

pytestmark = pytest.mark.browser
ZOOM_JS = Path(__file__).resolve().parents[2] / "content" / "assets" / "labfig-zoom.js"
STATE = """() => { const gd = document.getElementById('fig'); const z = gd.layout.meta.labfigZoom;
  const marks = gd.data[z.traces.releases], counts = gd.data[z.traces.counts];
  return {level: gd._labfigLevel, hidden: marks.y.filter(y => y === null).length, counts: counts.x.length,
          range: gd.layout.xaxis.range.map(String), note: gd.layout.annotations[z.note].text,
          height: document.querySelector('#fig .main-svg').getBoundingClientRect().height}; }"""
COUNT_AT = """() => { const text = [...document.querySelectorAll('#fig .scatterlayer .textpoint text')]
    .find(t => t.textContent.startsWith('+'));
  const r = text.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }"""


@pytest.fixture(scope="module")
def crowded_json(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    events, figures = dense.write(300, tmp_path_factory.mktemp("zoom"))
    store, _ = load_store(events, figures, strict=False)
    return figure_json(build_figure(store, store.figures["dense-f1"], 1000))


def test_a_count_opens_on_zoom_and_the_note_goes_back(browser: Any, crowded_json: dict[str, Any]) -> None:
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.set_content("<!doctype html><html><body style='margin:0'><div id='fig'></div></body></html>")
    page.add_script_tag(path=str(PLOTLY_JS))
    page.add_script_tag(path=str(ZOOM_JS))
    page.evaluate("""async fig => { const gd = document.getElementById('fig'); fig.layout.width = 1000;
        await Plotly.newPlot(gd, fig.data, fig.layout, {displayModeBar: false, responsive: false}); LabfigZoom.wire(gd); }""",
                  crowded_json)
    before = page.evaluate(STATE)
    assert before["level"] == 1 and before["hidden"] > 0 and before["counts"] > 0
    page.mouse.click(*page.evaluate(COUNT_AT))
    page.wait_for_function("() => document.getElementById('fig')._labfigLevel > 1", timeout=5000)
    zoomed = page.evaluate(STATE)
    assert zoomed["range"] != before["range"], "the click zoomed the time axis"
    assert zoomed["hidden"] < before["hidden"], f"zooming in opened counts: {before['hidden']} -> {zoomed['hidden']} hidden"
    assert "whole span" in zoomed["note"] and abs(zoomed["height"] - before["height"]) <= 2
    note = page.locator(".annotation").filter(has_text="whole span")
    note.click()
    page.wait_for_function("() => document.getElementById('fig')._labfigLevel === 1", timeout=5000)
    back = page.evaluate(STATE)
    assert back["hidden"] == before["hidden"] and back["note"] == before["note"] and back["counts"] == before["counts"]
    assert errors == []
    page.close()
