"""The edit loop under `make serve`: a saved change to a data file (the one holding Qwen3-Omni) shows in the open page without a reload.

`python -m generators serve` runs as `make serve` runs it, on a copy of the project; Chromium has the page open;
the test edits the data file in place, as an editor saves it, and waits for the page to show the
change. No timing is asserted here (bench/measure_edit.py measures it); what is checked is that the
change arrives, in the live figure too, that the page was swapped rather than reloaded (plotly.js
stays loaded, the scroll position stays), and that a bad edit neither breaks the page nor the loop.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bench.common import project_copy
from bench.measure_edit import holding, set_title
from tests.browser.conftest import PageWatch

EVENT = "qwen3-omni"
pytestmark = pytest.mark.browser
FIGURE_TEXT = "[...document.querySelectorAll('figure.labfig .main-svg text')].some(t => t.textContent.includes(%r))"


def _save(events: Path, new_text: str) -> None:
    with events.open("w", encoding="utf-8") as handle:  # in place, as an editor saves
        handle.write(new_text)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, Path]]:
    """(base URL, the copy's events.yaml, the server's log) of `mkdocs serve` on a project copy."""
    project = project_copy(tmp_path_factory.mktemp("serve") / "project")
    log_path = project / "serve.log"
    port = _free_port()
    with log_path.open("w") as log:
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(project), SOURCE_DATE_EPOCH="1767225600")
        env.pop("LABFIG_IMAGES", None)  # as `make serve` runs: figures live at once, no static images
        proc = subprocess.Popen([sys.executable, "-m", "generators", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                                cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        base = f"http://127.0.0.1:{port}/"
        try:
            _wait_for(base + "qwen/", proc, log_path)
            yield base, holding(project / "data" / "events.yaml"), log_path
        finally:
            os.killpg(proc.pid, 15)
            proc.wait(timeout=20)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(url: str, proc: subprocess.Popen[Any], log_path: Path, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"mkdocs serve exited:\n{log_path.read_text()[-3000:]}"
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"mkdocs serve did not answer {url}:\n{log_path.read_text()[-3000:]}")


def _open(context: Any, url: str, base: str) -> tuple[Any, PageWatch]:
    page = context.new_page()
    watch = PageWatch(page, (base,))
    page.goto(url, wait_until="load")
    page.evaluate("window.__notReloaded = true")
    return page, watch


def test_a_data_edit_shows_in_the_live_figure_without_a_reload(served: tuple[str, Path, Path], context: Any) -> None:
    base, events, _ = served
    page, watch = _open(context, base + "qwen/", base)
    page.wait_for_selector("figure.labfig .main-svg", timeout=30_000)
    page.mouse.wheel(0, 600)
    page.wait_for_function("window.scrollY > 0")
    scrolled = page.evaluate("window.scrollY")
    for token in ("Zs1", "Zs2"):  # twice: the loop keeps listening after a swap
        set_title(events, f"Qwen3-Omni {token}")
        page.wait_for_function(FIGURE_TEXT % token, timeout=30_000)
    assert page.evaluate("window.__notReloaded === true"), "the page was reloaded instead of swapped in place"
    assert abs(page.evaluate("window.scrollY") - scrolled) < 50, "the reader lost their place"
    # Material still works on the swapped page: the palette toggle re-themes the new live figure.
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
    page.wait_for_function("() => document.querySelector('figure[data-figure=\"qwen-f1\"] .labfig-plot')"
                           "._fullLayout.paper_bgcolor === '#1e2129'", timeout=10_000)
    assert page.evaluate("() => [...document.scripts].filter(s => s.src.includes('plotly')).length") == 1
    assert watch.errors == []


def test_a_data_edit_shows_on_the_release_page(served: tuple[str, Path, Path], context: Any) -> None:
    base, events, _ = served
    page, watch = _open(context, base + f"models/{EVENT}/", base)
    set_title(events, "Qwen3-Omni Zr1")
    page.wait_for_function("document.querySelector('h1')?.textContent.includes('Zr1')", timeout=30_000)
    assert "Zr1" in page.title()
    assert page.evaluate("window.__notReloaded === true")
    assert watch.errors == []


def test_a_broken_edit_keeps_the_page_and_the_next_good_edit_shows(served: tuple[str, Path, Path], context: Any) -> None:
    base, events, log_path = served
    page, watch = _open(context, base + f"models/{EVENT}/", base)
    good = events.read_text(encoding="utf-8")
    _save(events, good.replace("  - id: qwen3-omni\n", "  - id: qwen3-omni\n    colour: red\n", 1))
    deadline = time.monotonic() + 30
    while "colour" not in log_path.read_text() and time.monotonic() < deadline:
        time.sleep(0.2)
    log = log_path.read_text()
    assert re.search(re.escape(events.name) + r":\d+:\d+: .*colour", log), f"the server should name the bad field and its place:\n{log[-2000:]}"
    assert page.evaluate("window.__notReloaded === true") and page.locator("h1").count() == 1
    _save(events, good)
    set_title(events, "Qwen3-Omni Zb1")
    page.wait_for_function("document.querySelector('h1')?.textContent.includes('Zb1')", timeout=30_000)
    assert watch.errors == []


def test_a_page_edit_swaps_in_place_and_a_stylesheet_edit_reloads(served: tuple[str, Path, Path], context: Any) -> None:
    base, events, _ = served
    content = next(folder for folder in events.parents if folder.name == "data").parent / "content"
    page, watch = _open(context, base + "qwen/", base)
    qwen = content / "qwen.md"
    text = qwen.read_text(encoding="utf-8")
    _save(qwen, text.replace("\n\n", "\n\nA sentence added while serving.\n\n", 1))
    page.wait_for_function("document.querySelector('article')?.textContent.includes('A sentence added while serving')",
                           timeout=30_000)
    assert page.evaluate("window.__notReloaded === true"), "a Markdown edit should swap the page in place"
    # A swapped page keeps its stylesheets, so a stylesheet edit must reload it to show.
    css = content / "assets" / "labfig.css"
    _save(css, css.read_text(encoding="utf-8") + "\n.md-typeset h1 { letter-spacing: 3px; }\n")
    # While the page reloads there is a moment with no heading: wait through it rather than fail on it.
    page.wait_for_function("(h => !!h && getComputedStyle(h).letterSpacing === '3px')(document.querySelector('.md-typeset h1'))",
                           timeout=30_000)
    assert page.evaluate("window.__notReloaded === undefined"), "the page should have reloaded for the new stylesheet"
    assert watch.errors == []
