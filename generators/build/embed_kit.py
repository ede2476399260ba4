"""The embed kit: figure outputs in; the figure block, embed pages, snippets, citations and data tables out.

Every figure ID gets `embed/ID/index.html`, `figure.json`, `figure.png`, `figure.svg` and `data.csv`:
addresses promised to every article that links them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from generators.build.downloads import to_csv
from generators.build.figure_assets import FigureOutput
from generators.build.history_html import day
from generators.build.templates import render
from generators.build.versions import version_path
from generators.model.store import Store

# Without the host script the iframe keeps this height: the desktop figure plus title, caption, version line and links.
CHROME_HEIGHT = 260
HOST_SCRIPT = ('<script>window.addEventListener("message",function(e){var d=e.data;if(!d||d.type!=="labfig:height")return;'
               'var f=document.querySelectorAll("iframe[data-labfig]");for(var i=0;i<f.length;i++)'
               'if(f[i].contentWindow===e.source)f[i].style.height=d.height+"px";});</script>')


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
                  table=data_table(fig), new_tab=new_tab)


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
              f'style="width:100%;min-width:300px;border:0;height:{default_height(fig)}px"></iframe>')
    return iframe + "\n" + HOST_SCRIPT


def default_height(fig: FigureOutput) -> int:
    """The iframe height used until (or unless) the figure page reports its own."""
    return fig.height("desktop") + CHROME_HEIGHT


def citation(fig: FigureOutput, site: SiteInfo) -> tuple[str, str]:
    """Plain-text and BibTeX citations naming the figure, the site, the data version and the date."""
    url, version, data, when = cited_version(fig, site)
    plain = f"“{fig.spec.title}” ({fig.id}{version}). {site.name}, data version {data}, {when}. {url}"
    def bib(value: str) -> str:
        return value.replace("\\", "").replace("{", "(").replace("}", ")")
    note = f"Version {version.removeprefix(', version ')}, data version {data}" if version else f"Data version {data}"
    bibtex = (f"@misc{{{fig.id.replace('.', '-')}{version.replace(', version ', '-v')},\n  title = {{{bib(fig.spec.title)}}},\n"
              f"  howpublished = {{{bib(site.name)}, figure {fig.id}}},\n"
              f"  note = {{{note}}},\n  year = {{{when[:4]}}},\n  date = {{{when}}},\n  url = {{{url}}}\n}}")
    return plain, bibtex


def cited_version(fig: FigureOutput, site: SiteInfo) -> tuple[str, str, str, str]:
    """(address, ", version N" or "", data version, date) of what a citation names: the version's permanent
    address when the history is known, else the figure page and the site's data version."""
    shown = fig.history.shown if fig.history is not None else None
    if shown is None:
        return f"{site.url.rstrip('/')}/figures/{fig.id}/", "", site.version, site.date
    return f"{site.url.rstrip('/')}/{version_path(fig.id, shown.number)}", f", version {shown.number}", shown.data_version, shown.date


def figure_page(fig: FigureOutput, store: Store, site: SiteInfo, base: str, *, images: bool) -> str:
    plain, bibtex = citation(fig, site)
    return render("figure_page.html.j2", fig=fig, base=base, snippet=snippet(fig, site), citation=plain, bibtex=bibtex, day=day,
                  table=data_table(fig), figure=Markup(figure_block(fig, store, base, images=images, links=False)))


def embed_files(fig: FigureOutput, store: Store, site: SiteInfo, *, images: bool) -> dict[str, bytes]:
    """`index.html`, `figure.json`, both variants' JSON and `data.csv` for one figure (images come separately)."""
    prefix = fig.path  # embed/ID/, or embed/ID/v/N/ for a version's permanent address
    root = "../" * prefix.count("/")
    # In-page static SVGs exist for the live figure only; a version's page draws from its JSON at once.
    static = images and (fig.history is None or not fig.history.pinned)
    page = render("embed.html.j2", fig=fig, site_name=site.name, theme_default="light", root=root,
                  page_url=f"{site.url.rstrip('/')}/figures/{fig.id}/",
                  figure=Markup(figure_block(fig, store, root, images=static, links=False, new_tab=True)))
    files = {prefix + "index.html": page.encode(), prefix + "data.csv": to_csv(fig.frame)}
    for variant, spec in fig.variants.items():
        files[prefix + f"{variant}.json"] = _json(spec)
    files[prefix + "figure.json"] = _json(fig.variants["desktop"])
    return files


def _json(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":"), sort_keys=True, ensure_ascii=False).encode()
