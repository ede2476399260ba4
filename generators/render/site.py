"""Site generation, independent of any site builder: the store in, every generated file and page out.

`generate` returns what a builder needs (static files, Markdown pages with slots, slot renderers);
`expand_markers` and `fill_slots` (generators.render.markers) are the two hooks a builder calls on hand-written pages.
MkDocs is wired up in `generators.plugin.plugin`; `generators.plugin.publish` runs a whole build atomically.
Files the build reads or caches (benchmarks, the plotly bundle, .cache/) are found under `project`.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from generators.figures.registry_widths import WIDTHS
from generators.history.timeline import History
from generators.model.document import DATA_LICENCE
from generators.model.store import Store
from generators.render import share_text
from generators.render.browser_config import assets as browser_assets
from generators.render.downloads import data_version, download_files, subject_downloads
from generators.render.embed_kit import SiteInfo, embed_files, figure_block, figure_page, page_url
from generators.render.explorer import render_explorer
from generators.render.feed import atom_feed
from generators.render.figure_assets import FIGURE_CACHE, FigureCache, FigureOutput, build_outputs, export_jobs, static_jobs
from generators.render.generated import Generated
from generators.render.history_html import FEED_FILE, changes_page, event_notes
from generators.render.image_meta import label_image
from generators.render.images import CACHE as IMAGES
from generators.render.images import render as render_images
from generators.render.markers import MARKER, expand_markers, fill_slots, render_page_slot
from generators.render.pages import slot_marker
from generators.render.reference import reference_markdown
from generators.render.subjects import add_subject_pages, subject_download_rows
from generators.render.templates import render
from generators.render.version_cache import CACHE as VERSION_FILES
from generators.render.version_cache import VersionFiles
from generators.render.version_files import CACHE as VERSIONS
from generators.render.version_files import resolve_all, version_plans
from generators.render.versions import figure_histories

__all__ = ["MARKER", "Generated", "expand_markers", "fill_slots", "figure_groups", "generate", "page_meta", "render_page_slot", "share_image"]
BENCH_PAGE = Path("bench/results.md")
BENCH_CHART = Path("bench/results-chart.json")
PLOTLY_BUNDLE = Path("node_modules/plotly.js-basic-dist-min/plotly-basic.min.js")


def generate(store: Store, *, site_name: str, site_url: str, date: str, images: bool, history: History | None = None,
             content_dir: Path = Path("content"), version_cache: Path | None = VERSION_FILES,
             figures: FigureCache | None = None, browser: str | None = None, project: Path = Path(".")) -> Generated:
    """Build figures, pages, embeds, downloads and (when `images`) the static images; `history` (from git) adds
    the changes page, the feed, event notes and figure versions, whose files are kept in `version_cache`.
    `content_dir` holds the hand-written pages: a subject with its own page there gets no generated one.
    `figures` keeps figure JSON between builds (default: a fresh cache over .cache/figures); `browser` is
    the Chromium that renders images (the `browser` setting). Relative cache paths are under `project`."""
    site = SiteInfo(site_name, site_url, data_version(store), date)
    figures = figures if figures is not None else FigureCache(project / FIGURE_CACHE)
    outputs = build_outputs(store, figures)
    histories = figure_histories(list(outputs), history.versions if history else None,
                                 history.reason if history else "no history was read", site.version)
    outputs = {fid: replace(fig, history=histories[fid]) for fid, fig in outputs.items()}
    gen = Generated(store, site, images, outputs, history=history, content_dir=content_dir, project=project)
    gen.files[FEED_FILE] = atom_feed(history, store, site_name=site_name, site_url=site_url, today=date)
    gen.files.update(download_files(store))
    gen.files.update(browser_assets())  # the plans' container queries and the scripts' shared config
    if (project / PLOTLY_BUNDLE).exists():
        gen.files["assets/vendor/plotly-basic.min.js"] = (project / PLOTLY_BUNDLE).read_bytes()
    gen.kept = VersionFiles(project / version_cache if version_cache is not None else None, site, images)
    drawn = gen.kept.place(version_plans(outputs, history), gen.files, gen.linked)
    gen.versions = resolve_all(drawn, history, project / VERSIONS, figures) if history is not None else []
    gen.versions_kept = gen.kept.copied
    for fig in [*outputs.values(), *gen.versions]:
        gen.files.update(embed_files(fig, store, site, images=images))
    if images:
        _add_images(gen, browser)
    for plan, fig in zip(drawn, gen.versions, strict=True):
        gen.kept.keep(plan, fig.spec.title, gen.files)
    _add_pages(gen)
    return gen


def _add_images(gen: Generated, browser: str | None) -> None:
    site = gen.site

    def exports(fig: FigureOutput) -> dict[str, Any]:
        return export_jobs(fig, site.name, site.url, f"{page_url(fig, site)} · {DATA_LICENCE}")
    named = [(fig, name, job) for fig in gen.outputs.values() for name, job in {**static_jobs(fig), **exports(fig)}.items()]
    named += [(fig, name, job) for fig in gen.versions for name, job in exports(fig).items()]
    blobs, gen.rendered_images = render_images([job for _, _, job in named], gen.project / IMAGES, browser=browser)
    for (fig, name, _), blob in zip(named, blobs, strict=True):
        # The downloadable images carry their title, description, address, licence and version as metadata too.
        gen.files[f"{fig.path}{name}"] = label_image(name, blob, fig, site) if name.startswith(("figure.", "share.")) else blob


def _add_pages(gen: Generated) -> None:
    from generators.render.pages import build_entity_pages

    store = gen.store
    notes = event_notes(gen.history)
    gen.pages = build_entity_pages(store, gen.outputs, notes)
    gen.subjects = add_subject_pages(gen.pages, store, gen.outputs, content_dir=gen.content_dir, history=gen.history,
                                     figure_html=lambda fig, base: figure_block(fig, store, base, images=gen.images, show_title=True),
                                     share_image=lambda fig_id: share_image(gen, fig_id))
    gen.files.update(subject_downloads(store, gen.subjects.events))
    gen.pages.add("explorer.md", "Events explorer", lambda base: render_explorer(store, base, notes), description=share_text.explorer(store))
    gen.pages.add("changes.md", "What changed", lambda base: changes_page(gen.history, store, base),
                  description=share_text.changes(gen.history))
    gen.pages.add("figures/index.md", "Figures", lambda base: _gallery(gen, base), description=share_text.figures(store, len(gen.outputs)))
    for fig in gen.outputs.values():
        gen.pages.add(f"figures/{fig.id}.md", fig.spec.title, _figure_page_renderer(gen, fig), description=share_text.clip(fig.description),
                      image=share_image(gen, fig.id), image_alt=fig.description)
    gen.pages.add("downloads.md", "Data downloads", lambda base: render("downloads.html.j2", base=base, site=gen.site,
                                                                            figure_groups=figure_groups(gen), store=store,
                                                                            subjects=subject_download_rows(gen.subjects)),
                  description=share_text.downloads(store, gen.site.version))
    gen.pages.markdown["reference.md"] = reference_markdown()
    _add_benchmarks(gen)


def share_image(gen: Generated, fig_id: str) -> str | None:
    """The site-relative address of a figure's 1200 x 630 preview image, when this build renders images."""
    return f"embed/{fig_id}/share.png" if gen.images else None


