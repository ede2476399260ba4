"""One record checked against its model: plain data in, the record or editor messages at `file:line:col` out.

pydantic's errors name a location inside the record and a terse type; these turn them into what an
editor must do (a missing field, an unknown one with a did-you-mean, the allowed values), pointed at
the value or key they are about.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from generators.errors import DataError, Located, PathKey
from generators.errors import did_you_mean as _suggest
from generators.figures.registry import FIGURE_KINDS, FigureSpec
from generators.model.fields import escaped, hidden_character, shown
from generators.model.references import record_type

_FIGURE_ADAPTER: TypeAdapter[Any] = TypeAdapter(FigureSpec)


def validate_record(located: Located, prefix: PathKey, item: Any, model: type[BaseModel] | None) -> tuple[Any, list[DataError]]:
    """The record `item` (at `prefix`) makes, validated as `model` (None: a figure spec, by its kind), or its errors."""
    if not isinstance(item, dict):
        return None, [located.error(prefix, f"expected a mapping of fields, got {_kind(item)}")]
    try:
        if model is None:
            return _FIGURE_ADAPTER.validate_python(item), []
        return model.model_validate(item), []
    except ValidationError as exc:
        return None, [_translate(located, prefix, err, model) for err in exc.errors()]


def _translate(located: Located, prefix: PathKey, err: Any, model: type[BaseModel] | None) -> DataError:
    """Turn one pydantic error into an editor's message at the right place."""
    if err["loc"][-1:] == ("[key]",):  # a mapping key (a figure's `labels`) that is not valid: point at the key
        error = _translate(located, prefix, {**err, "loc": err["loc"][:-1]}, model)
        line, column = located.where(prefix + tuple(p for p in err["loc"][:-1] if p not in FIGURE_KINDS), key=True)
        return replace(error, line=line, column=column)
    loc = tuple(p for p in err["loc"] if p not in FIGURE_KINDS)
    path, kind, value = prefix + loc, err["type"], err.get("input")
    if kind == "missing":
        return located.error(path, f"missing required field '{loc[-1]}'")
    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        hint = _suggest(str(loc[-1]), list(_field_names(parent))) if parent else ""
        return located.error(path, f"unknown field '{loc[-1]}'{hint}", key=True)
    if kind == "literal_error":
        expected = [e.strip().strip("'") for e in err["ctx"]["expected"].replace(" or ", ", ").split(",")]
        what = loc[-1] if loc and isinstance(loc[-1], str) else "value"
        return located.error(path, f"unknown {what} {shown(value)}{_suggest(str(value), expected)} (one of: {', '.join(expected)})")
    if kind == "union_tag_invalid":
        tag = str(err["ctx"]["tag"])
        return located.error(path + ("kind",), f"unknown figure kind {shown(tag)}{_suggest(tag, list(FIGURE_KINDS))}; expected one of: {', '.join(FIGURE_KINDS)}")
    if kind == "union_tag_not_found":
        return located.error(path, "missing required field 'kind'")
    if kind == "string_pattern_mismatch":
        hidden = hidden_character(value) if isinstance(value, str) else None
        if hidden:  # two ids that look the same must not be two ids
            return located.error(path, f"id {shown(value)} contains {hidden}; remove it")
        return located.error(path, f"{shown(value)} is not a valid id; use lowercase letters and digits joined by single hyphens or dots")
    if kind in ("string_type", "bool_parsing", "bool_type", "list_type", "dict_type", "model_type", "model_attributes_type"):
        wanted = {"string_type": "text", "list_type": "a list", "dict_type": "a mapping", "model_type": "a mapping",
                  "model_attributes_type": "a mapping"}.get(kind, "true or false")
        return located.error(path, f"expected {wanted}, got {_kind(value)}")
    if kind == "too_short" and loc and loc[-1] == "sources":
        return located.error(path, "needs at least one source")
    return _validator_message(located, path, loc, err, model)


def _validator_message(located: Located, path: PathKey, loc: tuple[Any, ...], err: Any, model: type[BaseModel] | None) -> DataError:
    """A validator's own message, with the value it echoes made safe to print, at the field it names."""
    message, value = str(err["msg"]).removeprefix("Value error, "), err.get("input")
    if isinstance(value, str):
        message = message.replace(f"'{value}'", shown(value))
    message = escaped(message)
    field, sep, rest = message.partition(": ")
    owner = _model_at(model, loc)
    if sep and owner and field in _field_names(owner):  # a record-level check about one field
        path, message = path + (field,), rest
    return located.error(path, message[0].lower() + message[1:] if message else str(err["type"]))


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return shown(value)


def _model_at(model: type[BaseModel] | None, loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """Follow a pydantic loc down nested models to the model that owns its last field."""
    current = model
    for part in loc:
        if current is None or isinstance(part, int):
            continue
        info = current.model_fields.get(str(part)) or next((f for f in current.model_fields.values() if f.alias == part), None)
        current = record_type(info.annotation) if info else None
    return current


def _field_names(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]
