"""The `people-moves` kind (F8): its spec class and the moves between labs it draws in, its FigureKind out."""

from __future__ import annotations

from typing import Any

from generators.figures.describing import plural
from generators.figures.kind import FigureKind
from generators.model.events import Event
from generators.model.figures import PeopleMovesSpec
from generators.model.series import figure_moves
from generators.model.store import Store


def build(store: Store, spec: Any, width: int) -> Any:
    from generators.figures import people_moves  # the layout; plotly is imported when a figure is drawn

    return people_moves.build(store, spec, width)


def events(store: Store, spec: Any) -> list[Event]:
    """The events of the moves it shows (a `left` and the `joined` it pairs with are one move), each once."""
    moved = {e.id: e for m in figure_moves(store, spec) for e in m.events}
    return list(moved.values())


def describe(store: Store, spec: Any, shown: int = 12) -> str:
    moves = figure_moves(store, spec)
    if not moves:
        return f"{spec.title}: no moves between labs yet."
    text = f"{plural(len(moves), 'move').capitalize()} between labs: " + "; ".join(
        f"{store.name_of(m.person)} from {store.name_of(m.from_lab)} to {store.name_of(m.to_lab)}, {m.arrival.date.label()}"
        for m in moves[:shown])
    if len(moves) > shown:
        text += f"; and {len(moves) - shown} more"
    unconfirmed = sum(1 for m in moves if m.status != "confirmed")
    if unconfirmed:
        text += f"; {plural(unconfirmed, 'move')} not yet confirmed, drawn dashed"
    return text + "."


KIND = FigureKind(PeopleMovesSpec, build, events=events, draws="move between two labs", describe=describe, page_rank=4)
