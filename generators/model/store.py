"""The validated store: every record of the data files, indexed by id, plus the queries figures and pages share.

In: records that passed validation. Out: lookups (event, source, licence posture), selections of
events for a figure, and the documents of events whose JSON Schema editors' tools read. Which events
a figure draws is its kind's answer (generators/figures/registry.py), not the store's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import Field, create_model

from generators.model.events import Alternative, Event, LabPosture, Licence, Person, Source, Subject, Unit
from generators.model.fields import Record
from generators.model.figures import Selection
from generators.model.measurements import Measurement
from generators.model.references import ref_of
from generators.model.references import registry as registry_of


class EventsDocument(Record):
    """`data/events.yaml`: the registries and the events."""

    subjects: list[Subject] = Field(default_factory=list, description="Subjects the site profiles.")
    licences: list[Licence] = Field(default_factory=list, description="Licences and release modes, each with its posture.")
    sources: list[Source] = Field(default_factory=list, description="Publications cited by events.")
    people: list[Person] = Field(default_factory=list, description="People named in events.")
    units: list[Unit] = Field(default_factory=list, description="Companies, labs, teams and other units.")
    postures: list[LabPosture] = Field(default_factory=list, description="Labs' licensing postures by tier.")
    events: list[Event] = Field(default_factory=list, description="The dated facts.")
    measurements: list[Measurement] = Field(default_factory=list, description="Dated, sourced numbers: downloads, users, money.")


ALTERNATIVE_LABELS = {"date": "date", "title": "name", "summary": "account", "release.licence": "licence",
                      "release.tier": "tier", "release.size": "size", "move.kind": "kind of move", "move.from": "left", "move.to": "joined",
                      "move.role": "role", "move.person": "person", "change.kind": "kind of change", "change.unit": "unit"}

SECTIONS: dict[str, type[Record]] = {
    name: info.annotation.__args__[0]  # type: ignore[union-attr]
    for name, info in EventsDocument.model_fields.items()
}
# The sections a per-subject file (`data/events/SUBJECT.yaml`) may hold: those whose records name their subject.
SUBJECT_SECTIONS: dict[str, type[Record]] = {name: model for name, model in SECTIONS.items() if "subject" in model.model_fields}


# `data/events/SUBJECT.yaml`: the sections above, as in `data/events.yaml`; derived so that a new section of
# records that name their subject is allowed in a subject's file (and its schema) without a second list.
SubjectDocument: type[Record] = create_model(  # type: ignore[call-overload]
    "SubjectDocument", __base__=Record, __doc__="`data/events/SUBJECT.yaml`: one subject's records; what they cite stays in `data/events.yaml`.",
    **{name: (list[model], Field(  # type: ignore[valid-type]
           default_factory=list, description=f"{EventsDocument.model_fields[name].description} Each names this file's subject."))
       for name, model in SUBJECT_SECTIONS.items()})


@dataclass
class Store:
    """All records by id, in file order. Built by `generators.load`; never mutated after."""

    subjects: dict[str, Subject] = field(default_factory=dict)
    licences: dict[str, Licence] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    units: dict[str, Unit] = field(default_factory=dict)
    postures: list[LabPosture] = field(default_factory=list)
    events: dict[str, Event] = field(default_factory=dict)
    # Figure specs by id, each of the spec class its kind registers (generators/figures/registry.py).
    figures: dict[str, Any] = field(default_factory=dict)
    # (section, id) of each event -> the data file it is written in (`data/events/qwen.yaml`); the diff follows moves by it.
    origins: dict[tuple[str, str], str] = field(default_factory=dict)
    measurements: dict[str, Measurement] = field(default_factory=dict)
    # (the events dict it indexes, subject -> its events): built on first use, rebuilt if `events` is replaced.
    _by_subject: tuple[dict[str, Event], dict[str, list[Event]]] | None = field(default=None, repr=False, compare=False)

    def posture_of(self, licence_id: str | None) -> str:
        """The posture of a licence id; `unknown` when the licence is not given."""
        licence = self.licences.get(licence_id or "")
        return licence.posture if licence else "unknown"

    def licence_name(self, licence_id: str | None) -> str:
        licence = self.licences.get(licence_id or "")
        return licence.name if licence else "undisclosed"

    def subject_name(self, subject_id: str | None) -> str:
        """A subject's own name (never that of a unit or person sharing its id); the series for None."""
        if subject_id is None:
            return "The series"
        subject = self.subjects.get(subject_id)
        return subject.name if subject else subject_id

    def name_of(self, ref: str) -> str:
        """Display name of a person, unit, event, subject or licence id."""
        for registry in (self.people, self.units, self.subjects, self.licences):
            if ref in registry:
                return registry[ref].name  # type: ignore[attr-defined,no-any-return]
        if ref in self.events:
            return self.events[ref].title
        return ref

    def alternative(self, alt: Alternative) -> tuple[str, str]:
        """An alternative claim as readers see it: ('role', 'trainee'), ('date', '4 Mar 2026'), ('licence', 'Apache 2.0')."""
        label = ALTERNATIVE_LABELS.get(alt.field, alt.field)
        if alt.field == "date":
            return label, alt.date_label
        ref = ref_of(Event, alt.field)  # another licence, person or unit is shown by its name
        record = registry_of(self, ref).get(alt.value) if ref else None
        if record is None:
            return label, alt.value
        return label, record.title if isinstance(record, Event) else record.name

    def outlets(self, source_ids: Iterable[str]) -> list[str]:
        return [self.sources[s].outlet for s in source_ids if s in self.sources]

    def chronological(self, events: Iterable[Event]) -> list[Event]:
        return sorted(events, key=lambda e: (e.date.start, e.date.end, e.id))

    def select(self, subject: str | None, selection: Selection) -> list[Event]:
        """The events a figure shows: the listed ids in order, or every match in date order."""
        if selection.events:
            return [self.events[i] for i in selection.events if i in self.events]
        chosen = [e for e in self.of_subject(subject) if _matches(e, selection)]
        return self.chronological(chosen)

    def of_subject(self, subject: str | None) -> list[Event]:
        """One subject's events in file order (every event for None: the whole series); indexed once, so a
        figure's cost does not grow with other subjects."""
        if subject is None:
            return list(self.events.values())
        if self._by_subject is None or self._by_subject[0] is not self.events:
            index: dict[str, list[Event]] = {}
            for event in self.events.values():
                index.setdefault(event.subject, []).append(event)
            self._by_subject = (self.events, index)
        return self._by_subject[1].get(subject, [])

    def measurements_of(self, subject: str | None = None, about: str | None = None) -> list[Measurement]:
        """Measurements of one subject (or all), or about one unit, person or event, in file order (editors group them)."""
        return [m for m in self.measurements.values()
                if (subject is None or m.subject == subject) and (about is None or about in m.about)]

    def releases(self, subject: str | None = None) -> list[Event]:
        pool = self.events.values() if subject is None else self.of_subject(subject)
        return self.chronological(e for e in pool if e.release)



def _matches(event: Event, selection: Selection) -> bool:
    if selection.axes and event.axis not in selection.axes:
        return False
    if selection.tags and not set(selection.tags) & set(event.tags):
        return False
    if selection.families or selection.tiers:
        if event.release is None:
            return False
        if selection.families and event.release.family not in selection.families:
            return False
        if selection.tiers and event.release.tier not in selection.tiers:
            return False
    return True
