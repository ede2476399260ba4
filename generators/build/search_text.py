"""Search text: rendered page HTML, or Material's search index, in; the same text segmented so search can find it out.

Two things the theme's search does not do on its own:
- Chinese has no spaces between words, so `通义实验室` is one token and a search for `实验室` (or a
  Chinese name inside a sentence) finds nothing. Every Han character becomes a token of its own
  (zero-width spaces in the index only, which the configured separator splits on); the theme's
  search already breaks a Han query into the index's terms, so whole names, parts of names and
  names inside sentences all match.
- Table cells and fact lists are indexed without the space a browser draws between cells, so
  results read "Also calledTongyi Laboratory". A space between adjacent cells fixes that and
  changes nothing on screen.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

ZWSP = "\u200b"
_HAN_PAIR = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])(?=[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])")
_ADJACENT_CELLS = re.compile(r"(</t[hd]>)(?=<t[hd][\s>])")


def segment_han(text: str) -> str:
    """`通义实验室` -> `通\u200b义\u200b实\u200b验\u200b室`; text without Han characters is returned as it is."""
    return _HAN_PAIR.sub(r"\1" + ZWSP, text)


def space_cells(html: str) -> str:
    return _ADJACENT_CELLS.sub(r"\1 ", html)


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
