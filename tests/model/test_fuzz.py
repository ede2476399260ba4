"""Fuzzing: mutated valid stores either load or fail with located DataErrors, never with another exception.

Starts from the minimal store, the real `data/events.yaml` and the real `data/figures.yaml`, read as
plain data; mutates them (drop a key, duplicate or reorder entries, retype a value, perturb text,
change a reference) and dumps them back to YAML, or edits their text and bytes directly.
`FUZZ_EXAMPLES=10000 .venv/bin/python -m pytest tests/model/test_fuzz.py` (`make fuzz`) runs a long session.
"""

from __future__ import annotations

import copy
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from generators.errors import DataErrors
from generators.load import load_store
from generators.model.fields import printable
from generators.yamlread import parse_yaml

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = ROOT / "tests/data/valid/minimal.yaml"
EVENTS = ROOT / "data/events.yaml"
FIGURES = ROOT / "data/figures.yaml"


def _as_one_file() -> str:
    """The real events as one file, a seed for the fuzzer: the entry file, then each per-subject file (its `events:` with it)."""
    return "".join("\n" + path.read_text(encoding="utf-8") for path in [EVENTS, *sorted(EVENTS.with_suffix("").glob("*.yaml"))])


TEXTS = {"minimal": MINIMAL.read_text(encoding="utf-8"), "events": _as_one_file(), "figures": FIGURES.read_text(encoding="utf-8")}
PLAIN = {name: parse_yaml(text.encode(), name).data for name, text in TEXTS.items()}
FUZZ = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "150")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
_BREAK = re.compile(r"\r\n|\r|\n")

NASTY = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["\u202e", "\u2066", "\x00", "\x07", "\x1b[2J", "\x85", "\u2028", "\ufeff", "\ufffe", "\t", "\r", "\n",
                     "<script>alert(1)</script>", "javascript:alert(1)", "data:text/html,x", "//evil.example", "file:///etc/passwd",
                     "\n::error::forged", "${{ secrets.TOKEN }}", "{{ figure('x') }}", "'", '"', ": ", "- ", "#", "&a ", "*a",
                     "!!python/object/apply:os.system [id]", "!x ", "%", "@", "`", "|", ">", "? ", "[", "]", "{", "}", ",",
                     "..", "2026-02-30", "0000-Q1", "early ", "２０２５", "null", "~", "true", "1e400", "-"]),
    st.just("x" * 3000),
    st.just("lorem ipsum " * 400),
)


def _nodes(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], Any]]:
    """Every (path, value) in plain data, the root included."""
    out = [(path, data)]
    if isinstance(data, dict):
        for key, value in data.items():
            out += _nodes(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            out += _nodes(value, path + (i,))
    return out


IDS = sorted({value for plain in PLAIN.values() for path, value in _nodes(plain) if path[-1:] == ("id",) and isinstance(value, str)})


def _set(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = value
    return data


def _mutate(draw: Callable[..., Any], data: Any) -> Any:
    paths = [path for path, _ in _nodes(data)]
    path = draw(st.sampled_from(paths))  # draws are printed on failure: a path, not a whole subtree
    node = dict(_nodes(data))[path]
    action = draw(st.sampled_from(["drop", "duplicate", "retype", "reorder", "text", "reference"]))
    if action == "drop" and isinstance(node, dict) and node:
        del node[draw(st.sampled_from(sorted(node)))]
    elif action == "duplicate" and isinstance(node, list) and node:
        i = draw(st.integers(0, len(node) - 1))
        node.insert(draw(st.integers(0, len(node))), copy.deepcopy(node[i]))
    elif action == "reorder" and isinstance(node, (list, dict)) and node:
        if isinstance(node, list):
            return _set(data, path, draw(st.permutations(node)))
        keys = draw(st.permutations(list(node)))
        return _set(data, path, {k: node[k] for k in keys})
    elif action == "retype":
        return _set(data, path, draw(st.sampled_from([[node], {"value": node}, "42", "-1", True, False, None, 3, [], {}, ""])))
    elif action == "text" and isinstance(node, str):
        at = draw(st.integers(0, len(node)))
        return _set(data, path, node[:at] + draw(NASTY) + node[at:])
    elif action == "reference" and isinstance(node, str):
        return _set(data, path, draw(st.sampled_from(IDS + ["", "x", "Not-A-Slug", "demo-1 ", "a" * 100])))
    elif isinstance(node, dict):
        node[draw(st.sampled_from(["id", "title", "colour", "kind", "release", "<<", "", "date"]))] = draw(st.sampled_from(IDS + [None, "x"]))
    return data


def _edit_text(draw: Callable[..., Any], text: str) -> bytes:
    lines = text.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "insert", "indent", "dedent", "swap"]))
        if action == "delete" and len(lines) > 1:
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "insert":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(NASTY) + lines[i][at:]
        elif action == "indent":
            lines[i] = draw(st.sampled_from([" ", "  ", "\t", "    "])) + lines[i]
        elif action == "dedent":
            lines[i] = lines[i][1:] if lines[i][:1] == " " else lines[i]
        elif action == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
    raw = "".join(lines).encode("utf-8")
    if draw(st.booleans()):
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + draw(st.binary(min_size=1, max_size=4)) + raw[at:]
    return raw


def _check(raw: bytes, as_figures: bool, workdir: Path) -> None:
    """Load `raw`; it must succeed or raise DataErrors whose every error is located in the file and printable."""
    path = workdir / ("figures.yaml" if as_figures else "events.yaml")
    path.write_bytes(raw)
    try:
        if as_figures:
            load_store(EVENTS, path, strict=True)
        else:
            load_store(path, None, strict=True)
        event("loads")
    except DataErrors as exc:
        event("YAML refused" if "YAML" in exc.errors[0].message or not exc.errors[0].path else "model refused")
        text = raw.decode("utf-8", errors="replace")
        last_line = len(_BREAK.findall(text)) + 1
        assert exc.errors
        for error in exc.errors:
            assert error.file == str(path), error
            assert 1 <= error.line <= last_line, error
            assert error.column >= 1, error
            assert error.message.strip(), error
            assert printable(str(error)), f"unescaped control or format character in: {str(error)!r}"


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@FUZZ
@given(data=st.data(), name=st.sampled_from(sorted(TEXTS)))
def test_mutated_store_loads_or_reports_located_errors(workdir: Path, data: st.DataObject, name: str) -> None:
    plain = copy.deepcopy(PLAIN[name])
    for _ in range(data.draw(st.integers(1, 5))):
        plain = _mutate(data.draw, plain)
    text = yaml.safe_dump(plain, allow_unicode=data.draw(st.booleans()), sort_keys=False,
                          default_flow_style=data.draw(st.sampled_from([False, None])), width=data.draw(st.sampled_from([80, 10**6])))
    _check(text.encode("utf-8"), name == "figures", workdir)


@FUZZ
@given(data=st.data(), name=st.sampled_from(sorted(TEXTS)))
def test_edited_text_loads_or_reports_located_errors(workdir: Path, data: st.DataObject, name: str) -> None:
    _check(_edit_text(data.draw, TEXTS[name]), name == "figures", workdir)
