"""Metadata for downloadable images: rendered SVG/PNG bytes and what to say about them in; the same image labelled out.

The SVG gets `<title>` and `<desc>` as its first children (what screen readers and image search read);
the PNG gets `iTXt` chunks with the standard keywords (Title, Description, Author, Copyright, Source,
Creation Time), which image viewers and `exiftool` show.
"""

from __future__ import annotations

import html
import re
import struct
import zlib
from dataclasses import dataclass

from generators.model.document import DATA_LICENCE
from generators.render.embed_kit import SiteInfo, cited_version
from generators.render.figure_assets import FigureOutput


@dataclass(frozen=True)
class ImageFacts:
    title: str
    description: str  # caption, alt text and source line
    author: str  # the site's name
    url: str  # the figure's page
    licence: str
    date: str
    version: str


_SVG_OPEN = re.compile(rb"<svg\b[^>]*>")


def label_svg(svg: bytes, facts: ImageFacts) -> bytes:
    """The SVG with `<title>`, `<desc>` and an `aria-labelledby` pointing at both."""
    match = _SVG_OPEN.search(svg)
    if not match:
        return svg
    tag = match.group(0)
    if b"aria-labelledby" not in tag:
        tag = tag[:-1].rstrip(b"/") + b' role="img" aria-labelledby="labfig-title labfig-desc">'
    desc = f"{facts.description} {facts.url} · {facts.licence} · data as of {facts.date}, version {facts.version}."
    inner = (f'<title id="labfig-title">{html.escape(facts.title)}</title>'
             f'<desc id="labfig-desc">{html.escape(desc)}</desc>').encode()
    return svg[:match.start()] + tag + inner + svg[match.end():]


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def label_png(png: bytes, facts: ImageFacts) -> bytes:
    """The PNG with text chunks inserted after its header chunk (IHDR), image data untouched."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        return png
    ihdr_end = 8 + 12 + struct.unpack(">I", png[8:12])[0]
    fields = {"Title": facts.title, "Description": facts.description, "Author": facts.author,
              "Copyright": f"{facts.author}, {facts.licence}", "Source": facts.url,
              "Creation Time": facts.date, "Comment": f"Data version {facts.version}"}
    # iTXt: keyword, NUL, no compression, method 0, empty language tag and translated keyword, UTF-8 text.
    chunks = b"".join(_chunk(b"iTXt", key.encode("latin-1") + b"\x00\x00\x00\x00\x00" + value.encode("utf-8"))
                      for key, value in fields.items())
    return png[:ihdr_end] + chunks + png[ihdr_end:]


def label_image(name: str, blob: bytes, fig: FigureOutput, site: SiteInfo) -> bytes:
    """A downloadable image (`figure.svg`, `figure.png`, `share.png`) with what it shows in its metadata."""
    url, version, data, when = cited_version(fig, site)
    facts = ImageFacts(fig.spec.title, f"{fig.spec.caption} {fig.description} {fig.sources}.", site.name, url,
                       DATA_LICENCE, when, data + version.replace(", version ", ", figure version "))
    return label_svg(blob, facts) if name.endswith(".svg") else label_png(blob, facts)
