"""A synthetic series of five subjects built as a site: every subject's page, nav entry and home-page link work
and place their figures (drawn in Chromium), the hand-written page keeps its own order, and the explorer
filters by each subject's own name."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bench import synth
from bench.common import project_copy
from generators.split_subject import move
from tests.browser.conftest import PageWatch, serve

pytestmark = pytest.mark.browser
HAND = ("---\ntitle: Synthetic subject 0\n---\n\n# Synthetic subject 0\n\nA page of our own for the first subject.\n\n"
        "{{ figure(\"qwen-f1\") }}\n\nThen its lanes:\n\n{{ figure(\"qwen-f7\") }}\n")
SUBJECTS = ["qwen", "subj01", "subj02", "subj03", "subj04"]


@pytest.fixture(scope="module")
def series_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Five subjects (three dense, two sparse; two in files of their own), qwen with a hand-written page, built without static images."""
    from generators.plugin.publish import build_site

    root = tmp_path_factory.mktemp("series")
    data = root / "data"
    data.mkdir()
    events, figures = synth.generate(200, subjects=5, sparse=2, series=True)
    # Other names for one person and one lab of a generated subject, one of them Chinese, for search and the explorer.
    events = events.replace("    name: Person 1 of subj03\n", "    name: Person 1 of subj03\n    aliases: [Patrizia Troisi]\n", 1)
    events = events.replace("    name: Lab 03\n", "    name: Lab 03\n    aliases: [三号实验室]\n", 1)
    (data / "events.yaml").write_text(events, encoding="utf-8")
    (data / "figures.yaml").write_text(figures, encoding="utf-8")
    for subject in ("subj01", "subj03"):  # both layouts at once: these two in data/events/, the rest in the entry file
        move(data / "events.yaml", subject)
    project = project_copy(root / "project", data)
    (project / "content/qwen.md").write_text(HAND, encoding="utf-8")
    here = Path.cwd()
    os.chdir(project)
    try:
        build_site(Path("mkdocs.yml"), project / "site", images=False)
    finally:
        os.chdir(here)
    url, server = serve(project / "site")
    yield url
    server.shutdown()


def figure_ids(page: Any) -> list[str]:
    return page.eval_on_selector_all("article figure.labfig", "els => els.map(e => e.dataset.figure)")


def test_every_subject_has_a_home_link_a_nav_entry_and_a_page_with_its_figures_drawn(series_url: str, context: Any) -> None:
    page = context.new_page()
    watch = PageWatch(page, (series_url,))
    page.goto(series_url)
    # Material's instant navigation makes every link absolute; compare them as paths on the site.
    home = page.eval_on_selector_all(".labfig-series-table th[scope=row] a", "els => els.map(a => a.href)")
    assert home == [f"{series_url}{s}/" for s in SUBJECTS]
    nav = page.eval_on_selector_all("nav.md-nav--primary a.md-nav__link[href]", "els => els.map(a => [a.textContent.trim(), a.href])")
    entries = {text: href.removeprefix(series_url) for text, href in nav}
    for i, subject in enumerate(SUBJECTS):
        name = f"Synthetic subject {i}"
        assert entries.get(name) == f"{subject}/", f"nav entry of {name}"
        page.goto(series_url)
        page.locator(f'.labfig-series-table tr[data-subject="{subject}"] th a').click()
        page.wait_for_url(f"**/{subject}/")
        assert page.locator("article h1").first.inner_text().rstrip("¶") == name
        ids = figure_ids(page)
        assert len(ids) == 6, f"{subject}: {ids}"
        for fig_id in ids:
            page.locator(f'figure[data-figure="{fig_id}"]').scroll_into_view_if_needed()
            page.wait_for_selector(f'figure[data-figure="{fig_id}"].is-live .main-svg', timeout=20000)
    page.goto(series_url + "series/")
    assert page.locator(".labfig-series-table tbody tr").count() == 5
    assert set(figure_ids(page)) == {"series-moves", "series-postures"}
    assert watch.errors == []


def test_generated_pages_order_figures_and_the_hand_written_page_keeps_its_own(series_url: str, context: Any) -> None:
    page = context.new_page()
    page.goto(series_url + "subj02/")
    # subj02's people-moves figure has `order: 3`; the others follow by kind.
    assert figure_ids(page) == ["subj02-f8", "subj02-f7", "subj02-f1", "subj02-f4", "subj02-f5", "subj02-f2"]
    page.goto(series_url + "qwen/")
    assert figure_ids(page)[:2] == ["qwen-f1", "qwen-f7"], "the hand-written page places these two, in its order"
    assert sorted(figure_ids(page)[2:]) == ["qwen-f2", "qwen-f4", "qwen-f5", "qwen-f8"], "the rest follow it"
    assert page.locator("#more-on-this-subject").count() == 1


