"""Hover cards on a phone: at 390 px the reader points at the mark with the longest card of each Qwen figure and
the card Chromium draws lies inside the screen, wrapped into lines rather than run off its edge."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser
FIGURE_IDS = ["qwen-f7", "qwen-f1", "qwen-f4", "qwen-f5", "qwen-f8"]
VIEWPORT = 390

# The drawn point of the trace whose hover card is longest: its trace, index, card and centre on screen.
LONGEST = """() => {
  const gd = document.querySelector('.labfig-plot');
  let best = null;
  gd.data.forEach((t, i) => {
    if (t.hoverinfo === 'skip' || !Array.isArray(t.hovertext)) return;
    t.hovertext.forEach((h, j) => { if (t.x[j] != null && (!best || h.length > best.card.length)) best = {i, j, card: h}; });
  });
  const group = [...gd.querySelectorAll('.scatterlayer .trace')].find(g => g.__data__[0].trace.index === best.i);
  const point = [...group.querySelectorAll('path.point')].find(p => p.__data__.i === best.j);
  const box = point.getBoundingClientRect();
  return {...best, x: box.left + box.width / 2, y: box.top + box.height / 2};
}"""
CARD = """() => { const card = document.querySelector('.labfig-plot .hoverlayer .hovertext');
  if (!card) return null; const b = card.getBoundingClientRect();
  return {left: b.left, right: b.right, lines: card.querySelectorAll('text.nums tspan.line').length}; }"""


@pytest.mark.parametrize("fig_id", FIGURE_IDS)
def test_the_longest_hover_card_stays_on_a_phone_screen(browser: Any, site_url: str, fig_id: str) -> None:
    ctx = browser.new_context(viewport={"width": VIEWPORT, "height": 800})
    page = ctx.new_page()
    page.goto(site_url + f"embed/{fig_id}/")
    page.locator(".labfig-stage").hover()
    page.wait_for_selector("figure.is-live .main-svg", timeout=15000)
    point = page.evaluate(LONGEST)
    page.mouse.move(point["x"], point["y"] - 3)
    page.mouse.move(point["x"], point["y"])
    page.wait_for_function("() => !!document.querySelector('.labfig-plot .hoverlayer .hovertext')", timeout=5000)
    card = page.evaluate(CARD)
    assert card["left"] >= 0 and card["right"] <= VIEWPORT, f"{fig_id}: the card of {point['card'][:60]!r} spans {card}"
    assert card["lines"] >= point["card"].count("<br>") + 1, "the card shows every line it was given"
    ctx.close()
