"""Text that figures show: escaped hover cards, point labels and source lines, all from untrusted YAML.

In: events and the store. Out: strings safe to hand to Plotly (HTML-escaped, only our own <br>/<b> tags).
Hover cards are wrapped here too, for every kind at once (`wrap_hovers`), to a line length that keeps each
card inside a figure of the width it is planned for.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import Any

from generators.figures.claims import STATUS_NOTE
from generators.model.events import Event
from generators.model.fields import STATUS_LABELS
from generators.model.store import Store


def esc(value: object) -> str:
    """Escape untrusted text for Plotly's HTML-like text rendering."""
    # Quotes stay as they are: plotly.js decodes &lt; &gt; &amp; but would print &quot; literally.
    return html.escape(str(value), quote=False)


def status_note(event: Event) -> str:
    """A short suffix for labels of events that are not confirmed: ' (rep.)', ' (pending)', ' (?)'."""
    return STATUS_NOTE.get(event.status, "")


def hover_card(store: Store, event: Event, extra: Iterable[str] = ()) -> str:
    """Hover text: title, date as written, status, licence, extra lines, sources by outlet, alternatives."""
    lines = [f"<b>{esc(event.title)}</b>", esc(_date_line(event)), f"Status: {esc(STATUS_LABELS[event.status])}"]
    if event.release:
        lines.append(f"Licence: {esc(store.licence_name(event.release.licence))}")
    lines.extend(esc(line) for line in extra)
    outlets = store.outlets(event.sources)
    lines.append("Sources: " + (esc(", ".join(outlets)) if outlets else "source needed"))
    for alt in event.alternatives:
        label, value = store.alternative(alt)
        lines.append(esc(f"Also reported ({label}): {value} — {', '.join(store.outlets(alt.sources))}"))
    return "<br>".join(lines)


def _date_line(event: Event) -> str:
    precision = "" if event.date.exact else f" — {event.date.precision} precision, exact day not known" if not event.date.is_range else " — a span"
    return f"Date: {event.date.label()}{precision}"


def source_line(store: Store, events: Iterable[Event], extra_ids: Iterable[str] = ()) -> str:
    """'Sources: A; B; C' naming each outlet once, in order of first use. Plain text (not escaped)."""
    seen: list[str] = []
    for source_id in [s for e in events for s in [*e.sources, *(x for a in e.alternatives for x in a.sources)]] + list(extra_ids):
        outlet = store.sources[source_id].outlet if source_id in store.sources else None
        if outlet and outlet not in seen:
            seen.append(outlet)
    return "Sources: " + "; ".join(seen) if seen else "Sources: none recorded"


def text_width(text: str, size: float = 12.0) -> float:
    """Estimated rendered width in px of one line of text in our sans-serif font."""
    wide = sum(1 for ch in text if ch.isupper() or ch in "MW@%")
    return (len(text) * 0.55 + wide * 0.12) * size


def wrap(text: str, max_px: float, size: float = 12.0) -> list[str]:
    """Plain (unescaped) lines of `text`, each estimated to fit `max_px` at font `size`.

    Breaks at spaces; a word too long for a line breaks after its '-' or '/', then anywhere, so that
    nothing spills out of the box it is planned for.
    """
    lines: list[str] = []
    for word in text.split():
        for i, piece in enumerate(_word_pieces(word, max_px, size)):
            # Pieces of one word join without a space; a new word needs one.
            candidate = lines[-1] + ("" if i else " ") + piece if lines else piece
            if lines and text_width(candidate, size) <= max_px:
                lines[-1] = candidate
            else:
                lines.append(piece)
    return lines or [""]


def _word_pieces(word: str, max_px: float, size: float) -> list[str]:
    if text_width(word, size) <= max_px:
        return [word]
    pieces = [p for p in re.split(r"(?<=[-/])", word) if p]
    out: list[str] = []
    for piece in pieces:
        # The width estimate errs wide, so a piece a tenth too long is kept whole rather than leaving
        # a stray letter or bracket on a line of its own.
        while text_width(piece, size) > max_px * 1.1 and len(piece) > 1:
            cut = next((n for n in range(len(piece), 0, -1) if text_width(piece[:n], size) <= max_px), 1)
            out.append(piece[:cut])
            piece = piece[cut:]
        out.append(piece)
    return out


HOVER_CHAR_PX = 8.0  # px one character of a 13 px hover line takes at most, on average (bold titles and capitals included)
HOVER_PAD_PX = 40  # the card's padding and pointer, and a margin inside the figure's edge
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r" (?![^<]*>)")  # a space outside any tag: no '>' ahead before the next '<'


def hover_chars(width: int) -> int:
    """The longest hover line, in characters, that a figure planned for `width` px shows inside itself
    (320 px: 35, 360: 40, 1000: 120). Plotly keeps a card that fits the figure's width within it."""
    return max(24, int((width - HOVER_PAD_PX) / HOVER_CHAR_PX))


def wrap_hover(text: str, chars: int) -> str:
    """Escaped hover text with a <br> wherever a line would run past `chars` visible characters.

    Breaks only at spaces outside tags: an entity (&amp;) holds no space, so it is never cut, and tags
    count for nothing (Plotly carries <b> and <i> across a <br>). A word longer than a line keeps a line of its own.
    """
    if len(text) <= chars:  # markup and entities only ever add characters: nothing to break
        return text
    out: list[str] = []
    for line in text.split("<br>"):
        if len(line) <= chars:
            out.append(line)
            continue
        current, used = "", -1
        for word in _hover_words(line):
            size = _visible(word)
            if used > 0 and used + 1 + size > chars:
                out.append(current)
                current, used = word, size
            else:
                current, used = (f"{current} {word}" if used >= 0 else word), used + 1 + size
        out.append(current)
    return "<br>".join(out)


def _hover_words(line: str) -> list[str]:
    """`line` split at its spaces, a tag (which our escaping leaves as the only '<') staying whole."""
    return _SPACE.split(line)


def _visible(word: str) -> int:
    """Characters a reader sees of `word`: tags count for nothing, an entity for one."""
    bare = _TAG.sub("", word) if "<" in word else word
    return len(html.unescape(bare)) if "&" in bare else len(bare)


def wrap_hovers(fig: Any, width: int) -> Any:
    """`fig` (planned for `width` px) with every hover card wrapped to `hover_chars(width)`: each trace's hover text
    (or its text, where that is what it hovers and is not drawn), and the counts' cards a zoom shows."""
    chars = hover_chars(width)

    def wrapped(value: Any) -> Any:
        if isinstance(value, str):
            return wrap_hover(value, chars)
        return [wrap_hover(v, chars) if isinstance(v, str) else v for v in value]

    for trace in fig.data:
        field = "hovertext" if trace.hovertext is not None else "text" if (
            trace.text is not None and "text" in (trace.hoverinfo or "") and "text" not in (trace.mode or "")) else None
        if field is None:
            continue
        value = trace[field]
        new = wrapped(value)
        # Setting a property re-validates it in Plotly: only cards that changed are set.
        if new != (value if isinstance(value, str) else list(value)):
            trace[field] = new
    meta = fig.layout.meta
    if isinstance(meta, dict) and "labfigZoom" in meta:
        levels = [{**level, "counts": {**level["counts"], "hovertext": wrapped(level["counts"]["hovertext"])}}
                  for level in meta["labfigZoom"]["levels"]]
        fig.layout.meta = {**meta, "labfigZoom": {**meta["labfigZoom"], "levels": levels}}
    return fig
