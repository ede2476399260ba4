"""Stores full of disputed facts, made from the real one: the Qwen store in, a copy whose events carry
alternative dates, licences and roles (and, for the dense store, dozens more disputed moves) out."""

from __future__ import annotations

import dataclasses
import random
from datetime import date, timedelta

from generators.model.events import Alternative, Event
from generators.model.store import Store

PEOPLE = ("lin-junyang", "yu-bowen", "binyuan-hui", "jingren-zhou")
ROLES = ("technical lead", "staff research scientist", "head of post-training", "research intern")


def with_alternatives(store: Store, extra: dict[str, list[Alternative]]) -> Store:
    """The store with `extra` alternatives added to the events they name."""
    events = {k: e.model_copy(update={"alternatives": [*e.alternatives, *extra[k]]}) if k in extra else e
              for k, e in store.events.items()}
    return dataclasses.replace(store, events=events, _by_subject=None)


def make_alternative(field: str, value: str, sources: list[str]) -> Alternative:
    return Alternative.model_validate({"field": field, "value": value, "sources": sources})


def dense_disputes(store: Store, seed: int = 7, moves: int = 40) -> Store:
    """Every Qwen event disputed (a second date; a second licence on releases; a second role on moves), plus
    `moves` disputed departures between Sep 2025 and Apr 2026 with long names; F7 then draws every event
    of its window rather than its eight."""
    rng = random.Random(seed)
    sources = list(store.sources)
    events = dict(store.events)
    for i in range(moves):
        day = date(2025, 9, 1) + timedelta(days=rng.randrange(0, 210))
        person = PEOPLE[i % len(PEOPLE)]
        events[f"synthetic-move-{i}"] = Event.model_validate({
            "id": f"synthetic-move-{i}", "subject": "qwen", "axis": "org", "date": day.isoformat(),
            "title": f"Senior researcher number {i} of the speech and multimodal group leaves",
            "status": rng.choice(["confirmed", "reported", "pending", "source-needed"]),
            "sources": rng.sample(sources, 2), "move": {"person": person, "kind": "left", "from": "qwen-team"}})
    extra: dict[str, list[Alternative]] = {}
    licences = list(store.licences)
    for event in events.values():
        if event.subject != "qwen":
            continue
        shift = timedelta(days=rng.choice([-9, -3, -1, 1, 2, 5, 14]))
        alts = [make_alternative("date", (event.date.start + shift).isoformat(), rng.sample(sources, rng.randint(1, 3)))]
        if event.release:
            alts.append(make_alternative("release.licence", rng.choice([x for x in licences if x != event.licence]), rng.sample(sources, 1)))
        if event.move:
            alts.append(make_alternative("move.role", rng.choice(ROLES), rng.sample(sources, 1)))
        extra[event.id] = alts
    dense = with_alternatives(dataclasses.replace(store, events=events, _by_subject=None), extra)
    f7 = store.figures["qwen-f7"]
    figures = {**store.figures, "qwen-f7": f7.model_copy(update={"select": f7.select.model_copy(update={"events": [], "axes": ["model", "org", "structure"]})})}
    return dataclasses.replace(dense, figures=figures)
