"""Placements in hand-written pages: Markdown with `{{ figure("id") }}` and the like in, slots out; rendered HTML
with slots in, the figures, event lists, tables and numbers they stand for out.

The two hooks a site builder calls on every hand-written page: `expand_markers` on its Markdown,
`fill_slots` on its HTML (links made relative to the page).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from generators.errors import DataError, DataErrors
from generators.render import links
from generators.render.embed_kit import figure_block
from generators.render.generated import Generated
from generators.render.history_html import event_notes
from generators.render.measurements import inline_measurement, subject_measurements
from generators.render.pages import event_list, slot_marker
from generators.render.subjects import series_table, subject_extras

MARKER = re.compile(r"\{\{\s*(figure|latest_events|subjects|measurements|measurement)\(\s*(?:\"([^\"]*)\"|(\d+))?\s*\)\s*\}\}")
SLOT = re.compile(r'<(?:div|span) class="labfig-slot" data-slot="([^"]+)"></(?:div|span)>')


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
