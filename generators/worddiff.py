"""Word-level differences between two texts: before and after in, runs of kept, removed and added words out.

Long values (a summary, a caption) differ by a word or two; showing both copies truncated hides the
change. `runs` aligns the words with difflib and `excerpt` keeps only the changed words and a few
words of context around each change, so a report line stays short and shows exactly what changed.
"""

from __future__ import annotations

import difflib
from typing import Literal

Op = Literal["same", "removed", "added"]
Run = tuple[Op, str]
CONTEXT = 4  # words of unchanged text kept on each side of a change


def runs(before: str, after: str) -> list[Run]:
    """The two texts as one sequence of runs; joining the 'same' and 'removed' runs gives `before` (words, single-spaced)."""
    old, new = before.split(), after.split()
    out: list[Run] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.append(("same", " ".join(old[i1:i2])))
            continue
        if i2 > i1:
            out.append(("removed", " ".join(old[i1:i2])))
        if j2 > j1:
            out.append(("added", " ".join(new[j1:j2])))
    return out


def excerpt(before: str, after: str, context: int = CONTEXT) -> list[Run]:
    """`runs` with long unchanged stretches cut to `context` words either side of a change (the cut shown as '…')."""
    out: list[Run] = []
    parts = runs(before, after)
    for i, (op, text) in enumerate(parts):
        if op != "same":
            out.append((op, text))
            continue
        words = text.split()
        first, last = i == 0, i == len(parts) - 1
        keep = context + 1 if first or last else 2 * context + 1
        if len(words) <= keep or (first and last):
            out.append(("same", text))
        elif first:
            out.append(("same", "… " + " ".join(words[-context:])))
        elif last:
            out.append(("same", " ".join(words[:context]) + " …"))
        else:
            out.append(("same", " ".join(words[:context]) + " … " + " ".join(words[-context:])))
    return out


def is_long(before: str | None, after: str | None, limit: int = 60) -> bool:
    """Whether two values are long texts best shown as a word diff rather than as two whole copies."""
    return before is not None and after is not None and max(len(before), len(after)) > limit
