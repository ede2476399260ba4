"""Read a YAML data file safely: bytes in, plain data (dicts, lists, strings) and the position of every node out.

Dates and numbers stay strings so the model decides what they mean; duplicate keys, tags,
aliases, byte-order marks and undecodable bytes are reported with their line and column
instead of being silently accepted or raising bare exceptions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generators.errors import DataError, DataErrors, format_path

Loc = tuple[int, int]
PathKey = tuple[str | int, ...]

MAX_BYTES = 32 * 1024 * 1024
MAX_DEPTH = 40
_PLAIN_TAGS = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}
_NULLS = {"", "~", "null", "Null", "NULL"}
# PyYAML's wording is terse; these say what an editor usually has to fix.
_SYNTAX_HINTS = {
    "mapping values are not allowed in this context": " (check the indentation of this line against the line above, or quote a value that contains ': ')",
    "found character '\\t' that cannot start any token": " (indent with spaces, not tabs)",
    "found a tab character that violates indentation": " (indent with spaces, not tabs)",
    "could not find expected ':'": " (a key is missing its ':' or a quoted value is not closed)",
}
_Loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


@dataclass
class Located:
    """Plain data read from one file, with where each value and each mapping key stands (1-based)."""

    file: str
    data: Any
    values: dict[PathKey, Loc] = field(default_factory=dict)
    keys: dict[PathKey, Loc] = field(default_factory=dict)

    def where(self, path: PathKey, *, key: bool = False) -> Loc:
        """The position of `path`, or of its nearest existing ancestor when it is missing."""
        probe = tuple(path)
        if key and probe in self.keys:
            return self.keys[probe]
        while probe:
            if probe in self.values:
                return self.values[probe]
            probe = probe[:-1]
        return self.values.get((), (1, 1))

    def error(self, path: PathKey, message: str, *, key: bool = False, severity: str = "error") -> DataError:
        line, col = self.where(path, key=key)
        return DataError(self.file, line, col, format_path(path), message, severity)  # type: ignore[arg-type]


def read_yaml(path: Path, display: str | None = None) -> Located:
    """Read and compose one YAML file; raise DataErrors naming every problem found in it."""
    name = display or str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataErrors([DataError(name, 1, 1, "", f"cannot read file: {exc.strerror}")]) from None
    return parse_yaml(raw, name)


def parse_yaml(raw: bytes, name: str) -> Located:
    """Decode and compose YAML bytes; see `read_yaml`."""
    text = _decode(raw, name)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        problem += _SYNTAX_HINTS.get(problem, "")
        raise DataErrors([DataError(name, line, col, "", f"YAML syntax error: {problem}")]) from None
    except yaml.YAMLError as exc:
        raise DataErrors([DataError(name, 1, 1, "", f"YAML error: {exc}")]) from None
    if root is None:
        raise DataErrors([DataError(name, 1, 1, "", "the file is empty; expected a mapping of sections")])
    located = Located(name, None)
    errors: list[DataError] = []
    located.data = _plain(root, (), located, errors, set())
    if errors:
        raise DataErrors(errors)
    return located


def _decode(raw: bytes, name: str) -> str:
    if len(raw) > MAX_BYTES:
        limit = MAX_BYTES // (1024 * 1024)
        raise DataErrors([DataError(name, 1, 1, "", f"file is {len(raw):,} bytes; the limit is {limit} MiB")])
    if raw.startswith(b"\xef\xbb\xbf"):
        raise DataErrors([DataError(name, 1, 1, "", "file starts with a byte-order mark; save it as UTF-8 without BOM")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = raw[exc.start]
        raise DataErrors([DataError(name, line, col, "", f"byte 0x{byte:02x} is not valid UTF-8; save the file as UTF-8")]) from None
    if not text.strip():
        raise DataErrors([DataError(name, 1, 1, "", "the file is empty; expected a mapping of sections")])
    return text


def _plain(node: yaml.Node, path: PathKey, loc: Located, errors: list[DataError], seen: set[int]) -> Any:
    """Convert a composed node to plain data, recording positions; each node is visited once."""
    here = (node.start_mark.line + 1, node.start_mark.column + 1)
    loc.values[path] = here
    if id(node) in seen:
        errors.append(loc.error(path, "aliases (*name) are not allowed; write the value out in full"))
        return None
    seen.add(id(node))
    if node.tag not in _PLAIN_TAGS:
        errors.append(loc.error(path, f"YAML tag {node.tag.replace('tag:yaml.org,2002:', '!!')} is not allowed; write a plain value"))
        return None
    if len(path) > MAX_DEPTH:
        errors.append(loc.error(path, f"nesting deeper than {MAX_DEPTH} levels is not allowed"))
        return None
    if isinstance(node, yaml.ScalarNode):
        if node.style is None and node.value in _NULLS:
            return None
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item, path + (i,), loc, errors, seen) for i, item in enumerate(node.value)]
    return _mapping(node, path, loc, errors, seen)


def _mapping(node: yaml.MappingNode, path: PathKey, loc: Located, errors: list[DataError], seen: set[int]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _PLAIN_TAGS:
            line, col = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            errors.append(DataError(loc.file, line, col, format_path(path), "keys must be plain text"))
            continue
        key = key_node.value
        key_path = path + (key,)
        key_at = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        if key in out or key_path in loc.keys:
            first = loc.keys[key_path]
            errors.append(DataError(loc.file, key_at[0], key_at[1], format_path(key_path),
                                    f"duplicate key '{key}' (first defined on line {first[0]})"))
            continue
        loc.keys[key_path] = key_at
        if id(value_node) in seen:
            # The alias node carries its anchor's position; the key is where the editor wrote it.
            loc.values[key_path] = key_at
            errors.append(loc.error(key_path, "aliases (*name) are not allowed; write the value out in full"))
            continue
        out[key] = _plain(value_node, key_path, loc, errors, seen)
    return out
