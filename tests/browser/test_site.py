"""The published site in Chromium: pages load cleanly, figures show at once and turn interactive,
the palette toggle re-themes them, instant navigation draws them, the explorer filters."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import PageWatch

pytestmark = pytest.mark.browser
FIGURE_IDS = ["qwen-f7", "qwen-f1", "qwen-f5", "qwen-f2", "qwen-f4", "qwen-f8"]


def html_pages(site: Path) -> list[str]:
    """Every page of the site, as a URL path, excluding search's own files and embeds (tested elsewhere)."""
    paths = [p.parent.relative_to(site).as_posix() for p in site.rglob("index.html")]
    return sorted("" if p == "." else p + "/" for p in paths if not p.startswith(("embed", "search", "assets")))


def test_every_page_loads_without_errors_or_outside_requests(built_site: Path, site_url: str, context: Any) -> None:
    pages = html_pages(built_site)
    assert len(pages) > 40
    page = context.new_page()
    watch = PageWatch(page, (site_url,))
    for path in pages:
        page.goto(site_url + path.lstrip("/"), wait_until="load")
    assert watch.errors == []


def wait_static_images(page: Any) -> None:
    """Scroll each figure into view (its images load lazily) and wait until its static image is drawn."""
    for fig_id in page.eval_on_selector_all("figure.labfig", "els => els.map(e => e.dataset.figure)"):
        page.locator(f'figure[data-figure="{fig_id}"]').scroll_into_view_if_needed()
        page.wait_for_function(f"""() => [...document.querySelectorAll('figure[data-figure="{fig_id}"] img')]
            .some(i => i.offsetParent !== null && i.complete && i.naturalWidth > 0)""", timeout=15000)


def test_figures_show_static_at_once_then_turn_interactive(site_url: str, context: Any) -> None:
    page = context.new_page()
    watch = PageWatch(page, (site_url,))
    page.goto(site_url + "qwen/")
    assert page.eval_on_selector_all("figure.labfig", "els => els.map(e => e.dataset.figure)") == FIGURE_IDS
    wait_static_images(page)
    assert page.evaluate("() => !!window.Plotly") is False, "plotly.js must not load before the reader interacts"
    for fig_id in FIGURE_IDS:
        figure = page.locator(f'figure[data-figure="{fig_id}"] .labfig-stage')
        figure.scroll_into_view_if_needed()
        figure.hover()
        page.wait_for_selector(f'figure[data-figure="{fig_id}"].is-live .main-svg', timeout=15000)
    assert page.evaluate("() => [...document.scripts].filter(s => s.src.includes('plotly')).length") == 1
    assert watch.errors == []


def test_tap_turns_a_figure_interactive_on_a_phone(browser: Any, site_url: str) -> None:
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = ctx.new_page()
    page.goto(site_url + "qwen/")
    page.locator('figure[data-figure="qwen-f1"] .labfig-stage').tap()
    page.wait_for_selector('figure[data-figure="qwen-f1"].is-live .main-svg', timeout=15000)
    width = page.evaluate("() => document.querySelector('figure[data-figure=\"qwen-f1\"] .labfig-plot').getBoundingClientRect().width")
    assert width <= 390
    ctx.close()


def plot_background(page: Any, fig_id: str) -> str:
    return page.evaluate(f"() => document.querySelector('figure[data-figure=\"{fig_id}\"] .labfig-plot')._fullLayout.paper_bgcolor")


def visible_static(page: Any, fig_id: str) -> str:
    return page.evaluate(f"""() => [...document.querySelectorAll('figure[data-figure="{fig_id}"] img.labfig-static')]
        .filter(p => getComputedStyle(p).display !== 'none').map(p => p.className).join(' ')""")


def test_palette_toggle_rethemes_static_and_live_figures(site_url: str, context: Any) -> None:
    page = context.new_page()
    page.goto(site_url + "qwen/")
    assert "labfig-light" in visible_static(page, "qwen-f2")
    page.locator('figure[data-figure="qwen-f1"] .labfig-stage').hover()
    page.wait_for_selector('figure[data-figure="qwen-f1"].is-live .main-svg')
    assert plot_background(page, "qwen-f1") == "#ffffff"
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
    page.wait_for_function("() => document.querySelector('figure[data-figure=\"qwen-f1\"] .labfig-plot')._fullLayout.paper_bgcolor === '#1e2129'")
    assert "labfig-dark" in visible_static(page, "qwen-f2")


def test_instant_navigation_draws_the_next_pages_figures(site_url: str, context: Any) -> None:
    page = context.new_page()
    watch = PageWatch(page, (site_url,))
    page.goto(site_url)
    page.locator(".md-content a[href$='qwen/']").first.click()
    page.wait_for_url("**/qwen/")
    assert page.evaluate("() => performance.getEntriesByType('navigation').length") == 1
    # Material swapped the page in by XHR: no full load happened, yet our script must wire the new figures.
    page.locator('figure[data-figure="qwen-f7"] .labfig-stage').hover()
    page.wait_for_selector('figure[data-figure="qwen-f7"].is-live .main-svg', timeout=15000)
    page.locator(".md-content a[href$='figures/']").first.click()
    page.wait_for_url("**/figures/")
    page.locator('figure[data-figure="qwen-f4"] .labfig-stage').hover()
    page.wait_for_selector('figure[data-figure="qwen-f4"].is-live .main-svg', timeout=15000)
    assert page.evaluate("() => [...document.scripts].filter(s => s.src.includes('plotly')).length") == 1
    assert watch.errors == []


