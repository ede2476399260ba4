"""Accessibility in Chromium with axe-core 4 (npm, injected by Playwright): no serious or critical
violation on any page type in either scheme; figures show keyboard focus and are described to screen
readers by their description and data table, before and after they turn interactive."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# One page of each type: home, subject (hand-written, with measurement tables), series home, explorer, figure
# index and figure pages (a timeline, people moves, the series posture matrix), entity pages (with measurements),
# downloads, what changed, reference, the guide (code blocks), benchmarks and an embed.
PAGES = ["", "qwen/", "series/", "explorer/", "figures/", "figures/qwen-f1/", "figures/qwen-f8/", "figures/series-postures/",
         "models/qwen2.5-omni/", "people/lin-junyang/", "units/tongyi-lab/", "units/qwen-team/", "downloads/", "changes/",
         "reference/", "contributing/", "benchmarks/", "embed/qwen-f1/", "embed/qwen-f8/"]


def serious_violations(page: Any) -> list[str]:
    """The serious and critical axe-core violations on the loaded page, each as rule id and its first nodes."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']})).violations
        .filter(v => v.impact === 'serious' || v.impact === 'critical')
        .map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))""")
    return list(found)


def axe_problems(browser: Any, base_url: str, paths: list[str], scheme: str) -> dict[str, list[str]]:
    """Each page among paths (under base_url, in the given colour scheme) with its serious or critical violations."""
    assert AXE.exists(), "axe-core is missing: run make install"
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = ctx.new_page()
    problems = {}
    for path in paths:
        page.goto(base_url + path, wait_until="load")
        page.wait_for_timeout(200)
        found = serious_violations(page)
        if found:
            problems[path or "home"] = found
    ctx.close()
    return problems


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_axe_violations_on_any_page_type(browser: Any, site_url: str, scheme: str) -> None:
    assert axe_problems(browser, site_url, PAGES, scheme) == {}


def test_figures_show_focus_and_are_described_live_or_static(browser: Any, site_url: str) -> None:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    page.goto(site_url + "qwen/")
    page.keyboard.press("Tab")
    stage = page.locator("figure[data-figure] .labfig-stage").first
    for _ in range(60):
        if page.evaluate("() => document.activeElement.classList.contains('labfig-stage')"):
            break
        page.keyboard.press("Tab")
    outline = page.evaluate("() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]; }")
    assert outline[0] != "none" and outline[1] != "0px", f"no visible focus on the figure: {outline}"
    page.wait_for_selector("figure.is-live .main-svg", timeout=15000)
    # Live now: the plot itself is hidden from screen readers; the stage still names and describes it.
    assert page.locator("figure.is-live .labfig-plot").first.get_attribute("aria-hidden") == "true"
    ids = stage.get_attribute("aria-describedby").split()
    texts = [page.evaluate("id => document.getElementById(id) && document.getElementById(id).textContent", i) for i in ids]
    assert all(texts), f"aria-describedby points at missing elements {ids}"
    assert len(texts[0]) > 40 and "<table" in page.evaluate("id => document.getElementById(id).innerHTML", ids[1])
    page.goto(site_url + "embed/qwen-f1/")
    ids = page.locator(".labfig-stage").get_attribute("aria-describedby").split()
    assert all(page.evaluate("id => !!(document.getElementById(id) || {}).textContent", i) for i in ids)
    ctx.close()
