"""Site generation, independent of any site builder: the store in, every generated file and page out.

`generate` returns what a builder needs (static files, Markdown pages with slots, slot renderers);
`expand_markers` and `fill_slots` are the two hooks a builder calls on hand-written pages.
MkDocs is wired up in `generators.plugin.plugin`; `generators.plugin.publish` runs a whole build atomically.
Files the build reads or caches (benchmarks, the plotly bundle, .cache/) are found under `project`.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from generators.errors import DataError, DataErrors
from generators.figures.registry_widths import WIDTHS
from generators.figures.style import theme_table
from generators.history.timeline import History
from generators.model.store import Store
from generators.render import links, share_text
from generators.render.downloads import DATA_LICENCE, data_version, download_files, subject_downloads
from generators.render.embed_kit import SiteInfo, embed_files, figure_block, figure_page, page_url
from generators.render.explorer import render_explorer
from generators.render.feed import atom_feed
from generators.render.figure_assets import FIGURE_CACHE, FigureCache, FigureOutput, build_outputs, export_jobs, static_jobs
from generators.render.history_html import FEED_FILE, changes_page, event_notes
from generators.render.image_meta import label_image
from generators.render.images import CACHE as IMAGES
from generators.render.images import render as render_images
from generators.render.measurements import inline_measurement, subject_measurements
from generators.render.pages import Pages, event_list, slot_marker
from generators.render.reference import reference_markdown
from generators.render.subjects import SubjectView, add_subject_pages, series_table, subject_download_rows, subject_extras
from generators.render.templates import render
from generators.render.version_cache import CACHE as VERSION_FILES
from generators.render.version_cache import VersionFiles
from generators.render.version_files import CACHE as VERSIONS
from generators.render.version_files import resolve_all, version_plans
from generators.render.versions import figure_histories

BENCH_PAGE = Path("bench/results.md")
BENCH_CHART = Path("bench/results-chart.json")
PLOTLY_BUNDLE = Path("node_modules/plotly.js-basic-dist-min/plotly-basic.min.js")
MARKER = re.compile(r"\{\{\s*(figure|latest_events|subjects|measurements|measurement)\(\s*(?:\"([^\"]*)\"|(\d+))?\s*\)\s*\}\}")
SLOT = re.compile(r'<(?:div|span) class="labfig-slot" data-slot="([^"]+)"></(?:div|span)>')


@dataclass
class Generated:
    """Everything generated for one build."""

    store: Store
    site: SiteInfo
    images: bool
    outputs: dict[str, FigureOutput]
    files: dict[str, bytes] = field(default_factory=dict)
    pages: Pages = field(default_factory=Pages)
    rendered_images: int = 0
    history: History | None = None
    versions: list[FigureOutput] = field(default_factory=list)  # the versions drawn in this build (the rest were kept)
    versions_kept: int = 0  # versions whose files were linked from the cache
    linked: dict[str, Path] = field(default_factory=dict)  # site path -> kept file, hard-linked into the site
    kept: VersionFiles | None = None  # the cache of version files; pruned once the site is written
    # (slot key, base) -> HTML, for a page's slot rendered early (serve's incremental rebuild compares it).
    slot_html: dict[tuple[str, str], str] = field(default_factory=dict)
    content_dir: Path = Path("content")
    subjects: SubjectView | None = None
    project: Path = Path(".")


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
    gen.files["assets/labfig-themes.js"] = ("window.LABFIG_THEMES = " + json.dumps(theme_table(), sort_keys=True) + ";\n").encode()
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


def expand_markers(markdown: str, source_file: str, gen: Generated) -> str:
    """Replace `{{ figure("id") }}`, `{{ latest_events(5) }}`, `{{ subjects() }}`, `{{ measurements("subject") }}`
    and, inside a sentence, `{{ measurement("id") }}` in a hand-written page with slots."""
    errors: list[DataError] = []
    registries: dict[str, tuple[str, dict[str, Any]]] = {
        "figure": ("figure", gen.outputs), "measurements": ("subject", gen.store.subjects),
        "measurement": ("measurement", gen.store.measurements)}

    def replace(match: re.Match[str]) -> str:
        name, arg, count = match.group(1), match.group(2), match.group(3)
        line_start = markdown.rfind("\n", 0, match.start()) + 1
        if markdown.count("`", line_start, match.start()) % 2:
            return match.group(0)  # inside a code span: a page documenting the placement, not using it
        if name in registries:
            what, registry = registries[name]
            if arg not in registry:
                line = markdown.count("\n", 0, match.start()) + 1
                col = match.start() - (markdown.rfind("\n", 0, match.start()) + 1) + 1
                known = ", ".join(registry)
                errors.append(DataError(source_file, line, col, name, f"unknown {what} '{arg}' (known: {known})"))
                return ""
            key = f"{name}:{arg}"
        else:
            key = f"{name}:{count or ''}"
        if name == "measurement":  # a value inside a sentence stays inline
            return slot_marker(key, inline=True)
        return "\n\n" + slot_marker(key) + "\n\n"

    out = MARKER.sub(replace, markdown)
    if errors:
        raise DataErrors(errors)
    placed = {(m.group(1), m.group(2)) for m in MARKER.finditer(markdown)}
    return out + _extras_marker(source_file, gen, {arg for kind, arg in placed if kind == "figure"},
                                {arg for kind, arg in placed if kind == "measurements"})


def _extras_marker(source_file: str, gen: Generated, placed: set[str], tables: set[str]) -> str:
    """For a hand-written subject page (`content/SUBJECT.md`), a slot after it for what it left out."""
    docs, _, page = source_file.partition("/")
    subject_id = page.removesuffix(".md")
    generated = page in gen.pages.markdown
    if gen.subjects is None or generated or "/" in page or subject_id not in gen.store.subjects or docs != gen.content_dir.name:
        return ""
    key = f"subject-extras:{subject_id}"
    view = gen.subjects
    gen.pages.slots[key] = subject_extras(view, subject_id, placed,
                                          lambda fig, base: figure_block(fig, gen.store, base, images=gen.images, show_title=True),
                                          measurements_placed=subject_id in tables)
    return "\n\n" + slot_marker(key) + "\n"


def render_page_slot(gen: Generated, path: str, page_url: str) -> str:
    """The HTML of generated page `path`'s slot at `page_url` (empty if it has none), kept for `fill_slots`."""
    key = f"page:{path}"
    if key not in gen.pages.slots:
        return ""
    base = links.base_for(page_url)
    html = gen.slot_html[(key, base)] = gen.pages.slots[key](base)
    return html


def fill_slots(html: str, page_url: str, gen: Generated) -> str:
    """Swap every slot in a rendered page for its HTML, with links relative to the page."""
    base = links.base_for(page_url)
    renderers: dict[str, Callable[[str], str]] = dict(gen.pages.slots)

    def replace(match: re.Match[str]) -> str:
        key = match.group(1).replace("&amp;", "&")
        kind, _, arg = key.partition(":")
        if key in renderers:
            early = gen.slot_html.get((key, base))
            return early if early is not None else renderers[key](base)
        if kind == "figure" and arg in gen.outputs:
            return figure_block(gen.outputs[arg], gen.store, base, images=gen.images)
        if kind == "latest_events":
            events = gen.store.chronological(gen.store.events.values())[::-1][: int(arg or 8)]
            return str(event_list(gen.store, events, base, event_notes(gen.history)))
        if kind == "subjects" and gen.subjects is not None:
            return series_table(gen.subjects, base)
        if kind == "measurements" and arg in gen.store.subjects:
            return str(subject_measurements(gen.store, arg))
        if kind == "measurement" and arg in gen.store.measurements:
            return str(inline_measurement(gen.store, arg, base))
        return match.group(0)

    return SLOT.sub(replace, html)
