"""Copied-wording check: our texts and the source articles (or their fingerprints) in, copied runs out.

A run of eight or more words that also appears in a source article must sit inside quotation marks.
The check compares eight-word shingles: lower-cased words, punctuation dropped, curly apostrophes
made straight, so that a copied sentence is found whatever its capitals or quote marks. Sources may
be given as text, or as the SHA-256 fingerprints of their shingles (`seed-fingerprints.txt`), which
let a checkout without the articles run the same check without holding their text.

Run `python -m generators.wording SEEDS_DIR OUT` to write the fingerprints file from the articles.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

SHINGLE = 8
_WORDS = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")
# Quoted passages are allowed: straight or curly double quotes, on one line or across a few.
_QUOTED = re.compile(r'"[^"]*"|“[^”]*”')
_MACRO = re.compile(r"\{\{.*?\}\}", re.DOTALL)
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_TAG = re.compile(r"<[^>]+>")
# Fields whose text is a citation of the source itself (a headline as published), not our prose.
CITATION_FIELDS = {("sources", "title")}


@dataclass(frozen=True)
class Copied:
    """A run of words found in a source, and where it sits in our files."""

    file: str
    line: int
    words: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: copied from a source without quotation marks: '{self.words}'"


def words(text: str) -> list[str]:
    return _WORDS.findall(text.lower().replace("’", "'").replace("‘", "'"))


def unquoted(text: str) -> str:
    """`text` with every quoted passage blanked out (its line breaks kept, so line numbers still hold)."""
    return _QUOTED.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def shingles(tokens: list[str], size: int = SHINGLE) -> Iterator[str]:
    for i in range(len(tokens) - size + 1):
        yield " ".join(tokens[i:i + size])


def fingerprint(shingle: str) -> str:
    return hashlib.sha256(shingle.encode()).hexdigest()[:16]


def source_fingerprints(texts: Iterable[str]) -> set[str]:
    return {fingerprint(s) for text in texts for s in shingles(words(text))}


def read_fingerprints(path: Path) -> set[str]:
    return {line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")}


def copied_runs(text: str, known: set[str]) -> list[str]:
    """Each maximal run of words of `text` (quoted passages left out) whose shingles are all in `known`."""
    tokens = words(unquoted(text))
    hits = [fingerprint(s) in known for s in shingles(tokens)]
    runs, i = [], 0
    while i < len(hits):
        if not hits[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(hits) and hits[j + 1]:
            j += 1
        runs.append(" ".join(tokens[i:j + SHINGLE]))
        i = j + 1
    return runs


def yaml_texts(path: Path) -> Iterator[tuple[int, str]]:
    """(line, text) for every string value of a YAML file, citation fields left out."""
    root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    stack: list[tuple[yaml.Node, tuple[str, ...]]] = [(root, ())] if root is not None else []
    while stack:
        node, keys = stack.pop()
        if isinstance(node, yaml.MappingNode):
            stack += [(value, (*keys, key.value)) for key, value in node.value if isinstance(key, yaml.ScalarNode)]
        elif isinstance(node, yaml.SequenceNode):
            stack += [(item, keys) for item in node.value]
        elif isinstance(node, yaml.ScalarNode) and keys[-2:] not in CITATION_FIELDS and keys[-1:] != ("id",):
            # A block scalar (`>-`, `|`) starts on the line after its indicator.
            yield node.start_mark.line + 1 + (node.style in (">", "|")), node.value


def markdown_paragraphs(path: Path) -> Iterator[tuple[int, str]]:
    """(first line, text) of each paragraph of a Markdown page, without front matter, macros, link targets or tags."""
    text = path.read_text(encoding="utf-8")
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        text = "\n" * text.count("\n", 0, end + 5) + text[end + 5:] if end != -1 else text
    text = _TAG.sub(" ", _LINK_TARGET.sub("]", _MACRO.sub(" ", text)))
    line, start = 1, 1
    block: list[str] = []
    for raw in text.split("\n") + [""]:
        if raw.strip():
            if not block:
                start = line
            block.append(raw)
        elif block:
            yield start, "\n".join(block)
            block = []
        line += 1


def check_files(paths: Iterable[Path], known: set[str]) -> list[Copied]:
    """Every copied run in the given YAML and Markdown files."""
    found = []
    for path in paths:
        pieces = yaml_texts(path) if path.suffix in (".yaml", ".yml") else markdown_paragraphs(path)
        for line, text in pieces:
            found += [Copied(str(path), line, run) for run in copied_runs(text, known)]
    return found


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m generators.wording SEEDS_DIR OUT", file=sys.stderr)
        return 2
    seeds, out = Path(argv[0]), Path(argv[1])
    prints = source_fingerprints(p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt")))
    header = (f"# SHA-256 (first 16 hex digits) of every {SHINGLE}-word shingle of the source articles, one a line, sorted.\n"
              "# Made by: python -m generators.wording ../shared/seeds tests/data/seed-fingerprints.txt\n")
    out.write_text(header + "".join(f"{p}\n" for p in sorted(prints)), encoding="utf-8")
    print(f"wrote {len(prints)} fingerprints to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
