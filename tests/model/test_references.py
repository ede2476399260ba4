"""References declared once, on the fields: the walker finds every id a record names, and everything that follows ids derives from it."""

from __future__ import annotations

import typing
from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import BaseModel, Field

from generators.figures.registry import SPEC_CLASSES
from generators.load import load_store_bytes
from generators.model.events import Alternative, Event
from generators.model.fields import Record
from generators.model.references import PersonId, UnitId, ref_of, references_of, walk
from generators.model.store import SECTIONS, Store


def _models(model: type[BaseModel], seen: set[type[BaseModel]]) -> Iterator[type[BaseModel]]:
    if model in seen:
        return
    seen.add(model)
    yield model
    for info in model.model_fields.values():
        for arg in [info.annotation, *_args(info.annotation)]:
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                yield from _models(arg, seen)


def _args(annotation: Any) -> Iterator[Any]:
    for arg in typing.get_args(annotation):
        yield arg
        yield from _args(arg)


# Ids that name a part of the same record, not another record: a bifurcation's line names the line it parts from.
_WITHIN_A_RECORD = {("Branch", "parent")}


def test_every_field_that_holds_ids_of_other_records_is_typed_as_a_reference() -> None:
    """A field documented as naming another record ("Id of the person", "Ids of the sources") must say so in its type,
    or no rule would check it and no page would link it."""
    seen: set[type[BaseModel]] = set()
    untyped = []
    for root in [*SECTIONS.values(), *SPEC_CLASSES]:
        for model in _models(root, seen):
            for name, info in model.model_fields.items():
                text = (info.description or "").lower()
                names_other = text.startswith(("id of", "ids of")) or " by lab unit id" in text or "by event id" in text
                within = (model.__name__, name) in _WITHIN_A_RECORD
                if names_other and name != "id" and not within and ref_of(model, info.alias or name) is None:
                    untyped.append(f"{model.__name__}.{name}")
    assert not untyped, f"documented as ids of other records but typed as plain slugs: {untyped}"


class _Trip(Record):
    """A record invented for this test: one new reference field is all it takes."""

    guide: PersonId = Field(description="Id of the person who leads it.")
    stops: list[UnitId] = Field(default_factory=list, description="Ids of the units it visits.")
    notes: dict[PersonId, str] = Field(default_factory=dict)


def test_a_new_reference_field_is_walked_with_its_path_and_target() -> None:
    trip = _Trip(guide="ada", stops=["lab-a", "lab-b"], notes={"bo": "joins late"})
    assert [(path, value, ref.kind) for path, value, ref in walk(trip)] == [
        (("guide",), "ada", "person"), (("stops", 0), "lab-a", "unit"), (("stops", 1), "lab-b", "unit"), (("notes", "bo"), "bo", "person")]
    assert references_of(trip) == {("people", "ada"), ("units", "lab-a"), ("units", "lab-b"), ("people", "bo")}


def test_an_alternative_claim_names_what_its_field_names(store: Store) -> None:
    """Another `move.to` is a unit like the main one: the diff watches it and readers see its name."""
    assert ref_of(Event, "move.to") == ref_of(Event, "change.unit") and ref_of(Event, "move.to") is not None
    assert ref_of(Event, "release.licence") is not None and ref_of(Event, "title") is None
    move = next(e for e in store.events.values() if e.move and e.move.to_unit)
    unit = next(u for u in store.units if u != move.move.to_unit)  # type: ignore[union-attr]
    other = move.model_copy(update={"alternatives": [Alternative(field="move.to", value=unit, sources=move.sources[:1] or ["x"])]})
    assert ("units", unit) in references_of(other)
    assert store.alternative(other.alternatives[0]) == ("joined", store.units[unit].name)


EVENTS = b"""subjects:
  - {id: qwen, name: Qwen}
people:
  - {id: ada-lovelace, name: Ada}
units:
  - {id: lab, name: Lab, kind: lab}
sources:
  - {id: src, outlet: Outlet, title: T, primary: true}
events:
  - id: e1
    subject: qwen
    axis: org
    date: 2025-01
    title: A move
    status: confirmed
    sources: [src]
    move: {person: ada-lovelace, kind: moved, from: lab, to: lab}
"""


@pytest.mark.parametrize(("old", "new", "path", "message"), [
    (b"to: lab}", b"to: labb}", "events[0].move.to", "unknown unit 'labb'; did you mean 'lab'?"),
    (b"person: ada-lovelace,", b"person: ada-lovelac,", "events[0].move.person", "unknown person 'ada-lovelac'; did you mean 'ada-lovelace'?"),
    (b"subject: qwen\n", b"subject: qwne\n", "events[0].subject", "unknown subject 'qwne'; did you mean 'qwen'?"),
])
def test_an_unknown_id_is_reported_where_it_is_written_with_what_it_should_name(old: bytes, new: bytes, path: str, message: str) -> None:
    from generators.errors import DataErrors

    load_store_bytes(EVENTS, None)  # valid as written
    with pytest.raises(DataErrors) as caught:
        load_store_bytes(EVENTS.replace(old, new), None)
    found = {(e.path, e.message) for e in caught.value.errors}
    assert (path, message) in found, found
