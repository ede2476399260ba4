"""Data shown as what it is: untrusted text in, text a terminal or a Markdown renderer shows literally out.

A contributor writes the titles, names and summaries a reviewer reads in `diff`. In a terminal a
line break in a title would print rows that look like the report's own ("Nothing else changed");
in a pull-request comment a title would become a live link, a tracking image or an @-mention.
`visible` puts any text on one line with every break, tab, control and invisible character
written as an escape; `markdown_code` turns it into a Markdown code span, inside which no link,
image, emphasis, HTML, mention, issue reference or autolink is rendered.
"""

from __future__ import annotations

import re
import unicodedata

# Characters that do not show as themselves: controls, format characters (bidi, zero-width),
# line and paragraph separators, surrogates, private use and unassigned code points.
_HIDDEN = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})
_NAMED = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_TICKS = re.compile(r"`+")


def visible(text: str) -> str:
    """`text` on one line, every character visible: `\\n`, `\\t`, `\\u200b` for what would not show, `\\\\` for `\\`."""
    return "".join(_NAMED.get(ch) or (f"\\u{ord(ch):04x}" if unicodedata.category(ch) in _HIDDEN else ch) for ch in text)


def markdown_code(text: str, *, in_table: bool = True) -> str:
    """`text` (made `visible`) as an inert Markdown code span; `in_table` also escapes `|`, which ends a table cell.

    GitHub renders nothing inside a code span: `[x](y)`, `![x](y)`, `<img>`, `@someone`, `#12` and
    `www.example.org` all show as typed. The fence is one backtick longer than any run inside.
    """
    shown = visible(text)
    if not shown:
        return ""
    if in_table:
        shown = shown.replace("|", "\\|")
    fence = "`" * (max((len(m) for m in _TICKS.findall(shown)), default=0) + 1)
    # A span's content loses one space at each end when it has both; padding keeps backticks and spaces at its edges.
    pad = " " if shown[0] in "` " or shown[-1] in "` " else ""
    return f"{fence}{pad}{shown}{pad}{fence}"
