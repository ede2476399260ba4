"""The embed kit: figure outputs in; the figure block, embed pages, snippets, citations and data tables out.

Every figure ID gets `embed/ID/index.html`, `figure.json`, `figure.png`, `figure.svg`, `data.csv`,
`data.json`, `citation.bib` and `citation.json`: addresses promised to every article that links them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from generators.figures.claims import CLAIM_MODE_LABELS, CLAIM_MODES
from generators.figures.text import wrap
from generators.model.document import DATA_LICENCE, DATA_LICENCE_URL
from generators.model.store import Store
from generators.render import citations
from generators.render.browser_config import CLAIMS_LEGEND, host_js
from generators.render.downloads import to_csv
from generators.render.figure_assets import FigureOutput
from generators.render.history_html import day
from generators.render.templates import render
from generators.render.versions import version_path

# Without the host script the iframe keeps its default height at whatever width the host gives it: the
# tallest the figure plus its title, caption, version line and links can be anywhere from a 296 px column to 1600 px.
IFRAME_WIDTHS = (296, 1600)
BODY_PAD = (24, 20)  # the embed page's padding, sideways and top plus bottom (labfig.css)
# The host page's listener: checks each message's origin against its iframe's and bounds the height.
HOST_JS = host_js()
HOST_SCRIPT = "<script>" + " ".join(line.strip() for line in HOST_JS.splitlines() if not line.strip().startswith("//")) + "</script>"


@dataclass(frozen=True)
class SiteInfo:
    """What citations and snippets say about the site."""

    name: str
    url: str
    version: str
    date: str


def figure_block(fig: FigureOutput, store: Store, base: str, *, images: bool, links: bool = True, show_title: bool = False,
                 new_tab: bool = False) -> str:
    """The `<figure data-figure=ID>` element: static SVGs (when built), caption, sources, version line, description and data."""
    return render("figure.html.j2", fig=fig, base=base, images=images, links=links, show_title=show_title,
                  table=data_table(fig), new_tab=new_tab, claims_legend=CLAIMS_LEGEND, claim_labels=CLAIM_MODE_LABELS)


def data_table(fig: FigureOutput) -> Markup:
    frame = fig.frame
    hidden = ("id", "start", "end", "date_text", "source_ids", "precision", "summary", "licence", "subject")
    columns = [c for c in frame.columns if c not in hidden]
    rows = frame[columns].fillna("").astype(str).values.tolist() if len(frame) else []
    headers = [{"licence_name": "licence"}.get(c, c).replace("_", " ") for c in columns]
    return Markup(render("data_table.html.j2", headers=headers, rows=rows))


def snippet(fig: FigureOutput, site: SiteInfo) -> str:
    """The iframe plus the host-page script that sizes it from the figure's own height reports."""
    src = f"{site.url.rstrip('/')}/embed/{fig.id}/"
    title = fig.spec.title.replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
    iframe = (f'<iframe src="{src}" title="{title}" data-labfig="{fig.id}" loading="lazy" scrolling="no" '
              f'style="width:100%;max-width:100%;border:0;height:{default_height(fig, site.name)}px"></iframe>')
    return iframe + "\n" + HOST_SCRIPT


def default_height(fig: FigureOutput, site_name: str) -> int:
    """The iframe height used until (or unless) the figure page reports its own: never less than the page needs.

    The page shows the plan for its width scaled to fill it (labfig.css), so within one plan's range of widths
    the figure is tallest at the widest and the text around it at the narrowest; the maximum over all plans.
    """
    lo, hi = (w - BODY_PAD[0] for w in IFRAME_WIDTHS)
    plans = fig.plans
    tallest = 0.0
    for i, (_, width, height) in enumerate(plans):
        start = lo if i == 0 else max(lo, width)
        end = min(hi, plans[i + 1][1] if i + 1 < len(plans) else hi)
        if start <= end:
            tallest = max(tallest, height * end / width + _chrome_height(fig, site_name, start))
    return int(tallest) + BODY_PAD[1] + 8


def _chrome_height(fig: FigureOutput, site_name: str, width: float) -> float:
    """Estimated px of the embed page's title, claims control, caption, key line, source line, version line and links at a content `width` (errs tall)."""
    def block(text: str, size: float, line: float) -> float:
        return len(wrap(text, width, size)) * size * line + size * 0.8
    kit = ["Get the data: CSV · JSON Image: PNG · SVG", "Figure page: sources and citation · Share",
           f"{site_name} · Creative Commons Attribution 4.0 International"]
    version = block(" · ".join([*(w for w in fig.history.words() if w), "history"]), 12, 1.45) if fig.history else 0.0
    newer = block("A newer version of this figure exists: version 00, 00 Month 0000.", 12, 1.45) if fig.history and not fig.history.is_latest else 0.0
    shown = fig.history.shown if fig.history and fig.history.pinned else None
    newer += block("What changed in version 00: " + "; ".join(shown.reasons), 12, 1.45) if shown and shown.reasons else 0.0
    return (block(fig.spec.title, 17.25, 1.3) + block(fig.spec.caption, 12.75, 1.45) + block(fig.key_note, 12, 1.45) + block(fig.sources, 12, 1.45)
            + version + newer + sum(block(line, 12, 1.45) for line in kit) + 16
            + (block(f"{CLAIMS_LEGEND}: " + " · ".join(CLAIM_MODE_LABELS.values()), 12, 1.6) + 16 if fig.claim_modes else 0))


