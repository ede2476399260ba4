"""Layout shift when a figure turns interactive: a site built with images in, per figure and page width the height of
its stage before and after the live plot replaces the static image out.

`measure(site)` serves the site (bench/gzserver.py) and, at each width from 320 to 1600 px, opens the Qwen page
and every figure's embed in headless Chromium, waits for the figure's static image, reads the stage's height
and the plan the image shows, hovers the figure, waits for the live plot and reads them again. The shift is
the difference in height; the plan the live plot draws should be the image's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench.browser import launch
from bench.common import log
from bench.gzserver import serve

WIDTHS = (320, 360, 390, 480, 600, 640, 700, 768, 800, 900, 1000, 1024, 1100, 1280, 1440, 1600)
READ = """id => { const f = document.querySelector(`figure[data-figure="${id}"]`);
  const stage = f.querySelector('.labfig-stage');
  const shown = [...f.querySelectorAll('img.labfig-static')].filter(i => getComputedStyle(i).display !== 'none');
  return {height: stage.getBoundingClientRect().height,
          image: shown.length ? [...shown[0].classList].find(c => c.startsWith('labfig-plan-')) : null,
          live: f._labfig && f._labfig.plan ? 'labfig-plan-' + f._labfig.plan.name : null}; }"""
IMAGE_READY = """id => [...document.querySelectorAll(`figure[data-figure="${id}"] img.labfig-static`)]
  .some(i => i.offsetParent !== null && i.complete && i.naturalWidth > 0)"""


def _figures(site: Path) -> list[str]:
    return sorted(p.parent.name for p in (site / "embed").glob("*/index.html"))


def _one(page: Any, fig_id: str) -> dict[str, Any]:
    stage = page.locator(f'figure[data-figure="{fig_id}"] .labfig-stage')
    page.mouse.move(0, 0)
    stage.scroll_into_view_if_needed()
    page.wait_for_function(IMAGE_READY, arg=fig_id, timeout=20000)
    before = page.evaluate(READ, fig_id)
    stage.hover()
    page.wait_for_selector(f'figure[data-figure="{fig_id}"].is-live .main-svg', timeout=20000)
    after = page.evaluate(READ, fig_id)
    return {"delta": round(after["height"] - before["height"], 2), "before": round(before["height"], 1),
            "plan_changed": before["image"] != after["live"]}


def measure(site: Path) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    figures = _figures(site)
    on_page = [f for f in figures if f.startswith("qwen-")]
    rows: list[dict[str, Any]] = []
    with serve(site.parent) as (base, _), sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            for width in WIDTHS:
                log(f"layout shift: {width} px")
                ctx = browser.new_context(viewport={"width": width, "height": 900}, service_workers="block")
                page = ctx.new_page()
                page.goto(base + f"{site.name}/qwen/")
                rows += [{"where": "page", "figure": f, "width": width, **_one(page, f)} for f in on_page]
                for fig_id in figures:
                    page.goto(base + f"{site.name}/embed/{fig_id}/")
                    rows.append({"where": "embed", "figure": fig_id, "width": width, **_one(page, fig_id)})
                ctx.close()
        finally:
            browser.close()
    worst = sorted(rows, key=lambda r: -abs(r["delta"]))
    return {"widths": list(WIDTHS), "pairs": len(rows), "worst_px": max((abs(r["delta"]) for r in rows), default=0.0),
            "over_2px": sum(1 for r in rows if abs(r["delta"]) > 2), "plan_changed": sum(1 for r in rows if r["plan_changed"]),
            "worst": [r for r in worst[:5] if r["delta"]], "rows": rows}
