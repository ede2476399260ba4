"""F8 `people-moves`: goldens of the real figure, and what a reader relies on (lanes, arrow direction, status, pairing, escaping)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generators.figures import people_moves
from generators.load import load_store
from generators.model.series import lab_moves
from generators.model.store import Store
from tests.conftest import figure_json

SERIES = Path("tests/data/valid/series.yaml")
HOSTILE = "<img src=x onerror=alert(1)>"


def lanes(fig: Any) -> dict[str, float]:
    """Lab name -> the y of its baseline, read from the lane names the figure writes."""
    return {a.text.removeprefix("<b>").removesuffix("</b>"): a.y for a in fig.layout.annotations if a.xref == "paper"}


def move_ends(fig: Any) -> list[Any]:
    return [t for t in fig.data if t.name == "move ends"]


@pytest.mark.parametrize("width", [1000, 360])
def test_golden(store: Store, golden: Any, width: int) -> None:
    golden(f"people-moves-qwen-f8-{width}", figure_json(people_moves.build(store, store.figures["qwen-f8"], width)))


def test_the_qwen_lead_going_to_meta_is_an_arrow_from_alibaba_to_meta(store: Store) -> None:
    fig = people_moves.build(store, store.figures["qwen-f8"], 1000)
    ys = lanes(fig)
    assert list(ys) == ["Alibaba", "Meta"], "the subject's lab first, then the lab the move reaches"
    (ends,) = move_ends(fig)
    assert list(ends.x) == ["2026-01-16", "2026-01-16"], "drawn at the middle of January 2026, the month the move is dated to"
    start, head = ends.y
    assert abs(start - ys["Alibaba"]) < 1 and head > start, "from Alibaba's lane down towards Meta's"
    assert ends.marker.symbol[1] == "triangle-down-open", "a reported move gets a hollow head"
    assert any("Jan 2026 (rep.)" in a.text for a in fig.layout.annotations), "and the status note after its date"
    assert "Hollow, (rep.): reported by the press only" in [t.name for t in fig.data if t.showlegend], "explained by the shared key"
    card = ends.hovertext[0]
    assert "Binyuan Hui" in card and "Qwen team (Alibaba)" in card and "Joined: Meta" in card and "reported" in card
    assert "Fullduplex" in card, "the hover card names the sources"


def test_a_left_and_a_later_joined_are_paired_into_one_move() -> None:
    store, _ = load_store(SERIES, None)
    (move,) = lab_moves(store, list(store.events.values()))
    assert (move.from_lab, move.to_lab, move.person) == ("demo-co", "other-co", "ada")
    assert [e.id for e in move.events] == ["ada-leaves", "ada-joins-other"]
    assert move.status == "reported"


def test_moves_inside_one_lab_are_not_drawn() -> None:
    store, _ = load_store(SERIES, None)
    leaves = store.events["ada-leaves"]
    assert leaves.move is not None
    # Ada now moves from the demo team to Demo Co itself: a move inside one lab, with nothing left to pair.
    inside = leaves.model_copy(update={"move": leaves.move.model_copy(update={"kind": "moved", "to_unit": "demo-co"})})
    events = {**store.events, "ada-leaves": inside}
    events.pop("ada-joins-other")
    assert lab_moves(Store(**{**store.__dict__, "events": events}), list(events.values())) == []


def test_names_are_escaped(store: Store) -> None:
    person = store.people["binyuan-hui"].model_copy(update={"name": HOSTILE})
    hostile = Store(**{**store.__dict__, "people": {**store.people, "binyuan-hui": person}})
    fig = people_moves.build(hostile, hostile.figures["qwen-f8"], 1000)
    text = str(fig.to_plotly_json())
    assert HOSTILE not in text and "&lt;img src=x onerror=alert(1)&gt;" in text
