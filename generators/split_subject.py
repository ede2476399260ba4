"""Move one subject's events out of the entry file: `data/events.yaml` and a subject id in, `data/events/SUBJECT.yaml` out.

The move is done on the text, so every comment, blank line and quoting style travels as it was:
a section whose entries all belong to the subject moves whole, with the comment block above its
key (its banner); otherwise each of the subject's entries moves with the comment lines directly above it. The
result is loaded before anything is written, and the move is refused unless the store it gives
differs from the old one by moves alone.

    python -m generators.split_subject qwen [--events data/events.yaml]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from generators.datafiles import subject_file
from generators.diff import compare
from generators.errors import DataErrors
from generators.files import write_atomic
from generators.load import _display, load_store
from generators.model.store import SUBJECT_SECTIONS
from generators.new_event import _scalars
from generators.new_target import starting_text


class SplitError(Exception):
    """The move cannot be made as asked; nothing was written."""


def split(events_path: Path, subject: str) -> tuple[str, str]:
    """The entry file's text without the subject's entries, and the subject file's text holding them."""
    text = events_path.read_bytes().decode("utf-8")
    root = yaml.compose(text, Loader=yaml.BaseLoader)
    if not isinstance(root, yaml.MappingNode):
        raise SplitError(f"{events_path} is not a mapping of sections")
    lines = text.splitlines(keepends=True)
    keep = [True] * len(lines)
    moved: list[str] = []
    for key, value in root.value:
        if key.value not in SUBJECT_SECTIONS or not isinstance(value, yaml.SequenceNode) or not value.value:
            continue
        mine = [item for item in value.value if _subject_of(item) == subject]
        if not mine:
            continue
        if value.flow_style:
            raise SplitError(f"section '{key.value}' is a flow list ([...]); write it as a block list first")
        if len(mine) == len(value.value):
            blocks = [(_banner(lines, _above(lines, key.start_mark.line)), _end(lines, value))]
            moved.append("".join(lines[blocks[0][0]:blocks[0][1]]).rstrip("\n") + "\n")
        else:
            blocks = [(_above(lines, item.start_mark.line), _end(lines, item)) for item in mine]
            moved.append(f"{key.value}:\n" + "\n".join("".join(lines[s:e]).rstrip("\n") + "\n" for s, e in blocks))
        for start, end in blocks:
            keep[start:end] = [False] * (end - start)
    if not moved:
        raise SplitError(f"{events_path} holds no entries of subject '{subject}'")
    # The blank lines that separated the moved sections from what was above them go too.
    rest = "".join(line for line, kept in zip(lines, keep, strict=True) if kept).rstrip("\n") + "\n"
    return rest, "\n".join(moved)


def _subject_of(item: yaml.Node) -> str | None:
    if isinstance(item, yaml.MappingNode):
        return next((v.value for k, v in item.value if k.value == "subject" and isinstance(v, yaml.ScalarNode)), None)
    return None


def _above(lines: list[str], line: int) -> int:
    """The first line of the comment block directly above `line` (no blank line between)."""
    while line > 0 and lines[line - 1].lstrip().startswith("#"):
        line -= 1
    return line


def _banner(lines: list[str], line: int) -> int:
    """Also the section's banner: a block of `#` lines at the margin above `line`, across blank lines (not the file's header)."""
    gap = line
    while gap > 0 and not lines[gap - 1].strip():
        gap -= 1
    top = gap
    while top > 0 and lines[top - 1].startswith("#"):
        top -= 1
    return top if 0 < top < gap else line


def _end(lines: list[str], node: yaml.Node) -> int:
    """The line after a node's last line of content (a node's own end mark may sit on the next entry's line)."""
    end = max(s.end_mark.line + 1 if s.end_mark.column > 0 else s.end_mark.line for s in _scalars(node))
    while end > node.start_mark.line + 1 and not lines[end - 1].strip():
        end -= 1
    return end


def move(events_path: Path, subject: str) -> Path:
    """Write the split: the subject's file (which must not exist yet) and the entry file without its entries."""
    target = subject_file(events_path, subject)
    if target.exists() or target.is_symlink():
        raise SplitError(f"{_display(target)} exists already; move the entries by hand")
    before, _ = load_store(events_path, None)
    rest, moved = split(events_path, subject)
    entry = events_path.read_bytes().decode("utf-8")
    header = starting_text(entry, _display(events_path), subject, before).removesuffix("events:\n")
    new_text = header + moved
    after, _ = load_store(events_path, None, drafts={events_path: rest.encode("utf-8"), target: new_text.encode("utf-8")})
    diff = compare(before, after)
    if diff.figures or any(c.change != "moved" or c.fields for c in (*diff.events, *diff.registries)):
        raise SplitError("the split would change more than where entries are written; nothing was written")
    target.parent.mkdir(exist_ok=True)
    write_atomic(target, new_text)
    write_atomic(events_path, rest)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generators.split_subject", description=__doc__.split("\n")[0])
    parser.add_argument("subject", help="the subject id, e.g. qwen")
    parser.add_argument("--events", type=Path, default=Path("data/events.yaml"), help="the entry file")
    args = parser.parse_args(argv)
    try:
        target = move(args.events, args.subject)
    except (SplitError, DataErrors) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"moved the entries of subject '{args.subject}' from {_display(args.events)} to {_display(target)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