def page_meta(gen: Generated, markdown: str, src_uri: str) -> dict[str, str]:
    """Description and preview image for a hand-written page: its subject's, else its first figure's, else the site's."""
    figure_ids = [m.group(2) for m in MARKER.finditer(markdown) if m.group(1) == "figure" and m.group(2) in gen.outputs]
    stem = src_uri.removesuffix(".md").split("/")[-1]
    meta: dict[str, str] = {}
    if stem in gen.store.subjects:
        meta["description"] = share_text.subject(gen.store, stem)
    elif src_uri == "index.md":
        meta["description"] = share_text.home(gen.store)
    elif figure_ids:
        meta["description"] = share_text.clip(gen.outputs[figure_ids[0]].description)
    image = share_image(gen, figure_ids[0]) if figure_ids else None
    if image:
        meta["image"], meta["image_alt"] = image, gen.outputs[figure_ids[0]].description
    return meta


def _add_benchmarks(gen: Generated) -> None:
    """The benchmark page: bench/results.md as written by `make bench`, its chart drawn like our figures.

    The nav always lists the page, so a checkout without results (a copy of the project, say) gets a
    page that says how to make them rather than a broken nav entry.
    """
    page, chart = gen.project / BENCH_PAGE, gen.project / BENCH_CHART
    if not page.exists():
        gen.pages.markdown["benchmarks.md"] = ("---\ntitle: Benchmarks\n---\n\n# Benchmarks\n\nNo results in this checkout: "
                                               "`make bench` measures page weight, validation, figure scaling, build time, "
                                               "the edit loop and memory, and writes them here.\n")
        return
    text = page.read_text(encoding="utf-8")
    if chart.exists():
        gen.files["assets/bench/results-chart.json"] = chart.read_bytes()
        phone = chart.with_name("results-chart-phone.json")
        # Phones get the narrow plan when `make bench` wrote one, else the wide chart.
        gen.files["assets/bench/results-chart-phone.json"] = (phone if phone.exists() else chart).read_bytes()
        text = re.sub(r"<!-- chart:.*?-->", "\n" + slot_marker("bench-chart:") + "\n", text, count=1)
    gen.pages.markdown["benchmarks.md"] = "---\ntitle: Benchmarks\n---\n\n" + text
    plans = _chart_plans(gen.files.get("assets/bench/results-chart-phone.json"), gen.files.get("assets/bench/results-chart.json"))
    gen.pages.slots["bench-chart:"] = lambda base: render("bench_chart.html.j2", base=base, plans=plans)


def _chart_plans(phone: bytes | None, desktop: bytes | None) -> str:
    """The benchmark chart's plans as a figure's `data-plans`: its phone and desktop JSON, each at its height."""
    def height(blob: bytes | None) -> int:
        return int(json.loads(blob).get("layout", {}).get("height") or 520) if blob else 520
    return f"phone {WIDTHS['phone']} {height(phone)},desktop {WIDTHS['desktop']} {height(desktop)}"


def _figure_page_renderer(gen: Generated, fig: FigureOutput) -> Callable[[str], str]:
    return lambda base: figure_page(fig, gen.store, gen.site, base, images=gen.images)


def figure_groups(gen: Generated) -> list[tuple[str, str, list[FigureOutput]]]:
    """(anchor, heading, figures): the series' own figures first, then each subject's, in the store's order."""
    groups = []
    for subject in [None, *gen.store.subjects]:
        figs = [fig for fig in gen.outputs.values() if fig.spec.subject == subject]
        if figs:
            groups.append((subject or "series", "Across the series" if subject is None else gen.store.subject_name(subject), figs))
    return groups


def _gallery(gen: Generated, base: str) -> str:
    """Every figure, grouped: the series' own figures first, then each subject's in the store's order."""
    parts = ["<h1>Figures</h1>\n<p>Every figure on the site, each with its caption, sources, data, embed code and downloads.</p>"]
    for anchor, title, figs in figure_groups(gen):
        parts.append(f'<h2 id="{html.escape(anchor)}">{html.escape(title)}</h2>')
        parts += [figure_block(fig, gen.store, base, images=gen.images, show_title=True) for fig in figs]
    return "\n".join(parts)
