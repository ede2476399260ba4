"""JSON Schemas for editors: the pydantic model in, `schema/events.schema.json`, `schema/subject-events.schema.json`
(for the per-subject files `data/events/SUBJECT.yaml`) and `schema/figures.schema.json` text out.

The data files name these schemas on their first line, so the YAML language server (VS Code's Red Hat
YAML extension, among others) completes field names, lists allowed values and underlines mistakes
while an editor types. The model stays the single source: the files are generated, never hand-edited.
"""

from __future__ import annotations

import json
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel, WithJsonSchema

from generators.figures.registry import FiguresDocument
from generators.model.dates import DateField
from generators.model.measurements import NUMBER_PATTERN
from generators.model.store import EventsDocument, SubjectDocument

SCHEMA_DIR = Path("schema")
DOCUMENTS: dict[str, type[BaseModel]] = {"events.schema.json": EventsDocument, "subject-events.schema.json": SubjectDocument,
                                         "figures.schema.json": FiguresDocument}
DIALECT = "https://json-schema.org/draft/2020-12/schema"

_DATE_SCHEMA: dict[str, Any] = next(m.json_schema or {} for m in typing.get_args(DateField) if isinstance(m, WithJsonSchema))


def _ci(word: str) -> str:
    """`early` -> `[Ee][Aa]...`: JSON Schema regexes have no case-insensitive flag, and the model ignores case here."""
    return "".join(f"[{c.upper()}{c}]" for c in word)


# Mirrors the forms `generators.model.dates` accepts; it can only be looser than the model (month names
# are any word), never stricter, so an editor never sees a squiggle under a date the build accepts.
_POINT = (r"(?:(?:" + "|".join(_ci(q) for q in ("early", "mid", "late")) + r")\s+)?"
          r"(?:\d{4}(?:-\d{2}(?:-\d{2})?|-Q[1-4]|-H[12])?|(?:\d{1,2}\s+)?[A-Za-z]+\.?\s+\d{4})")
DATE_PATTERN = rf"^\s*{_POINT}(?:\s*\.\.\s*{_POINT})?\s*$"


def schemas() -> dict[str, dict[str, Any]]:
    """Each schema file's name and content, as editors' tools should read it."""
    out = {}
    for name, document in DOCUMENTS.items():
        # Validation mode with aliases: the keys an editor writes (`from`, `to`), not Python's names.
        schema = document.model_json_schema(mode="validation", by_alias=True)
        _refine(schema)
        out[name] = {"$schema": DIALECT, **schema}
    return out


def render(schema: dict[str, Any]) -> str:
    """Stable text for a schema, so the committed file only changes when the model does."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def stale(directory: Path = SCHEMA_DIR) -> list[Path]:
    """The schema files under `directory` that are missing or differ from the model."""
    out = []
    for name, schema in schemas().items():
        path = directory / name
        if not path.exists() or path.read_text(encoding="utf-8") != render(schema):
            out.append(path)
    return out


def write_schemas(directory: Path = SCHEMA_DIR) -> list[Path]:
    """Write every schema file that is stale; return the ones written."""
    from generators.files import write_atomic

    written = stale(directory)
    directory.mkdir(parents=True, exist_ok=True)
    for path in written:
        write_atomic(path, render(schemas()[path.name]))
    return written


def _refine(node: Any) -> None:
    """Walk the generated schema and add what pydantic cannot know about our YAML."""
    if isinstance(node, list):
        for item in node:
            _refine(item)
        return
    if not isinstance(node, dict):
        return
    if node.get("pattern") == NUMBER_PATTERN:
        # `value: 32` is a number to a YAML 1.2 tool and a number to our reader too.
        node["type"] = ["string", "number"]
    elif node.get("examples") == _DATE_SCHEMA["examples"]:
        # A bare year (`date: 2014`) is a number to a YAML 1.2 tool, but a date to our reader.
        node.update(type=["string", "integer"], pattern=DATE_PATTERN, minimum=1900, maximum=2200)
    elif node.get("type") == "string" and not {"pattern", "enum", "const", "format"} & node.keys():
        # Free text: our reader takes every scalar as text, so `generation: 3` is as valid as `"3"`.
        node["type"] = ["string", "number"]
    props = node.get("properties", {})
    if "field" in props and "value" in props and "enum" in props["field"]:
        # An alternative claim about the date must itself be a date.
        node["if"] = {"properties": {"field": {"const": "date"}}, "required": ["field"]}
        node["then"] = {"properties": {"value": {"type": ["string", "integer"], "pattern": DATE_PATTERN}}}
    if isinstance(node.get("description"), str):
        # VS Code renders `markdownDescription` in hovers, so the backticks in our descriptions show as code.
        node["markdownDescription"] = node["description"]
    for key, value in node.items():
        if key not in ("examples", "default", "enum", "const"):
            _refine(value)


def schema_command(directory: Path, check: bool) -> None:
    """`python -m generators schema`: write stale schema files, or with `check` name them and exit 1."""
    import click

    if check:
        outdated = stale(directory)
        for path in outdated:
            click.echo(f"{path}: differs from the model; run: python -m generators schema", err=True)
        if outdated:
            raise SystemExit(1)
        click.echo(f"ok: the schemas in {directory} match the model")
        return
    from generators.outputs import Project, schema_target

    schema_target(directory, Project.around())
    written = write_schemas(directory)
    click.echo("\n".join(f"wrote {path}" for path in written) if written else f"the schemas in {directory} were already up to date")
