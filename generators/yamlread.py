"""Read a YAML data file safely: bytes in, plain data (dicts, lists, strings) and the position of every node out.

Dates and numbers stay strings so the model decides what they mean; duplicate keys, tags,
aliases, byte-order marks, control characters and undecodable bytes are reported with their
line and column instead of being silently accepted or raising bare exceptions. Files too big,
too deep or with too many values are refused before anything recursive or costly sees them.
"""

from __future__ import annotations

import re
import stat
from pathlib import Path
from typing import Any, cast

import yaml

from generators.errors import MAX_REPORTED, DataError, DataErrors, Located, PathKey, format_path
from generators.model.fields import printable, shown
from generators.settings import DEFAULT_LIMITS, Limits

# The size limits are settings (generators/settings.py): a deliberately larger store (the 17,000-event
# benchmark) raises them through the environment, read once by the command line.
MAX_BYTES = DEFAULT_LIMITS.max_bytes
MAX_NODES = DEFAULT_LIMITS.max_values
MAX_DEPTH = 40
MAX_KEY = 100
_PLAIN_TAGS = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}
_NULLS = {"", "~", "null", "Null", "NULL"}
# Control characters (tab and line ends aside), Unicode line separators, non-characters and bidi
# controls: libyaml rejects some without a line number, reads others as line breaks that no editor
# counts, and bidi controls make a line read differently from what it says.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff\u202a-\u202e\u2066-\u2069]")
_KINDS = {"\u2028": "line separator", "\u2029": "paragraph separator", "\ufffe": "non-character", "\uffff": "non-character"}
_BREAK = re.compile(r"\r\n|\r|\n")
# PyYAML's wording is terse; these say what an editor usually has to fix.
_SYNTAX_HINTS = {
    "mapping values are not allowed in this context": " (check the indentation of this line against the line above, or quote a value that contains ': ')",
    "found character '\\t' that cannot start any token": " (indent with spaces, not tabs)",
    "found a tab character that violates indentation": " (indent with spaces, not tabs)",
    "could not find expected ':'": " (a key is missing its ':' or a quoted value is not closed)",
    "did not find expected key": " (check the indentation of this line, a ':' with no key before it, or a quote left open above)",
    "did not find expected '-' indicator": " (check the indentation of this line against the list above it)",
    "but found another document": " (a data file holds one document; remove the '---' line)",
    "found unknown escape character": " (inside double quotes a backslash starts an escape; write \\\\ or use single quotes)",
}
# Where the construct that failed began, for errors whose position is only where parsing gave up.
_OPENED = {"while parsing a flow sequence": "the '[' opened", "while parsing a flow mapping": "the '{' opened",
           "while scanning a quoted scalar": "the quote opened"}
_Loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


def read_yaml(path: Path, display: str | None = None, limits: Limits = DEFAULT_LIMITS) -> Located:
    """Read and compose one YAML file; raise DataErrors naming every problem found in it."""
    name = display or str(path)
    return parse_yaml(read_bytes(path, name, limits), name, limits)


