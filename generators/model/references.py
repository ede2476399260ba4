"""References between records, declared once on the fields: a record in, every id it names and what that id points to out.

A field that names another record is typed with one of the id types below (`person: PersonId`), an
`Annotated` slug carrying a `RefTo` that says which registry of the store the id is looked up in and
what editors call it. Everything that follows references derives from these declarations through
`walk`: the unknown-id checks (rules.py), the records a figure shows (diff, history), entity pages'
back-links, the choices `new` offers, and what an alternative claim's value names. A new reference
field is one field typed with one of these.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any

from pydantic import BaseModel

from generators.model.fields import Slug

Path = tuple[str | int, ...]
Ref = tuple[str, str]  # (section, id), e.g. ("people", "lin-junyang")


@dataclass(frozen=True)
class RefTo:
    """What an id field points to: the store's registries it is looked up in, and its name in messages (`unknown person ...`).

    `shown` is False for a reference a figure drawing the record does not show (the subject an event belongs
    to, the release it descends from): a change to that record does not change the figure.
    """

    sections: tuple[str, ...]
    kind: str
    shown: bool = True


SubjectId = Annotated[Slug, RefTo(("subjects",), "subject", shown=False)]
SourceId = Annotated[Slug, RefTo(("sources",), "source")]
PersonId = Annotated[Slug, RefTo(("people",), "person")]
UnitId = Annotated[Slug, RefTo(("units",), "unit")]
LicenceId = Annotated[Slug, RefTo(("licences",), "licence")]
EventId = Annotated[Slug, RefTo(("events",), "event")]
ReleaseId = Annotated[Slug, RefTo(("events",), "release")]
# A release a record links to without showing it (the one a release descends from, a posture cell's release).
LinkedReleaseId = Annotated[Slug, RefTo(("events",), "release", shown=False)]
EntityId = Annotated[Slug, RefTo(("people", "units", "events"), "unit, person or event")]

Step = Callable[[Any, Path], Iterator[tuple[Path, str, RefTo]]]


def walk(record: BaseModel, path: Path = ()) -> Iterator[tuple[Path, str, RefTo]]:
    """(path under the record, id, what it points to) for every id the record and its nested records name, in field order.

    Paths use the names editors write (`("move", "from")`, `("release", "credits", 0, "person")`).
    """
    for key, name, step in _plan(type(record)):
        value = getattr(record, name)
        if value is not None:
            yield from step(value, (*path, key))


def references_of(record: BaseModel, shown_only: bool = False) -> set[Ref]:
    """(section, id) of every record `record` names, its alternative claims' values included (another `move.to`
    names a unit as the main one does); with `shown_only`, only those a figure drawing it shows. A reference
    into several registries (`about`) counts in each."""
    refs = [(ref, value) for _, value, ref in walk(record)]
    for alt in getattr(record, "alternatives", ()):
        ref = ref_of(type(record), getattr(alt, "field", ""))
        if ref is not None:
            refs.append((ref, alt.value))
    return {(section, value) for ref, value in refs if ref.shown or not shown_only for section in ref.sections}


def ref_of(model: type[BaseModel], dotted: str) -> RefTo | None:
    """What the field at `dotted` (`move.from`, `release.licence`, `subject`; for a list of ids, each item) of `model`
    points to, if it is a reference; for a mapping, what its keys name."""
    head, _, rest = dotted.partition(".")
    for name, info in model.model_fields.items():
        if head not in (name, info.alias):
            continue
        if rest:
            inner = record_type(info.annotation)
            return ref_of(inner, rest) if inner else None
        found = _ref_in(info.annotation, info.metadata)
        if found is None and typing.get_origin(info.annotation) in (list, dict):  # `sources: list[SourceId]`: each item; a mapping's keys
            found = _ref_in(typing.get_args(info.annotation)[0])
        return found
    return None


def registry(store: object, ref: RefTo) -> dict[str, Any]:
    """The ids `ref` may name in `store` (a `Store`), with their records (several registries merged for a reference into several).

    The store is read by its section names, not imported: the store's record types import these id types."""
    if len(ref.sections) == 1:
        return getattr(store, ref.sections[0])  # type: ignore[no-any-return]
    merged: dict[str, Any] = {}
    for section in ref.sections:
        merged.update(getattr(store, section))
    return merged


@cache
def _plan(model: type[BaseModel]) -> tuple[tuple[str, str, Step], ...]:
    """(key as written, attribute, how to walk its value) for each field that is or holds a reference; computed once per class."""
    out = []
    for name, info in model.model_fields.items():
        step = _step(info.annotation, tuple(info.metadata))
        if step is not None:
            out.append((info.alias or name, name, step))
    return tuple(out)


def _step(annotation: Any, metadata: tuple[Any, ...] = ()) -> Step | None:
    ref = _ref_in(annotation, metadata)
    if ref is not None:
        return lambda value, path: iter([(path, value, ref)]) if isinstance(value, str) else iter(())
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is Annotated:
        return _step(args[0])
    if origin in (typing.Union, types.UnionType):
        steps = [s for a in args if a is not type(None) and (s := _step(a)) is not None]
        return steps[0] if len(steps) == 1 else (_any(steps) if steps else None)
    if origin is list:
        item = _step(args[0])
        return None if item is None else _items(item)
    if origin is dict:
        key_ref, inner = _ref_in(args[0]), _step(args[1])
        if key_ref is None and inner is None:
            return None
        return lambda value, path: _mapping(value, path, key_ref, inner)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return lambda value, path: walk(value, path)
    return None


def _items(item: Step) -> Step:
    return lambda value, path: (x for i, v in enumerate(value) for x in item(v, (*path, i)))


def _any(steps: list[Step]) -> Step:
    return lambda value, path: (x for s in steps for x in s(value, path))


def _mapping(value: dict[str, Any], path: Path, key_ref: RefTo | None, inner: Step | None) -> Iterator[tuple[Path, str, RefTo]]:
    for key, item in value.items():
        if key_ref is not None:
            yield (*path, key), key, key_ref
        if inner is not None and item is not None:
            yield from inner(item, (*path, key))


def _ref_in(annotation: Any, metadata: tuple[Any, ...] | list[Any] = ()) -> RefTo | None:
    found = [m for m in metadata if isinstance(m, RefTo)]
    if typing.get_origin(annotation) is Annotated:
        found += [m for m in typing.get_args(annotation)[1:] if isinstance(m, RefTo)]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        inner = [r for a in typing.get_args(annotation) if (r := _ref_in(a)) is not None]
        found += inner
    return found[0] if found else None


def record_type(annotation: Any) -> type[BaseModel] | None:
    """The record class an annotation holds (`Move`, `list[Credit]`, `Alternative | None`), or None."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = record_type(arg)
        if found is not None:
            return found
    return None
