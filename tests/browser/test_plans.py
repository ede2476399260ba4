"""Same figure before and after a touch: at widths from 320 to 1600 px, on the site and in embeds, the static
image and the live plot show the same plan (picked by the figure's own width) and the height stays within 2 px."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser
FIGURE_IDS = ["qwen-f1", "qwen-f2", "qwen-f4", "qwen-f5", "qwen-f7"]
MEASURE = """id => { const f = document.querySelector(`figure[data-figure="${id}"]`);
  const stage = f.querySelector('.labfig-stage');
  const shown = [...f.querySelectorAll('img.labfig-static')].filter(i => getComputedStyle(i).display !== 'none');
  return {height: stage.getBoundingClientRect().height, width: stage.getBoundingClientRect().width,
          images: shown.map(i => [...i.classList].find(c => c.startsWith('labfig-plan-'))),
          live: f._labfig && f._labfig.plan ? 'labfig-plan-' + f._labfig.plan.name : null}; }"""


def _jumps(page: Any, ids: list[str], where: str) -> list[str]:
    """Hover each figure; the ways it changed: height by more than 2 px, or a plan other than the image's."""
    problems = []
    for fig_id in ids:
        stage = page.locator(f'figure[data-figure="{fig_id}"] .labfig-stage')
        page.mouse.move(0, 0)  # scrolling must not bring the figure under the pointer before it is measured
        stage.scroll_into_view_if_needed()
        page.wait_for_function("""id => [...document.querySelectorAll(`figure[data-figure="${id}"] img.labfig-static`)]
            .some(i => i.offsetParent !== null && i.complete && i.naturalWidth > 0)""", arg=fig_id, timeout=15000)
        before = page.evaluate(MEASURE, fig_id)
        assert before["live"] is None, f"{where} {fig_id} turned interactive before it was touched"
        assert len(before["images"]) == 1, f"{where} {fig_id}: {before['images']} images shown at once"
        stage.hover()
        page.wait_for_selector(f'figure[data-figure="{fig_id}"].is-live .main-svg', timeout=15000)
        after = page.evaluate(MEASURE, fig_id)
        if abs(after["height"] - before["height"]) > 2:
            problems.append(f"{where} {fig_id} at {before['width']:.0f} px: {before['height']:.1f} -> {after['height']:.1f} px")
        if after["live"] != before["images"][0]:
            problems.append(f"{where} {fig_id}: image {before['images'][0]}, live plot {after['live']}")
    return problems


@pytest.mark.parametrize("width", [320, 390, 768, 1280, 1600])
def test_site_figures_keep_their_height_when_they_turn_interactive(browser: Any, site_url: str, width: int) -> None:
    ctx = browser.new_context(viewport={"width": width, "height": 900})
    page = ctx.new_page()
    page.goto(site_url + "qwen/")
    problems = _jumps(page, FIGURE_IDS, "site")
    ctx.close()
    assert problems == []


@pytest.mark.parametrize("width", [320, 700, 1100])
def test_embeds_keep_their_height_when_they_turn_interactive(browser: Any, site_url: str, width: int) -> None:
    ctx = browser.new_context(viewport={"width": width, "height": 900})
    page = ctx.new_page()
    problems = []
    for fig_id in FIGURE_IDS:
        page.goto(site_url + f"embed/{fig_id}/")
        problems += _jumps(page, [fig_id], "embed")
    ctx.close()
    assert problems == []
