"""F4, bifurcation: goldens of the real figure, where the two tier lines end, the fork, and escaping."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from typing import Any

import plotly.graph_objects as go
import pytest

from generators.figures import bifurcation
from generators.figures.bifurcation import LEVEL
from generators.model.figures import BifurcationOptions, BifurcationSpec
from generators.model.store import Store
from tests.conftest import figure_json

HOSTILE = "<script>alert(1)</script>"


def _spec(store: Store) -> BifurcationSpec:
    spec = store.figures["qwen-f4"]
    assert isinstance(spec, BifurcationSpec)
    return spec


def _build(store: Store, width: int = 1000, spec: BifurcationSpec | None = None) -> go.Figure:
    return bifurcation.build(store, spec or _spec(store), width)


def _line(fig: go.Figure, name: str) -> list[tuple[float, float]]:
    """The points of a tier's line, its dashed run-on to the last generation included."""
    traces = [t for t in fig.data if t.name in (name, f"{name}, no newer release")]
    assert traces, f"no trace named {name!r}; traces are {[t.name for t in fig.data]}"
    return [(x, y) for t in traces for x, y in zip(t.x, t.y, strict=True)]


@pytest.mark.parametrize("width", [1000, 360])
def test_golden(store: Store, golden: Callable[[str, Any], None], width: int) -> None:
    golden(f"bifurcation-qwen-f4-{width}", figure_json(_build(store, width)))


def test_flagship_line_ends_on_the_closed_level(store: Store) -> None:
    points = _line(_build(store), "flagship tier")
    last = max(points)
    assert last[1] == LEVEL["closed"], f"the flagship line should end on the closed level, ends at {last}"


def test_base_line_stays_on_the_permissive_level(store: Store) -> None:
    fig = _build(store)
    points = _line(fig, "base tier")
    assert {y for _, y in points} == {LEVEL["permissive"]}, f"the base line should stay permissive: {points}"
    releases = next(t for t in fig.data if t.name == "releases")
    assert max(x for x, _ in points) == len(releases.x) - 1, "the base line should run on to the last generation"


def test_fork_annotation_sits_at_the_fork_release(store: Store) -> None:
    fig = _build(store)
    releases = next(t for t in fig.data if t.name == "releases")
    fork = list(releases.customdata).index(_spec(store).options.fork)
    notes = [a for a in fig.layout.annotations if "Fork point" in a.text]
    assert len(notes) == 1, f"expected one fork annotation, found {[a.text for a in fig.layout.annotations]}"
    assert (notes[0].x, notes[0].y) == (fork, releases.y[fork]), "the fork arrow should point at the fork release"
    assert notes[0].showarrow


def test_default_fork_label_names_the_date(store: Store) -> None:
    spec = _spec(store)
    plain = spec.model_copy(update={"options": BifurcationOptions(fork=spec.options.fork)})
    label = f"Fork point: {store.events[spec.options.fork or ''].date.label()}"
    texts = [a.text for a in _build(store, 1000, plain).layout.annotations]
    assert any(label in t for t in texts), f"expected {label!r} among {texts}"


def test_without_a_fork_option_the_first_closing_flagship_sets_it(store: Store) -> None:
    spec = _spec(store)
    fig = _build(store, 1000, spec.model_copy(update={"options": BifurcationOptions()}))
    releases = next(t for t in fig.data if t.name == "releases")
    note = next(a for a in fig.layout.annotations if "Fork point" in a.text)
    assert releases.customdata[note.x] == spec.options.fork


def test_unconfirmed_releases_are_hollow(store: Store) -> None:
    releases = next(t for t in _build(store).data if t.name == "releases")
    for event_id, symbol in zip(releases.customdata, releases.marker.symbol, strict=True):
        assert symbol.endswith("-open") == (store.events[event_id].status != "confirmed"), f"{event_id}: {symbol}"


def test_an_empty_selection_still_builds(store: Store) -> None:
    spec = _spec(store).model_copy(update={"select": _spec(store).select.model_copy(update={"families": ["no-such-family"]})})
    for width in (360, 1000):
        assert isinstance(_build(store, width, spec), go.Figure)


def test_hostile_text_is_escaped(store: Store) -> None:
    fork = _spec(store).options.fork or ""
    events = {**store.events, fork: store.events[fork].model_copy(update={"title": HOSTILE, "label": HOSTILE})}
    spec = _spec(store).model_copy(update={"options": BifurcationOptions(fork=fork, fork_label=HOSTILE)})
    for width in (360, 1000):
        text = json.dumps(figure_json(_build(dataclasses.replace(store, events=events), width, spec)))
        assert "<script>" not in text, "raw <script> reached the figure"
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text, "the hostile title should appear, escaped"