def test_the_explorer_filters_by_subject_name(series_url: str, context: Any) -> None:
    page = context.new_page()
    page.goto(series_url + "explorer/")
    options = page.eval_on_selector_all("select[name=subject] option",
                                        "els => els.map(o => o.textContent.trim())")
    assert [f"Synthetic subject {i}" for i in range(5)] == [o for o in options if o.startswith("Synthetic")]


def test_the_explorer_keeps_a_subject_filter_in_the_address_and_finds_other_names(series_url: str, context: Any) -> None:
    page = context.new_page()
    page.goto(series_url + "explorer/?subject=subj03&sort=date&dir=desc")
    shown = page.locator("table.labfig-explorer tbody tr:not([hidden])")
    assert set(shown.evaluate_all("rows => rows.map(r => r.dataset.subject)")) == {"subj03"}
    assert page.locator("select[name=subject]").input_value() == "subj03"
    assert page.locator("th[data-sort=date]").get_attribute("aria-sort") == "descending"
    page.goto(series_url + "explorer/")
    everything = shown.count()
    # Only the releases that credit the person carry her other name; a reload keeps the filter.
    page.fill("input[name=q]", "Patrizia Troisi")
    credited = shown.evaluate_all("rows => rows.map(r => r.dataset.subject)")
    assert credited and set(credited) <= {"subj03", "subj04"} and len(credited) < everything
    assert "q=Patrizia+Troisi" in page.evaluate("() => location.search")
    page.reload()
    assert shown.count() == len(credited)


@pytest.mark.parametrize(("query", "path"), [("Patrizia Troisi", "people/subj03-person1/"), ("三号实验室", "units/lab03/")])
def test_search_finds_the_other_names_of_a_generated_subjects_people_and_labs(series_url: str, context: Any,
                                                                               query: str, path: str) -> None:
    from tests.browser.test_search import search_results

    page = context.new_page()
    page.goto(series_url + "subj03/")
    hrefs = search_results(page, query)
    assert hrefs and hrefs[0].split("?")[0].endswith(path), f"{query!r}: {hrefs[:3]}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_generated_pages_have_no_serious_axe_violations(browser: Any, series_url: str, scheme: str) -> None:
    from tests.browser.test_a11y import axe_problems

    pages = ["subj01/", "subj04/", "series/", "explorer/", "figures/series-moves/", "embed/series-moves/", "units/lab03/"]
    assert axe_problems(browser, series_url, pages, scheme) == {}


def test_the_downloads_page_links_every_subjects_files(series_url: str, context: Any) -> None:
    page = context.new_page()
    page.goto(series_url + "downloads/")
    links = page.eval_on_selector_all("#per-subject ~ div table tbody a[href$='events.csv']", "els => els.map(a => a.href)")
    assert links == [f"{series_url}downloads/{s}/events.csv" for s in SUBJECTS]
    for link in links:
        response = page.request.get(link)
        assert response.ok and response.text().startswith("id,"), link


@pytest.mark.parametrize("width", [390, 1280])
def test_generated_figures_fill_the_column_and_each_subject_card_the_phone(series_url: str, browser: Any, width: int) -> None:
    # A sparse subject's figures have short captions; Material would size each <figure> to its caption.
    ctx = browser.new_context(viewport={"width": width, "height": 900})
    page = ctx.new_page()
    page.goto(series_url + "subj04/")
    column = page.evaluate("document.querySelector('article').getBoundingClientRect().width")
    widths = page.eval_on_selector_all("article figure.labfig", "els => els.map(e => e.getBoundingClientRect().width)")
    assert widths and all(abs(w - column) < 1 for w in widths), f"column {column}: {widths}"
    page.goto(series_url)
    cells = page.eval_on_selector_all(".labfig-series-table tbody tr", "rows => rows.map(r => [r.getBoundingClientRect().width, "
                                      "r.querySelector('th').getBoundingClientRect().width])")
    assert all(abs(row - th) < 1 for row, th in cells) if width < 640 else all(th < row / 2 for row, th in cells), cells
    ctx.close()
