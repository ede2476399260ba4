"""The embed kit in Chromium: a host page on another origin embeds every figure with the snippet;
the iframe fits its content at phone and desktop widths; the images exist, are not blank, show the title."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import PageWatch, serve

pytestmark = pytest.mark.browser
FIGURE_IDS = ["qwen-f1", "qwen-f2", "qwen-f4", "qwen-f5", "qwen-f7"]


def snippet_for(built_site: Path, fig_id: str, site_url: str) -> str:
    """The snippet exactly as the figure page offers it, pointed at the local test server."""
    page = (built_site / "figures" / fig_id / "index.html").read_text()
    box = re.search(r'<textarea[^>]*data-embed-path="[^"]*"[^>]*>(.*?)</textarea>', page, re.S)
    assert box, "the figure page has no embed snippet"
    code = html.unescape(box.group(1))
    return re.sub(r'src="[^"]*/embed/', f'src="{site_url}embed/', code)


@pytest.fixture(scope="module")
def host_url(built_site: Path, site_url: str, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """An article page on a second port (another origin) embedding every figure."""
    root = tmp_path_factory.mktemp("host")
    body = "\n".join(f"<h2>{f}</h2>\n{snippet_for(built_site, f, site_url)}" for f in FIGURE_IDS)
    (root / "index.html").write_text(f"<!doctype html><html><head><meta charset=utf-8><meta name=viewport content='width=device-width'><link rel=icon href='data:,'>"
                                     f"<style>body{{margin:0;padding:0 10px;font:16px sans-serif}}</style></head><body><p>An article.</p>{body}</body></html>")
    # A page of the host's own origin that claims to be an embed: the host script must not believe it.
    (root / "forged.html").write_text("<!doctype html><script>setInterval(() => parent.postMessage("
                                      "{type: 'labfig:height', height: 1234}, '*'), 50)</script>")
    url, server = serve(root)
    yield url
    server.shutdown()


@pytest.mark.parametrize("width", [360, 1200])
def test_iframes_size_themselves_to_the_figure(browser: Any, host_url: str, site_url: str, width: int) -> None:
    ctx = browser.new_context(viewport={"width": width, "height": 900})
    page = ctx.new_page()
    watch = PageWatch(page, (site_url, host_url))
    page.goto(host_url)
    for fig_id in FIGURE_IDS:
        iframe = page.locator(f'iframe[data-labfig="{fig_id}"]')
        iframe.scroll_into_view_if_needed()
        frame = iframe.element_handle().content_frame()
        frame.wait_for_function("() => [...document.images].filter(i => i.offsetParent).every(i => i.complete && i.naturalWidth > 0)", timeout=15000)
        page.wait_for_timeout(300)
        inner = frame.evaluate("() => Math.ceil(document.documentElement.getBoundingClientRect().height)")
        outer = iframe.evaluate("f => f.getBoundingClientRect().height")
        assert abs(outer - inner) <= 2, f"{fig_id} at {width}px: iframe {outer}px, content {inner}px"
        overflow = frame.evaluate("() => document.scrollingElement.scrollHeight - window.innerHeight")
        assert overflow <= 1, f"{fig_id} at {width}px scrolls inside its iframe by {overflow}px"
        link_bottom = frame.evaluate("() => document.querySelector('.labfig-embed-link').getBoundingClientRect().bottom")
        assert link_bottom <= outer, f"{fig_id} at {width}px is cut off"
    assert watch.errors == []
    ctx.close()


@pytest.mark.parametrize("column", [296, 520, 1600])
def test_embed_without_host_script_never_cuts_the_figure(browser: Any, built_site: Path, site_url: str, column: int) -> None:
    """The iframe alone, in a column of the given width: it fits the column and its default height holds the whole page."""
    ctx = browser.new_context(viewport={"width": max(column + 40, 360), "height": 900})
    page = ctx.new_page()
    frames = "".join(snippet_for(built_site, f, site_url).split("<script>")[0] for f in FIGURE_IDS)
    page.set_content(f"<body style='margin:0'><div style='width:{column}px'>{frames}</div></body>")
    for fig_id in FIGURE_IDS:
        iframe = page.locator(f'iframe[data-labfig="{fig_id}"]')
        iframe.scroll_into_view_if_needed()
        frame = iframe.element_handle().content_frame()
        frame.wait_for_selector("figure.labfig")
        # The images reserve their size from their width and height attributes, so the page is measured as laid out.
        content = frame.evaluate("() => document.documentElement.getBoundingClientRect().height")
        box = page.locator(f'iframe[data-labfig="{fig_id}"]').evaluate("f => f.getBoundingClientRect().toJSON()")
        assert box["width"] <= column, f"{fig_id}: the iframe ({box['width']} px) overflows a {column} px column"
        assert content <= box["height"], f"{fig_id} in a {column} px column: {content:.0f} px of page in a {box['height']} px iframe"
    ctx.close()


def test_embed_turns_interactive_and_follows_theme(browser: Any, site_url: str) -> None:
    ctx = browser.new_context(viewport={"width": 800, "height": 900}, color_scheme="dark")
    page = ctx.new_page()
    page.goto(site_url + "embed/qwen-f1/")
    assert page.evaluate("() => document.documentElement.dataset.theme") == "dark"
    page.goto(site_url + "embed/qwen-f1/?theme=light")
    assert page.evaluate("() => document.documentElement.dataset.theme") == "light"
    assert page.evaluate("() => !!window.Plotly") is False
    page.locator(".labfig-stage").hover()
    page.wait_for_selector("figure.is-live .main-svg", timeout=15000)
    assert page.evaluate("() => document.querySelector('.labfig-plot')._fullLayout.paper_bgcolor") == "#ffffff"
    ctx.close()


@pytest.mark.parametrize("fig_id", FIGURE_IDS)
def test_static_images_exist_are_not_blank_and_show_the_title(browser: Any, built_site: Path, site_url: str, fig_id: str) -> None:
    folder = built_site / "embed" / fig_id
    for name in ("index.html", "figure.json", "figure.png", "figure.svg", "data.csv"):
        assert (folder / name).stat().st_size > 100, f"{fig_id}/{name} is missing or empty"
    title = re.search(r'<h1 class="labfig-embed-title">(.*?)</h1>', (folder / "index.html").read_text()).group(1)
    assert title in (folder / "figure.svg").read_text(), "the SVG does not carry the title"
    ctx = browser.new_context()
    page = ctx.new_page()
    page.goto(site_url + f"embed/{fig_id}/figure.png")
    # Count distinct colours in the title band and across the image: a blank render has one.
    stats = page.evaluate("""async () => {
        const img = document.querySelector('img'); await img.decode();
        const c = document.createElement('canvas'); c.width = img.naturalWidth; c.height = img.naturalHeight;
        const g = c.getContext('2d'); g.drawImage(img, 0, 0);
        const count = (y0, y1) => { const d = g.getImageData(0, y0, c.width, y1 - y0).data; let ink = 0;
            for (let i = 0; i < d.length; i += 4) if (d[i] < 128 && d[i+1] < 128 && d[i+2] < 128) ink++; return ink; };
        return {w: c.width, h: c.height, titleInk: count(0, 90), allInk: count(0, c.height)};
    }""")
    ctx.close()
    assert stats["w"] == 2000, "PNG is exported at 2x"
    assert stats["titleInk"] > 500, "no title drawn at the top of the PNG"
    assert stats["allInk"] > stats["titleInk"] * 2


KIT_LINKS = ["CSV", "JSON", "PNG", "SVG", "Figure page: sources and citation", "Share"]


def test_embed_offers_data_images_page_share_and_date_inside_the_frame(browser: Any, site_url: str) -> None:
    ctx = browser.new_context(viewport={"width": 320, "height": 900})
    page = ctx.new_page()
    for fig_id in FIGURE_IDS:
        page.goto(site_url + f"embed/{fig_id}/")
        links = page.evaluate("() => [...document.querySelectorAll('a[href]')].filter(a => a.getClientRects().length)"
                              ".map(a => [a.textContent.trim(), a.href])")
        names = [name for name, _ in links]
        assert all(name in names for name in KIT_LINKS), f"{fig_id}: {names}"
        for name, href in links:
            if name in ("CSV", "JSON", "PNG", "SVG"):
                response = page.request.get(href)
                assert response.ok and len(response.body()) > 100, f"{fig_id}: {name} link {href} is broken"
        updated = page.locator(".labfig-version").inner_text()
        assert re.match(r"Last updated .+ · data version [0-9a-f]{10}", updated), updated
        assert page.evaluate("() => document.scrollingElement.scrollWidth <= innerWidth"), f"{fig_id} overflows at 320 px"
    ctx.close()


def test_host_script_trusts_only_the_embeds_origin_bounds_height_and_relays_theme(
        browser: Any, built_site: Path, site_url: str, host_url: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    ctx = browser.new_context(viewport={"width": 680, "height": 900})
    page = ctx.new_page()
    page.goto(host_url)
    frames = page.locator("iframe[data-labfig]")
    assert frames.count() == len(FIGURE_IDS)
    assert page.evaluate("() => window.labfigHost") is True
    first = frames.nth(0)
    first.scroll_into_view_if_needed()
    frame = first.element_handle().content_frame()
    frame.wait_for_load_state("load")
    page.wait_for_timeout(300)
    # A height from the embed's own origin is applied, within bounds.
    frame.evaluate("() => parent.postMessage({type: 'labfig:height', height: 999999}, '*')")
    page.wait_for_timeout(100)
    assert first.evaluate("f => f.getBoundingClientRect().height") == 5000
    frame.evaluate("() => parent.postMessage({type: 'labfig:height', height: 'x'}, '*')")
    page.wait_for_timeout(100)
    assert first.evaluate("f => f.getBoundingClientRect().height") == 5000, "a height that is not a number was applied"
    # Growing the viewport makes the figure report its new height again.
    page.set_viewport_size({"width": 1000, "height": 900})
    page.wait_for_timeout(600)
    inner = frame.evaluate("() => Math.ceil(document.documentElement.getBoundingClientRect().height)")
    assert abs(first.evaluate("f => f.getBoundingClientRect().height") - inner) <= 2
    # The host switches its theme: the figure follows.
    first.evaluate("f => f.setAttribute('data-theme', 'dark')")
    frame.wait_for_function("() => document.documentElement.dataset.theme === 'dark'", timeout=3000)
    # A frame that navigated elsewhere (another origin than the iframe's src) is not believed.
    before = first.evaluate("f => f.getBoundingClientRect().height")
    frame.evaluate(f"() => {{ location.href = {host_url!r} + 'forged.html'; }}")
    page.wait_for_timeout(800)
    assert first.evaluate("f => f.getBoundingClientRect().height") == before
    ctx.close()


def test_downloadable_svg_has_title_and_desc(built_site: Path) -> None:
    for fig_id in FIGURE_IDS:
        svg = (built_site / "embed" / fig_id / "figure.svg").read_text()
        found = re.match(r'<svg [^>]*aria-labelledby="labfig-title labfig-desc"><title id="labfig-title">([^<]+)</title>'
                         r'<desc id="labfig-desc">([^<]+)</desc>', svg)
        assert found, f"{fig_id}: the SVG does not open with its title and description"
        assert "CC BY 4.0" in found.group(2) and f"/embed/{fig_id}/" in found.group(2) and "data as of" in found.group(2)
        png = (built_site / "embed" / fig_id / "figure.png").read_bytes()
        assert b"iTXt" in png[:200] and b"CC BY 4.0" in png[:20000]


def test_pages_have_link_previews_with_their_own_description(built_site: Path) -> None:
    seen = set()
    for page in ["index.html", "qwen/index.html", "series/index.html", "explorer/index.html", "figures/index.html",
                 "figures/qwen-f1/index.html", "figures/qwen-f8/index.html", "downloads/index.html", "people/index.html"] + [str(p.relative_to(built_site)) for p in built_site.glob("models/*/index.html")][:2]:
        text = (built_site / page).read_text()
        tags = dict(re.findall(r'<meta (?:property|name)="((?:og|twitter):[a-z:_]+)" content="([^"]*)"', text))
        for key in ("og:title", "og:description", "og:url", "og:site_name", "twitter:card", "twitter:title", "twitter:description"):
            assert tags.get(key), f"{page}: no {key}"
        assert tags["og:description"] not in seen, f"{page} repeats another page's description"
        seen.add(tags["og:description"])
        if page in ("qwen/index.html", "series/index.html", "figures/qwen-f1/index.html", "figures/qwen-f8/index.html"):
            assert tags["twitter:card"] == "summary_large_image" and tags["og:image"].endswith("/share.png")
            image = built_site / tags["og:image"].split("/", 3)[3]
            assert image.read_bytes()[16:24] == (1200).to_bytes(4, "big") + (630).to_bytes(4, "big"), "share image is not 1200 x 630"


def test_figure_page_citations_carry_the_readers_access_date(browser: Any, site_url: str) -> None:
    ctx = browser.new_context()
    page = ctx.new_page()
    page.goto(site_url + "figures/qwen-f1/")
    today = page.evaluate("() => { const d = new Date(); return [d.getFullYear(), d.getMonth() + 1, d.getDate()]; }")
    iso = f"{today[0]}-{today[1]:02d}-{today[2]:02d}"
    long = page.evaluate("() => new Date().toLocaleDateString('en-US', {year: 'numeric', month: 'long', day: 'numeric'})")
    assert f"(Accessed: {long})" in page.locator("[data-cite=plain]").inner_text()
    assert f'urldate = "{iso}"' in page.locator("[data-cite=bibtex]").inner_text()
    assert f'"accessed": {{\n      "date-parts": [[{today[0]}, {today[1]}, {today[2]}]]' in page.locator("[data-cite=csl]").inner_text()
    ctx.close()
