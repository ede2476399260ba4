"""The JSON Schemas editors read: committed files match the model, and they accept what the loader accepts."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from generators.cli import main
from generators.datafiles import data_files
from generators.model.store import SUBJECT_SECTIONS, SubjectDocument
from generators.schema import DATE_PATTERN, SCHEMA_DIR, render, schemas, stale

ROOT = Path(__file__).resolve().parent.parent
INVALID = ROOT / "tests/data/invalid"


def test_committed_schemas_match_the_model() -> None:
    outdated = stale(ROOT / SCHEMA_DIR)
    assert not outdated, f"{', '.join(map(str, outdated))} out of date: run python -m generators schema and commit the result"


def test_schema_command_writes_then_check_passes_and_catches_drift(tmp_path: Path) -> None:
    runner = CliRunner()
    written = runner.invoke(main, ["schema", "--out", str(tmp_path)])
    assert written.exit_code == 0 and "wrote" in written.output
    assert runner.invoke(main, ["schema", "--out", str(tmp_path), "--check"]).exit_code == 0
    (tmp_path / "events.schema.json").write_text("{}\n")
    drift = runner.invoke(main, ["schema", "--out", str(tmp_path), "--check"])
    assert drift.exit_code == 1
    assert "events.schema.json: differs from the model; run: python -m generators schema" in drift.output


def test_schema_command_rewrites_the_committed_schema_folder(tmp_path: Path) -> None:
    """After a model change an editor runs `python -m generators schema`: the folder holds every schema it writes."""
    shutil.copytree(ROOT / SCHEMA_DIR, tmp_path / "schema")
    written = CliRunner().invoke(main, ["schema", "--out", str(tmp_path / "schema")])
    assert written.exit_code == 0, written.output
    assert sorted(p.name for p in (tmp_path / "schema").iterdir()) == sorted(p.name for p in (ROOT / SCHEMA_DIR).iterdir())


def test_data_files_name_their_schema() -> None:
    for name in ("events", "figures"):
        first = (ROOT / f"data/{name}.yaml").read_text().splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../schema/{name}.schema.json"


def _schema_of(path: Path) -> str:
    return "subject-events.schema.json" if path.parent.name == "events" else f"{path.stem}.schema.json"


def test_every_data_file_names_the_schema_for_its_kind_and_passes_it() -> None:
    files = data_files(ROOT)
    assert files[0] == Path("data/events.yaml") and files[-1] == Path("data/figures.yaml")
    for path in files:
        first = (ROOT / path).read_text().splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), f"{path} does not name its schema"
        named = (ROOT / path).parent / first.removeprefix("# yaml-language-server: $schema=")
        assert named.resolve() == (ROOT / SCHEMA_DIR / _schema_of(path)).resolve(), f"{path} names {named}"
        assert _check(ROOT / path, _schema_of(path)) == [], path


def test_subject_schema_holds_what_a_subject_file_may_hold() -> None:
    assert list(SubjectDocument.model_fields) == list(SUBJECT_SECTIONS)
    errors = _check(INVALID / "files-shared-section/demo.yaml", "subject-events.schema.json")
    assert ".sources: not allowed" in errors and ".evnts: not allowed" in errors
    assert _check(INVALID / "files-wrong-subject/demo.yaml", "subject-events.schema.json") == []


def test_a_file_new_starts_passes_the_subject_schema(tmp_path: Path) -> None:
    shutil.copy(ROOT / "tests/data/valid/minimal.yaml", tmp_path / "events.yaml")
    result = CliRunner().invoke(main, ["new", "--events", str(tmp_path / "events.yaml"), "--axis", "org", "--subject", "demo",
                                       "--date", "2026-02", "--title", "Bob joins", "--source", "press"])
    assert result.exit_code == 0, result.output
    assert _check(tmp_path / "events/demo.yaml", "subject-events.schema.json") == []


def test_schema_is_useful_in_an_editor() -> None:
    events = schemas()["events.schema.json"]["$defs"]
    event = events["Event"]
    assert event["additionalProperties"] is False
    assert event["properties"]["status"]["enum"] == ["confirmed", "reported", "pending", "source-needed"]
    assert event["properties"]["axis"]["enum"] == ["model", "org", "structure", "business"]
    assert event["properties"]["date"]["pattern"] == DATE_PATTERN
    assert {"from", "to"} <= set(events["Move"]["properties"]), "aliases as written in YAML, not Python names"
    assert "from_unit" not in events["Move"]["properties"]
    for name, definition in events.items():
        for field, prop in definition["properties"].items():
            assert prop.get("description") and prop.get("markdownDescription"), f"{name}.{field} has no description"


def _dates(node: Any, key: str = "") -> list[str]:
    if isinstance(node, dict):
        found = [v for k, v in node.items() if k in ("date", "published", "as_of", "window") and isinstance(v, str)]
        if node.get("field") == "date":
            found.append(node["value"])
        return found + [d for v in node.values() for d in _dates(v)]
    if isinstance(node, list):
        return [d for v in node for d in _dates(v)]
    return []


def test_date_pattern_accepts_every_date_in_the_data() -> None:
    data = [yaml.load((ROOT / path).read_text(), Loader=yaml.BaseLoader) for path in data_files(ROOT)]
    dates = _dates(data) + ["late 2022", "Early March 2026", "4 Mar. 2026", "2025-H2", "2014", "2025-12 .. 2026-03"]
    assert len(dates) > 40
    for text in dates:
        assert re.match(DATE_PATTERN, text), text


@pytest.mark.parametrize("text", ["2026-1", "March", "2026/03/01", "soon", "2026-Q5", "early", "2025-12..", "26-03-2026"])
def test_date_pattern_rejects_what_is_not_a_date(text: str) -> None:
    assert not re.match(DATE_PATTERN, text)


# A small JSON Schema checker for the keywords our schemas use, so the test needs no extra dependency.
def _errors(value: Any, schema: dict[str, Any], root: dict[str, Any], at: str = "") -> list[str]:
    if "$ref" in schema:
        return _errors(value, root["$defs"][schema["$ref"].split("/")[-1]], root, at)
    out: list[str] = []
    if "anyOf" in schema and all(_errors(value, s, root, at) for s in schema["anyOf"]):
        out.append(f"{at}: matches none of anyOf")
    if "oneOf" in schema:
        mapping = schema.get("discriminator", {}).get("mapping", {})
        options = [{"$ref": mapping[value["kind"]]}] if isinstance(value, dict) and value.get("kind") in mapping else schema["oneOf"]
        if sum(not _errors(value, s, root, at) for s in options) != 1:
            out.append(f"{at}: matches not exactly one of oneOf")
    types = schema.get("type")
    kinds = {"string": str, "integer": int, "number": (int, float), "boolean": bool, "object": dict, "array": list,
             "null": type(None)}
    if types and not any(isinstance(value, kinds[t]) and not (t in ("integer", "number") and isinstance(value, bool))
                         for t in ([types] if isinstance(types, str) else types)):
        return out + [f"{at}: {value!r} is not {types}"]
    if "enum" in schema and value not in schema["enum"]:
        out.append(f"{at}: {value!r} not in enum")
    if "const" in schema and value != schema["const"]:
        out.append(f"{at}: {value!r} is not {schema['const']!r}")
    if isinstance(value, str) and "pattern" in schema and not re.search(schema["pattern"], value):
        out.append(f"{at}: {value!r} does not match {schema['pattern']}")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            out.append(f"{at}: too few items")
        out += [e for i, item in enumerate(value) for e in _errors(item, schema.get("items", {}), root, f"{at}[{i}]")]
    if isinstance(value, dict):
        props = schema.get("properties", {})
        out += [f"{at}: missing {r}" for r in schema.get("required", []) if r not in value]
        for key, item in value.items():
            sub = props.get(key) or next((s for p, s in schema.get("patternProperties", {}).items() if re.search(p, key)), None)
            if sub is None and schema.get("additionalProperties") is False:
                out.append(f"{at}.{key}: not allowed")
            out += _errors(item, sub or {}, root, f"{at}.{key}")
        if "if" in schema and not _errors(value, schema["if"], root, at):
            out += _errors(value, schema["then"], root, at)
    return out


def _yaml12(node: yaml.Node) -> Any:
    """Plain data as a YAML 1.2 editor sees it: `2025-09-26` stays text, `3` is a number, `true` a boolean."""
    if isinstance(node, yaml.MappingNode):
        return {k.value: _yaml12(v) for k, v in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [_yaml12(v) for v in node.value]
    text = node.value
    if node.style is not None:
        return text
    if text in ("", "~", "null"):
        return None
    if text in ("true", "false"):
        return text == "true"
    if re.fullmatch(r"[-+]?\d+", text):
        return int(text)
    if re.fullmatch(r"[-+]?(\.\d+|\d+(\.\d*)?)([eE][-+]?\d+)?", text):
        return float(text)
    return text


def _check(path: Path, name: str) -> list[str]:
    schema = json.loads(render(schemas()[name]))
    return _errors(_yaml12(yaml.compose(path.read_text(), Loader=yaml.BaseLoader)), schema, schema)


def test_real_data_passes_its_schema() -> None:
    assert _check(ROOT / "data/events.yaml", "events.schema.json") == []
    assert _check(ROOT / "data/figures.yaml", "figures.schema.json") == []
    assert _check(ROOT / "tests/data/valid/minimal.yaml", "events.schema.json") == []


@pytest.mark.parametrize(("case", "expected"), [
    ("unknown-field", "not allowed"), ("unknown-status", "not in enum"), ("malformed-date", "does not match"),
    ("javascript-url", "url: matches none of anyOf"),
])
def test_schema_flags_what_the_loader_rejects(case: str, expected: str) -> None:
    errors = _check(INVALID / f"{case}.yaml", "events.schema.json")
    assert any(expected in e for e in errors), errors
