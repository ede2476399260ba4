"""Search text: rendered page HTML, or Material's search index, in; the same text segmented so search can find it out.

Two things the theme's search does not do on its own:
- Chinese has no spaces between words, so `通义实验室` is one token and a search for `实验室` (or a
  Chinese name inside a sentence) finds nothing. Every Han character becomes a token of its own
  (zero-width spaces in the index only, which the configured separator splits on); the theme's
  search already breaks a Han query into the index's terms, so whole names, parts of names and
  names inside sentences all match.
- Table cells and fact lists are indexed without the space a browser draws between cells, so
  results read "Also calledTongyi Laboratory"; a line break inside a cell glues its lines the same
  way ("all timeThe profile counts"). A space between adjacent cells and after a line break fixes
  that and changes nothing on screen.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

ZWSP = "\u200b"
_HAN_PAIR = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])(?=[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])")
_ADJACENT_CELLS = re.compile(r"(</t[hd]>)(?=<t[hd][\s>])|(<br\s*/?>)(?=[^\s])")


def segment_han(text: str) -> str:
    """`通义实验室` -> `通\u200b义\u200b实\u200b验\u200b室`; text without Han characters is returned as it is."""
    return _HAN_PAIR.sub(r"\1" + ZWSP, text)


_VERBATIM = re.compile(r"(<(pre|script|textarea)\b.*?</\2>)", re.S | re.I)


def space_cells(html: str) -> str:
    """A space after each table cell followed by another and after each line break, outside code and scripts
    (where a space would show or change a string)."""
    parts = _VERBATIM.split(html)
    # split() with two groups yields text, block, tag name, text, ...: the text pieces change, blocks stay, names go.
    return "".join(_ADJACENT_CELLS.sub(lambda m: m.group(0) + " ", part) if i % 3 == 0 else part
                   for i, part in enumerate(parts) if i % 3 != 2)


def segment_index(path: Path) -> None:
    """Rewrite Material's `search_index.json` with Han text segmented (a no-op when it has none)."""
    if not path.exists():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    changed = False
    for doc in index.get("docs", []):
        for key in ("title", "text"):
            value = doc.get(key)
            if isinstance(value, str) and _HAN_PAIR.search(value):
                doc[key], changed = segment_han(value), True
    if changed:
        path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")
