"""The series of subjects: a Store in, which lab and subject each unit, event and person belongs to out.

A subject's lab is a unit; every unit whose `parent` chain reaches that lab belongs to the subject.
Moves are paired across labs (a `left` at one lab, then the person's next `joined` at another, is one
move between them), so figures and pages can show people going from one subject to another.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from generators.model.events import Event
from generators.model.store import Store

# How a subject's figures are ordered on its generated page when their specs give no `order`.


def lab_of(store: Store, unit_id: str) -> str:
    """The top of a unit's `parent` chain: the company or lab it belongs to (itself when it has no parent)."""
    seen = {unit_id}
    while (unit := store.units.get(unit_id)) and unit.parent and unit.parent not in seen:
        unit_id = unit.parent
        seen.add(unit_id)
    return unit_id


def subject_of_lab(store: Store) -> dict[str, str]:
    """Lab unit id -> the first subject whose lab it is (or whose lab sits inside it)."""
    out: dict[str, str] = {}
    for subject in store.subjects.values():
        if subject.lab:
            out.setdefault(lab_of(store, subject.lab), subject.id)
    return out


def subject_of_unit(store: Store, unit_id: str | None, labs: dict[str, str] | None = None) -> str | None:
    """The subject a unit belongs to through its lab, or None for a unit outside the series."""
    if not unit_id:
        return None
    labs = subject_of_lab(store) if labs is None else labs
    return labs.get(lab_of(store, unit_id))


@dataclass(frozen=True)
class LabMove:
    """A person going from one lab to another: one `moved` event, or a `left` and a later `joined` paired."""

    person: str
    from_unit: str
    to_unit: str
    from_lab: str
    to_lab: str
    events: tuple[Event, ...]  # the event(s) it rests on, earliest first

    @property
    def arrival(self) -> Event:
        return self.events[-1]

    @property
    def when(self) -> date:
        """The day drawn: the joining event's date (its middle when imprecise)."""
        d = self.arrival.date
        return d.start if d.exact else d.midpoint

    @property
    def status(self) -> str:
        """The weakest status of the events it rests on."""
        rank = ["confirmed", "reported", "pending", "source-needed"]
        return max((e.status for e in self.events), key=rank.index)

    @property
    def role(self) -> str | None:
        return next((e.move.role for e in reversed(self.events) if e.move and e.move.role), None)


def lab_moves(store: Store, events: list[Event]) -> list[LabMove]:
    """Moves between two different labs among `events`, in date order.

    A `moved` event with both ends is one move; a `left` (with `from`) followed by the same person's
    next `joined` or `appointed` (with `to`) at another lab is paired into one. Moves inside a lab
    (team to team) are not between labs and are left out.
    """
    out: list[LabMove] = []
    pending: dict[str, Event] = {}
    for event in store.chronological(e for e in events if e.move):
        move = event.move
        assert move is not None
        if move.from_unit and move.to_unit:
            _add(out, store, move.person, move.from_unit, move.to_unit, (event,))
            pending.pop(move.person, None)
        elif move.kind == "left" and move.from_unit:
            pending[move.person] = event
        elif move.to_unit and move.person in pending:
            left = pending.pop(move.person)
            assert left.move is not None and left.move.from_unit
            _add(out, store, move.person, left.move.from_unit, move.to_unit, (left, event))
    return sorted(out, key=lambda m: (m.when, m.person))


def _add(out: list[LabMove], store: Store, person: str, from_unit: str, to_unit: str, events: tuple[Event, ...]) -> None:
    a, b = lab_of(store, from_unit), lab_of(store, to_unit)
    if a != b:
        out.append(LabMove(person, from_unit, to_unit, a, b, events))


def figure_moves(store: Store, spec: Any) -> list[LabMove]:
    """The moves a people-moves figure draws: its selection's moves between labs; with `cross_subject`, every
    subject's moves that leave or reach the figure's own subject's lab."""
    if spec.cross_subject and spec.subject is not None:
        home = store.subjects[spec.subject].lab if spec.subject in store.subjects else None
        lab = lab_of(store, home) if home else None
        moves = lab_moves(store, store.select(None, spec.select))
        return [m for m in moves if m.arrival.subject == spec.subject or lab in (m.from_lab, m.to_lab)]
    return lab_moves(store, store.select(spec.subject, spec.select))


def subjects_of_event(store: Store, event: Event, labs: dict[str, str] | None = None) -> list[str]:
    """The event's own subject, then any other subject whose units it names (a move into another lab, say)."""
    labs = subject_of_lab(store) if labs is None else labs
    units: list[str | None] = []
    if event.move:
        units += [event.move.from_unit, event.move.to_unit]
    if event.change:
        units += [event.change.unit, event.change.parent, *event.change.into]
    found = [event.subject] + [s for u in units if (s := subject_of_unit(store, u, labs))]
    return list(dict.fromkeys(found))


def events_by_subject(store: Store) -> dict[str, list[Event]]:
    """Subject id -> its own events and other subjects' events that reach into it, in date order."""
    labs = subject_of_lab(store)
    out: dict[str, list[Event]] = defaultdict(list)
    for event in store.chronological(store.events.values()):
        for subject in subjects_of_event(store, event, labs):
            out[subject].append(event)
    return out


def last_dated(store: Store, subject_id: str) -> date | None:
    """The latest date in a subject's data: its events' ends and their sources' publication dates."""
    days = []
    for event in store.of_subject(subject_id):
        days.append(event.date.end)
        days += [src.published.end for s in event.sources if (src := store.sources.get(s)) and src.published]
    return max(days, default=None)

