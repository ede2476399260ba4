"""Site search as a reader uses it: every alias in the data finds its page, Chinese names included, and
results read as text (no table cells glued together)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from generators.load import DEFAULT_EVENTS, DEFAULT_FIGURES, load_store
from generators.render.search_text import ZWSP, segment_han, space_cells

pytestmark = pytest.mark.browser


def _index(built_site: Path) -> dict[str, Any]:
    return json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))


def test_every_alias_is_indexed_as_searchable_tokens_on_its_page(built_site: Path) -> None:
    store, _ = load_store(DEFAULT_EVENTS, DEFAULT_FIGURES)
    index = _index(built_site)
    separator = re.compile(index["config"]["separator"].replace("\\u200b", ZWSP))
    pages = {doc["location"]: doc for doc in index["docs"] if "#" not in doc["location"]}
    found = 0
    for folder, registry in (("people", store.people), ("units", store.units)):
        for record in registry.values():
            doc = pages[f"{folder}/{record.id}/"]
            tokens = {t.lower() for t in separator.split(doc["title"] + " " + doc["text"]) if t}
            for alias in record.aliases:
                wanted = {t.lower().strip(",") for t in separator.split(segment_han(alias)) if t}
                assert wanted <= {t.strip(",") for t in tokens}, f"{alias!r} is not searchable on {folder}/{record.id}/"
                found += 1
    assert found >= 10


def test_segmenting_and_spacing() -> None:
    assert segment_han("Tongyi Laboratory, 通义实验室") == f"Tongyi Laboratory, 通{ZWSP}义{ZWSP}实{ZWSP}验{ZWSP}室"
    assert segment_han("no Han here") == "no Han here"
    assert space_cells("<tr><th>Also called</th><td>Tongyi</td></tr>") == "<tr><th>Also called</th> <td>Tongyi</td></tr>"
    assert space_cells("<td>Downloads<br><small>The profile</small></td>") == "<td>Downloads<br> <small>The profile</small></td>"
    assert space_cells("a<br>\nb") == "a<br>\nb"
    assert space_cells("<pre>a<br>b</pre><script>x='<br>y'</script>c<br>d") == "<pre>a<br>b</pre><script>x='<br>y'</script>c<br> d"


def search_results(page: Any, query: str) -> list[str]:
    """The addresses the search box lists for `query`, best first."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    page.keyboard.press("End")
    page.wait_for_function("() => document.querySelector('.md-search-result__meta').textContent.includes('matching')", timeout=10000)
    return page.locator(".md-search-result__item > a").evaluate_all("links => links.map(a => a.getAttribute('href'))")


@pytest.mark.parametrize(("query", "page_path"), [("通义实验室", "units/tongyi-lab/"), ("達摩院", "units/damo-academy/"),
                                                  ("实验室", "units/tongyi-lab/"), ("Justin Lin", "people/lin-junyang/")])
def test_search_box_finds_aliases(site_url: str, context: Any, query: str, page_path: str) -> None:
    page = context.new_page()
    page.goto(site_url)
    hrefs = search_results(page, query)
    assert hrefs and hrefs[0].split("?")[0].endswith(page_path), f"{query!r}: {hrefs[:3]}"
    text = page.locator(".md-search-result__item").first.inner_text()
    assert "calledTongyi" not in text and "writtenJunyang" not in text and "Kindlab" not in text


def test_search_text_keeps_the_lines_of_a_cell_apart(built_site: Path) -> None:
    # The measurement table puts each metric's note under it after a line break.
    texts = [doc["text"] for doc in _index(built_site)["docs"] if doc["location"].startswith("qwen/")]
    assert any("Downloads of Qwen models, all time The profile" in t for t in texts)
    assert not any(re.search(r"all timeThe", t) for t in texts)
