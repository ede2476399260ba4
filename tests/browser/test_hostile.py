"""A hostile store: markup, script and formula payloads in every free-text field appear as literal text
on every surface (pages, explorer, entity pages, hover labels, embeds, alt text, SVG, CSV) and no script runs."""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
import yaml

from tests.browser.conftest import PageWatch, serve

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ROOT / "tests/data/hostile"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    project = tmp_path_factory.mktemp("hostile")
    (project / "generators").symlink_to(ROOT / "generators")
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    shutil.copytree(HOSTILE, project / "data")
    shutil.copytree(ROOT / "content/assets", project / "content/assets")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text().replace("!!python", "#"))
    config.pop("nav")
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config))
    (project / "content/index.md").write_text("# Home\n\n{{ subjects() }}\n\n{{ latest_events(8) }}\n")
    figures = yaml.safe_load((HOSTILE / "figures.yaml").read_text())["figures"]
    (project / "content/evil.md").write_text("# Evil\n\n" + "\n\n".join(f'{{{{ figure("{f["id"]}") }}}}' for f in figures)
                                             + '\n\nUsers: {{ measurement("evil-m") }}.\n\n{{ measurements("evil") }}\n')
    import os

    from generators.plugin.publish import build_site
    cwd = Path.cwd()
    os.chdir(project)
    try:
        build_site(project / "mkdocs.yml", project / "site", images=True)
    finally:
        os.chdir(cwd)
    url, server = serve(project / "site")
    yield project / "site", url
    server.shutdown()


def test_every_surface_shows_payloads_as_text_and_runs_nothing(hostile_site: tuple[Path, str], browser: Any) -> None:
    site, url = hostile_site
    ctx = browser.new_context(viewport={"width": 1200, "height": 900})
    page = ctx.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    watch = PageWatch(page, (url,))
    pages = sorted({p.parent.relative_to(site).as_posix() for p in site.rglob("index.html")} - {"search"})
    assert any(p.startswith("embed/") for p in pages) and "explorer" in pages
    for path in pages:
        page.goto(url + ("" if path == "." else path + "/"))
        for stage in page.locator(".labfig-stage").all():
            stage.scroll_into_view_if_needed()
            stage.hover()
        if page.locator(".labfig-stage").count():
            page.wait_for_function("() => [...document.querySelectorAll('figure.labfig')].every(f => f.classList.contains('is-live'))", timeout=20000)
            for point in page.locator(".labfig-plot .scatterlayer .point").all()[:6]:
                point.hover(force=True)
        assert page.evaluate("() => window.__pwned") is None, f"script ran on {path}"
        assert page.locator("a[href^='javascript:' i], iframe[src^='javascript:' i], [onerror], [onload], [onmouseover], [onclick]").count() == 0, path
    assert dialogs == []
    assert [e for e in watch.errors if "example.org" not in e] == []
    ctx.close()


def test_payloads_are_visible_as_literal_text(hostile_site: tuple[Path, str], browser: Any) -> None:
    site, url = hostile_site
    ctx = browser.new_context()
    page = ctx.new_page()
    page.goto(url + "models/evil-1/")
    text = page.locator("article").inner_text()
    assert "<script>window.__pwned='title'</script>Evil-1" in text
    assert "[link](javascript:window.__pwned='markdown')" in text
    page.goto(url + "explorer/")
    assert "&lt;script&gt;" in page.locator("table.labfig-explorer").inner_text()
    assert "<script>window.__pwned='metric'</script>Users" in page.locator("table.labfig-measurements").inner_text()
    page.goto(url + "evil/")
    assert "1 million <img src=x" in page.locator("a.labfig-measure").inner_text()
    ctx.close()


def test_svg_alt_text_and_csv_are_inert(hostile_site: tuple[Path, str]) -> None:
    site, _ = hostile_site
    for svg in site.glob("embed/*/*.svg"):
        root = ElementTree.fromstring(svg.read_bytes())
        for element in root.iter():
            assert not element.tag.lower().endswith(("script", "foreignobject", "iframe")), (svg, element.tag)
            for name, value in element.attrib.items():
                assert not name.lower().split("}")[-1].startswith("on"), (svg, name)
                assert "javascript:" not in value.lower() or not name.endswith("href"), (svg, name, value)
    embed = (site / "embed/evil-f1/index.html").read_text()
    assert "<script>window.__pwned" not in embed and 'onerror="window' not in embed
    for name in ["downloads/events.csv", "downloads/measurements.csv", *(p.relative_to(site).as_posix() for p in site.glob("embed/*/data.csv"))]:
        for row in csv.reader(io.StringIO((site / name).read_text())):
            assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row), (name, row)