def read_bytes(path: Path, name: str, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """The bytes of a data file, refused unread when it is a symlink, not a regular file or over the size limit."""
    # A pull request can commit a symlink: to a secret it would echo in errors, or to /dev/zero.
    if path.is_symlink():
        raise DataErrors([DataError(name, 1, 1, "", "is a symbolic link; a data file must be a regular file")])
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a FIFO would block, a device never end
            raise DataErrors([DataError(name, 1, 1, "", "is not a regular file")])
        if info.st_size > limits.max_bytes:
            raise DataErrors([_too_big(name, info.st_size, limits.max_bytes)])
        with path.open("rb") as handle:
            raw = handle.read(limits.max_bytes + 1)  # never more than the limit, even if the file grows meanwhile
    except OSError as exc:
        raise DataErrors([DataError(name, 1, 1, "", f"cannot read file: {exc.strerror}")]) from None
    return raw


def parse_yaml(raw: bytes, name: str, limits: Limits = DEFAULT_LIMITS) -> Located:
    """Decode and compose YAML bytes; see `read_yaml`."""
    if len(raw) > limits.max_bytes:
        raise DataErrors([_too_big(name, len(raw), limits.max_bytes)])
    text = _decode(raw, name)
    try:
        _check_shape(text, name, limits.max_values)
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise DataErrors([_syntax_error(exc, name)]) from None
    except yaml.YAMLError as exc:
        raise DataErrors([DataError(name, 1, 1, "", f"YAML error: {shown(str(exc), 200)}")]) from None
    if root is None:
        raise DataErrors([DataError(name, 1, 1, "", "the file is empty; expected a mapping of sections")])
    located = Located(name, None)
    errors: list[DataError] = []
    located.data = _plain(root, (), located, errors)
    if len(errors) >= MAX_REPORTED - 1:
        last = errors[-1]
        errors.append(DataError(name, last.line, last.column, "", f"stopped reading after {MAX_REPORTED - 1} errors; fix these and run again"))
    if errors:
        raise DataErrors(errors)
    return located


def _decode(raw: bytes, name: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataErrors([DataError(name, 1, 1, "", "file is UTF-16; save it as UTF-8 without BOM")])
    if raw.startswith(b"\xef\xbb\xbf"):
        raise DataErrors([DataError(name, 1, 1, "", "file starts with a byte-order mark; save it as UTF-8 without BOM")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        start = raw.rfind(b"\n", 0, exc.start) + 1
        col = len(raw[start:exc.start].decode("utf-8", errors="replace")) + 1
        byte = raw[exc.start]
        raise DataErrors([DataError(name, line, col, "", f"byte 0x{byte:02x} is not valid UTF-8; save the file as UTF-8")]) from None
    if not text.strip():
        raise DataErrors([DataError(name, 1, 1, "", "the file is empty; expected a mapping of sections")])
    if _FORBIDDEN.search(text):
        raise DataErrors(_forbidden_characters(text, name))
    return text


def _too_big(name: str, size: int, limit: int) -> DataError:
    return DataError(name, 1, 1, "", f"file is {size:,} bytes; the limit for one file is {limit // (1024 * 1024)} MiB ({limit:,} bytes)"
                     " (set LABFIG_MAX_BYTES to raise it for a deliberately larger store)")


def _forbidden_characters(text: str, name: str) -> list[DataError]:
    """One error per forbidden character, at the line and column an editor counts."""
    errors: list[DataError] = []
    line, line_start, breaks = 1, 0, _BREAK.finditer(text)
    pending = next(breaks, None)
    for match in _FORBIDDEN.finditer(text):
        while pending is not None and pending.end() <= match.start():
            line, line_start, pending = line + 1, pending.end(), next(breaks, None)
        char = match.group()
        kind = _KINDS.get(char, "bidirectional control" if "\u202a" <= char <= "\u2069" else "control character")
        errors.append(DataError(name, line, match.start() - line_start + 1, "",
                                f"the {kind} U+{ord(char):04X} is not allowed in a data file; remove it"))
        if len(errors) == MAX_REPORTED:
            break
    return errors


def _check_shape(text: str, name: str, max_nodes: int) -> None:
    """Walk the parser's events, which needs no recursion, and refuse aliases and a tree too deep or too big.

    libyaml's composer recurses in C once per level: ten thousand '[' crash the process. Each value
    costs memory all the way to the model, so their number is capped before composing. Aliases are
    refused here, where each still has its own position: composed, an alias is its anchor's node.
    """
    depth = nodes = unreported = 0
    errors: list[DataError] = []
    first_unreported: yaml.Event | None = None
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent, yaml.CollectionStartEvent)):
            nodes += 1
            if nodes > max_nodes:
                raise DataErrors(errors + [_at(name, event, f"the file holds more than {max_nodes:,} values; the limit for one file is {max_nodes:,}"
                                                        " (set LABFIG_MAX_VALUES to raise it for a deliberately larger store)")])
        if isinstance(event, yaml.AliasEvent):
            if len(errors) < MAX_REPORTED - 1:
                alias = shown(event.anchor, 40)[1:-1]
                errors.append(_at(name, event, f"the alias *{alias} is not allowed; write the value out in full"))
            else:
                unreported += 1
                first_unreported = first_unreported or event
        elif isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise DataErrors(errors + [_at(name, event, f"nesting deeper than {MAX_DEPTH} levels is not allowed")])
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    if first_unreported:
        errors.append(_at(name, first_unreported, f"{unreported:,} more aliases from here on; write the values out in full"))
    if errors:
        raise DataErrors(errors)


def _at(name: str, event: yaml.Event, message: str) -> DataError:
    mark = event.start_mark
    return DataError(name, mark.line + 1 if mark else 1, mark.column + 1 if mark else 1, "", message)


def _syntax_error(exc: yaml.MarkedYAMLError, name: str) -> DataError:
    """PyYAML's error as one located line, with a hint and where an unclosed construct began."""
    mark, problem, context = exc.problem_mark or exc.context_mark, exc.problem, exc.context or ""
    if problem == "second occurrence" and exc.context_mark:  # the composer's duplicate-anchor wording
        problem = f"anchor defined twice (first on line {exc.context_mark.line + 1}); anchors (&name) and aliases (*name) are not needed, remove them"
    elif context == "while scanning a simple key" and exc.context_mark:
        mark = exc.context_mark  # the key without its ':', not the line after it
    problem = problem or context or "invalid YAML"
    hint = _SYNTAX_HINTS.get(problem, "")
    if not hint and problem.startswith("found character") and problem.endswith("that cannot start any token"):
        hint = " (put the value in quotes)"
    opened = _OPENED.get(context)
    if opened and exc.context_mark:
        hint += f" ({opened} on line {exc.context_mark.line + 1}, column {exc.context_mark.column + 1} is not closed)"
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return DataError(name, line, col, "", f"YAML syntax error: {problem}{hint}")


def _plain(node: yaml.Node, path: PathKey, loc: Located, errors: list[DataError]) -> Any:
    """Convert a composed node to plain data, recording positions (there are no aliases: see `_check_shape`)."""
    loc.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if len(errors) >= MAX_REPORTED - 1:
        return None  # an editor fixes these first; more would only cost memory
    if node.tag not in _PLAIN_TAGS:
        tag = shown(node.tag.replace("tag:yaml.org,2002:", "!!"), 80)[1:-1]  # unquoted, as written
        errors.append(loc.error(path, f"YAML tag {tag} is not allowed; write a plain value"))
        return None
    if isinstance(node, yaml.ScalarNode):
        if node.style is None and node.value in _NULLS:
            return None
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item, path + (i,), loc, errors) for i, item in enumerate(node.value)]
    return _mapping(cast(yaml.MappingNode, node), path, loc, errors)


def _mapping(node: yaml.MappingNode, path: PathKey, loc: Located, errors: list[DataError]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key_at = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        problem = _key_problem(key_node)
        if problem:
            errors.append(DataError(loc.file, key_at[0], key_at[1], format_path(path), problem))
            continue
        key = key_node.value
        key_path = path + (key,)
        if key_path in loc.keys:
            first = loc.keys[key_path]
            errors.append(DataError(loc.file, key_at[0], key_at[1], format_path(key_path),
                                    f"duplicate key '{key}' (first defined on line {first[0]})"))
            continue
        loc.keys[key_path] = key_at
        out[key] = _plain(value_node, key_path, loc, errors)
    return out


def _key_problem(node: yaml.Node) -> str | None:
    """Why a mapping key cannot name a field, or None; keys end up in every error path, so they stay short and printable."""
    if not isinstance(node, yaml.ScalarNode) or node.tag not in _PLAIN_TAGS:
        return "keys must be plain text"
    if len(node.value) > MAX_KEY or not printable(node.value):
        return f"key {shown(node.value, 40)} is not a field name: keys are plain text of at most {MAX_KEY} characters, without control characters or line breaks"
    return None