def page_url(fig: FigureOutput, site: SiteInfo) -> str:
    return f"{site.url.rstrip('/')}/figures/{fig.id}/"


def citable(fig: FigureOutput, site: SiteInfo) -> citations.Citable:
    """What a citation of this output names: its version's permanent address when the history is known."""
    return citable_of(fig.id, fig.spec.title, fig.history, site)


def citable_of(figure_id: str, title: str, history: Any, site: SiteInfo) -> citations.Citable:
    """The same from the figure's id, title and FigureHistory alone (a cached version needs no more)."""
    url, version, data, when = _cited(figure_id, history, site)
    number = version.removeprefix(", version ")
    # Accessed: the build's date; the figure page swaps in the reader's own date when it loads.
    label = f"version {number}, data version {data}" if number else f"data version {data}"
    return citations.Citable(figure_id + (f"-v{number}" if number else ""), figure_id, title, url, site.name,
                             number or data, label, when, site.date)


def citation(fig: FigureOutput, site: SiteInfo) -> dict[str, str]:
    """Plain-text, BibTeX and CSL-JSON citations naming the figure, the site, the version and the date."""
    item = citable(fig, site)
    return {"plain": citations.plain(item), "bibtex": citations.bibtex(item), "csl": citations.csl_text(item)}


def citation_files(prefix: str, item: citations.Citable) -> dict[str, bytes]:
    """`citation.bib` and `citation.json` under `prefix` (the plain text is for figure pages only: citeproc is slow)."""
    return {prefix + "citation.bib": (citations.bibtex(item) + "\n").encode(),
            prefix + "citation.json": (citations.csl_text(item) + "\n").encode()}


def cited_version(fig: FigureOutput, site: SiteInfo) -> tuple[str, str, str, str]:
    """(address, ", version N" or "", data version, date) of what a citation names: the version's permanent
    address when the history is known, else the figure page and the site's data version."""
    return _cited(fig.id, fig.history, site)


def _cited(figure_id: str, history: Any, site: SiteInfo) -> tuple[str, str, str, str]:
    shown = history.shown if history is not None else None
    if shown is None:
        return f"{site.url.rstrip('/')}/figures/{figure_id}/", "", site.version, site.date
    return f"{site.url.rstrip('/')}/{version_path(figure_id, shown.number)}", f", version {shown.number}", shown.data_version, shown.date


def figure_page(fig: FigureOutput, store: Store, site: SiteInfo, base: str, *, images: bool) -> str:
    return render("figure_page.html.j2", fig=fig, base=base, snippet=snippet(fig, site), cite=citation(fig, site), day=day,
                  accessed=site.date, licence=DATA_LICENCE, licence_url=DATA_LICENCE_URL,
                  table=data_table(fig), figure=Markup(figure_block(fig, store, base, images=images, links=False)),
                  claims=CLAIM_MODES)


def embed_files(fig: FigureOutput, store: Store, site: SiteInfo, *, images: bool) -> dict[str, bytes]:
    """`index.html`, the variants' JSON, the data (CSV, JSON) and the citations for one figure (images come separately)."""
    prefix = fig.path  # embed/ID/, or embed/ID/v/N/ for a version's permanent address
    root = "../" * prefix.count("/")
    # In-page static SVGs exist for the live figure only; a version's page draws from its JSON at once.
    static = images and (fig.history is None or not fig.history.pinned)
    page = render("embed.html.j2", fig=fig, site_name=site.name, theme_default="light", root=root, page_url=page_url(fig, site),
                  licence=DATA_LICENCE, licence_url=DATA_LICENCE_URL, images=images,
                  figure=Markup(figure_block(fig, store, root, images=static, links=False, new_tab=True)))
    rows = json.loads(fig.frame.to_json(orient="records", force_ascii=False)) if len(fig.frame) else []
    url, version, data_version, when = cited_version(fig, site)
    data = {"figure": fig.id, "title": fig.spec.title, "source": url, "licence": DATA_LICENCE, "data_version": data_version,
            "date": when, "rows": rows}
    files = {prefix + "index.html": page.encode(), prefix + "data.csv": to_csv(fig.frame),
             prefix + "data.json": (json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n").encode(),
             **citation_files(prefix, citable(fig, site))}
    for variant, spec in fig.variants.items():
        files[prefix + f"{variant}.json"] = _json(spec)
    files[prefix + "figure.json"] = _json(fig.variants["desktop"])
    return files


def _json(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":"), sort_keys=True, ensure_ascii=False).encode()
