"""The data format reference, generated from the model: record classes in, a Markdown page out.

Trusted text only (docstrings and field descriptions from our own code), so Markdown is safe here.
"""

from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel

from generators.figures.registry import FIGURE_KINDS, KINDS, SPEC_CLASSES
from generators.model import events as ev
from generators.model import figures as fg
from generators.model import measurements as ms
from generators.model.axes import AXES
from generators.model.dates import PATTERN_HELP
from generators.model.measurements import NUMBER_PATTERN

RECORDS: list[tuple[str, type[BaseModel]]] = [
    ("subjects", ev.Subject), ("licences", ev.Licence), ("sources", ev.Source), ("people", ev.Person),
    ("units", ev.Unit), ("postures", ev.LabPosture), ("postures[].base / flagship", ev.TierLicence),
    ("events", ev.Event), ("events[].release", ev.Release), ("events[].release.descends_from", ev.Descent),
    ("events[].release.credits", ev.Credit), ("events[].move", ev.Move), ("events[].change", ev.Change),
    ("events[].alternatives", ev.Alternative),
    ("measurements", ms.Measurement), ("measurements[].alternatives", ms.MeasurementAlternative),
]


def _option_records(name: str, options: type[BaseModel]) -> list[tuple[str, type[BaseModel]]]:
    """A kind's options, then each record nested in them (`bifurcation options.branches`)."""
    out = [(f"{name} options", options)]
    for field, info in options.model_fields.items():
        out += [(f"{name} options.{field}", arg) for arg in (info.annotation, *typing.get_args(info.annotation))
                if isinstance(arg, type) and issubclass(arg, BaseModel)]
    return out


# The fields every kind shares (read off the first kind's spec), then each registered kind's options.
FIGURE_RECORDS: list[tuple[str, type[BaseModel]]] = [
    ("figures (every kind)", SPEC_CLASSES[0]), ("figures[].markers", fg.Marker), ("figures[].bands", fg.Band),
    ("figures[].select", fg.Selection),
    *[record for name, kind in KINDS.items() for record in _option_records(name, kind.spec.model_fields["options"].annotation)],
]


def type_name(annotation: Any) -> str:
    """A short, reader-facing name for a field's type."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        inner = type_name(args[0])
        if inner == "DateSpec":
            return "date"
        if any(getattr(meta, "pattern", None) for meta in args[1:]):
            return "id"
        if any(getattr(meta, "json_schema_extra", None) for meta in args[1:]) and inner == "text":
            return "http(s) link" if any("uri" in str(getattr(m, "json_schema_extra", "")) for m in args[1:]) else inner
        return inner
    if origin is typing.Union or str(origin) == "<class 'types.UnionType'>":
        names = [type_name(a) for a in args if a is not type(None)]
        return " or ".join(names)
    if origin is list:
        return f"list of {type_name(args[0])}"
    if origin is dict:
        return f"mapping of {type_name(args[0])} to {type_name(args[1])}"
    if origin is typing.Literal:
        return "one of " + ", ".join(f"`{a}`" for a in args)
    return {"str": "text", "bool": "true or false"}.get(getattr(annotation, "__name__", ""), getattr(annotation, "__name__", str(annotation)))


def field_type(info: Any) -> str:
    """Type name of a field, using the constraints pydantic moved off the annotation."""
    name = type_name(info.annotation)
    extra = info.json_schema_extra or next((getattr(m, "json_schema_extra", None) for a in typing.get_args(info.annotation)
                                            for m in typing.get_args(a)[1:] if getattr(m, "json_schema_extra", None)), None)
    if isinstance(extra, dict) and extra.get("pattern") == NUMBER_PATTERN:
        return "number"
    if name == "DateSpec" or name == "DateSpec or None":
        return "date"
    if name == "text" and any(getattr(meta, "pattern", None) for meta in info.metadata):
        return "id"
    if name in ("text", "text or None") and "uri" in str(info.json_schema_extra or ""):
        return "http(s) link"
    return name.replace(" or None", "")


def record_table(title: str, model: type[BaseModel]) -> str:
    lines = [f"### `{title}`", "", (model.__doc__ or "").strip(), "", "| field | type | required | meaning |", "|---|---|---|---|"]
    for name, info in model.model_fields.items():
        if name == "kind" and issubclass(model, fg.SpecBase):
            continue
        key = info.alias or name
        required = "yes" if info.is_required() else "no"
        lines.append(f"| `{key}` | {field_type(info)} | {required} | {(info.description or '').replace('|', '/')} |")
    return "\n".join(lines) + "\n"


def reference_markdown() -> str:
    kinds = ", ".join(f"`{k}`" for k in FIGURE_KINDS)
    parts = [
        "---\ntitle: Data format reference\n---\n",
        "# Data format reference\n",
        "Generated from the data model; every field an editor can write is listed here. "
        "`data/events.yaml` holds the registries (and may hold events); `data/events/SUBJECT.yaml` holds the events of one "
        "subject, each naming it; `data/figures.yaml` holds one spec per figure. "
        "Every file points to a JSON Schema (`schema/`) so editors with a YAML language server complete and check fields as you type.\n",
        f"**Dates** keep their precision: {PATTERN_HELP}. The figures draw an imprecise date as the span it covers.\n",
        "**Axes**: " + ", ".join(f"`{a.name}` ({a.description.lower()})" for a in AXES.values()) + ".\n",
        "## `data/events.yaml`\n",
        *[record_table(title, model) for title, model in RECORDS],
        "## `data/figures.yaml`\n",
        f"Every figure has a `kind`, one of {kinds}; the kind decides which `options` it takes.\n",
        *[record_table(title, model) for title, model in FIGURE_RECORDS],
    ]
    return "\n".join(parts)
