"""The claims control in Chromium: all claims, main claims only or confirmed facts only, on the page and
in the embed, kept in the address (?claims=main) so that a writer can link or embed one view."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import PageWatch

pytestmark = pytest.mark.browser

GHOSTS = "el => (el.layout.shapes || []).filter(s => /^ghost /.test(s.name || '')).length"
EVENTS = "el => el.data.filter(t => t.mode === 'markers' && !t.showlegend && t.customdata && t.name !== 'ghost dates').flatMap(t => t.customdata)"


def live(page: Any, fig_id: str) -> None:
    page.wait_for_selector(f'figure[data-figure="{fig_id}"].is-live .main-svg', timeout=15000)


def test_the_control_switches_every_figure_and_keeps_the_choice_in_the_address(site_url: str, context: Any) -> None:
    page = context.new_page()
    watch = PageWatch(page, (site_url,))
    page.goto(site_url + "qwen/")
    f7 = 'figure[data-figure="qwen-f7"]'
    assert page.locator(f"{f7} .labfig-claims input:checked").get_attribute("value") == "all"
    page.locator(f"{f7} .labfig-claims").get_by_label("Main claims only").check()
    live(page, "qwen-f7")
    assert page.url.endswith("/qwen/?claims=main"), page.url
    page.wait_for_function(f"() => ({GHOSTS})(document.querySelector('{f7} .labfig-plot')) === 0")
    # One choice for the page: every other figure with a control shows the same view.
    checked = page.eval_on_selector_all("figure[data-claims] .labfig-claims input:checked", "els => els.map(e => e.value)")
    assert len(checked) >= 2 and set(checked) == {"main"}, checked
    page.locator(f"{f7} .labfig-claims").get_by_label("All claims").check()
    page.wait_for_function(f"() => ({GHOSTS})(document.querySelector('{f7} .labfig-plot')) >= 3")
    assert page.url.endswith("/qwen/"), "the default view leaves the address clean"
    assert watch.errors == []


def test_an_address_with_claims_draws_that_view_at_once(site_url: str, context: Any, built_site: Path) -> None:
    page = context.new_page()
    watch = PageWatch(page, (site_url,))
    page.goto(site_url + "embed/qwen-f7/?claims=confirmed")
    live(page, "qwen-f7")  # without a hover: the static image shows every claim, so this view must be live
    plot = page.locator('figure[data-figure="qwen-f7"] .labfig-plot')
    assert plot.evaluate(GHOSTS) == 0
    shown = plot.evaluate(EVENTS)
    assert shown == ["qwen3-omni"], f"confirmed only: the one confirmed event of F7, got {shown}"
    assert page.locator(".labfig-claims input:checked").get_attribute("value") == "confirmed"
    assert watch.errors == []
    svg = (built_site / "embed/qwen-f7/desktop-light.svg").read_text(encoding="utf-8")
    assert "4 Mar (2 reports)" in svg, "the static image shows every claim, ghost labels included"


def test_the_figure_page_and_the_embed_switch_views_and_keep_them_in_their_address(site_url: str, context: Any) -> None:
    page = context.new_page()
    watch = PageWatch(page, (site_url,))
    f7 = 'figure[data-figure="qwen-f7"]'
    page.goto(site_url + "figures/qwen-f7/?claims=main")
    live(page, "qwen-f7")
    plot = page.locator(f"{f7} .labfig-plot")
    assert plot.evaluate(GHOSTS) == 0, "the figure page opens on the view its address names"
    assert page.locator(f"{f7} .labfig-claims input:checked").get_attribute("value") == "main"
    page.locator(f"{f7} .labfig-claims").get_by_label("Confirmed only").check()
    page.wait_for_function(f"() => JSON.stringify(({EVENTS})(document.querySelector('{f7} .labfig-plot'))) === '[\"qwen3-omni\"]'")
    assert page.url.endswith("/figures/qwen-f7/?claims=confirmed"), page.url
    page.locator(f"{f7} .labfig-claims").get_by_label("All claims").check()
    page.wait_for_function(f"() => ({GHOSTS})(document.querySelector('{f7} .labfig-plot')) >= 3")
    assert page.url.endswith("/figures/qwen-f7/"), page.url
    # In the embed the same control switches the view and writes it into the embed's own address.
    page.goto(site_url + "embed/qwen-f7/")
    page.locator(".labfig-claims").get_by_label("Main claims only").check()
    live(page, "qwen-f7")
    page.wait_for_function(f"() => ({GHOSTS})(document.querySelector('{f7} .labfig-plot')) === 0")
    assert page.url.endswith("/embed/qwen-f7/?claims=main"), page.url
    # A view the address names wrongly is no view: all claims, as the static image shows them.
    page.goto(site_url + "embed/qwen-f7/?claims=everything")
    assert page.locator(".labfig-claims input:checked").get_attribute("value") == "all"
    assert watch.errors == []