def test_explorer_filters_and_sorts(site_url: str, context: Any) -> None:
    page = context.new_page()
    page.goto(site_url + "explorer/")
    total = page.locator("table.labfig-explorer tbody tr").count()
    page.select_option("form.labfig-filters select[name=axis]", "org")
    shown = page.locator("table.labfig-explorer tbody tr:not([hidden])")
    assert 0 < shown.count() < total
    assert set(shown.evaluate_all("rows => rows.map(r => r.dataset.axis)")) == {"org"}
    assert page.locator("form.labfig-filters output").inner_text() == f"{shown.count()} of {total} events"
    page.fill("form.labfig-filters input[name=from]", "2026-03")
    starts = shown.evaluate_all("rows => rows.map(r => r.dataset.end)")
    assert starts and all(end >= "2026-03-01" for end in starts)
    page.select_option("form.labfig-filters select[name=axis]", "")
    page.fill("form.labfig-filters input[name=from]", "")
    page.locator("th[data-sort=date] button").click()
    dates = page.locator("table.labfig-explorer tbody tr td:first-child").evaluate_all("c => c.map(x => x.dataset.value)")
    assert dates == sorted(dates, reverse=True)


def test_explorer_is_a_plain_table_without_javascript(browser: Any, site_url: str, built_site: Path) -> None:
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(site_url + "explorer/")
    rows = page.locator("table.labfig-explorer tbody tr")
    assert rows.count() >= 25 and rows.first.is_visible()
    assert page.locator("form.labfig-filters").is_hidden()
    ctx.close()


def test_explorer_state_lives_in_the_address(site_url: str, context: Any) -> None:
    page = context.new_page()
    page.goto(site_url + "explorer/?axis=org&sort=event&dir=desc")
    shown = page.locator("table.labfig-explorer tbody tr:not([hidden])")
    assert set(shown.evaluate_all("rows => rows.map(r => r.dataset.axis)")) == {"org"}
    assert page.locator("select[name=axis]").input_value() == "org"
    assert page.locator("th[data-sort=event]").get_attribute("aria-sort") == "descending"
    titles = shown.evaluate_all("rows => rows.map(r => r.cells[1].textContent.trim().toLowerCase())")
    assert titles == sorted(titles, reverse=True)
    # Filtering and sorting write the address; a reload shows the same rows in the same order.
    page.select_option("select[name=status]", "reported")
    page.locator("th[data-sort=date] button").click()
    assert page.evaluate("() => location.search") == "?axis=org&status=reported"
    before = shown.evaluate_all("rows => rows.map(r => r.id)")
    page.reload()
    assert shown.evaluate_all("rows => rows.map(r => r.id)") == before
    assert page.locator("th[data-sort=date]").get_attribute("aria-sort") == "ascending"
    # An option the store does not have is ignored rather than hiding everything.
    page.goto(site_url + "explorer/?axis=nonsense")
    assert shown.count() == page.locator("table.labfig-explorer tbody tr").count()


def test_explorer_text_filter_finds_other_spellings(site_url: str, context: Any) -> None:
    page = context.new_page()
    page.goto(site_url + "explorer/")
    page.fill("input[name=q]", "Justin Lin")
    titles = page.locator("table.labfig-explorer tbody tr:not([hidden]) td:nth-child(2) a").all_inner_texts()
    assert titles and all("Lin" in t or "Qwen" in t for t in titles), titles
    page.fill("input[name=q]", "達摩院")
    assert page.locator("table.labfig-explorer tbody tr:not([hidden])").count() > 0


def test_explorer_sorts_by_keyboard_and_shows_the_order(site_url: str, context: Any) -> None:
    page = context.new_page()
    page.goto(site_url + "explorer/")
    button = page.locator("th[data-sort=subject] button")
    button.focus()
    page.keyboard.press("Enter")
    assert page.locator("th[data-sort=subject]").get_attribute("aria-sort") == "ascending"
    assert page.locator("th[data-sort=date]").get_attribute("aria-sort") is None
    page.keyboard.press("Space")
    assert page.locator("th[data-sort=subject]").get_attribute("aria-sort") == "descending"
    mark = page.evaluate("() => getComputedStyle(document.querySelector('th[data-sort=subject] .labfig-sort-mark'), '::after').content")
    assert mark == '"▼"'


@pytest.mark.parametrize("width", [320, 390, 768, 1280, 1600])
def test_explorer_fits_its_column(browser: Any, site_url: str, width: int) -> None:
    ctx = browser.new_context(viewport={"width": width, "height": 900})
    page = ctx.new_page()
    page.goto(site_url + "explorer/")
    fit = page.evaluate("""() => { const t = document.querySelector('table.labfig-explorer');
        const col = t.closest('.md-content__inner').getBoundingClientRect();
        const cells = [...t.querySelectorAll('th, td')].filter(c => c.getClientRects().length);
        return {table: t.getBoundingClientRect().right - col.right, page: document.scrollingElement.scrollWidth - innerWidth,
                cut: cells.filter(c => c.scrollWidth > c.clientWidth + 1).length,
                form: document.querySelector('form.labfig-filters').getBoundingClientRect().height,
                // A one-word heading or date drawn on more than one line has been broken inside its word.
                broken: [...t.querySelectorAll('th[data-sort] .labfig-sort, td .labfig-when')].filter(e => e.getClientRects().length
                    && e.getBoundingClientRect().height > 2 * parseFloat(getComputedStyle(e).fontSize))
                    .map(e => e.textContent.trim()).slice(0, 5)}; }""")
    assert fit["table"] <= 1 and fit["page"] <= 0 and fit["cut"] == 0, f"{width}px: {fit}"
    assert fit["broken"] == [], f"{width}px: broken inside a word: {fit['broken']}"
    if width < 720:
        assert fit["form"] < 120, f"the filters take {fit['form']}px on a phone"
        page.locator(".labfig-filter-toggle").click()
        assert page.locator("select[name=axis]").is_visible()
    ctx.close()
