"""Every figure kind through the registry: synthetic stores of any seed build, and skipping Plotly's check changes nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench import synth
from generators.figures import canvas
from generators.figures.registry import build_figure
from generators.figures.registry_widths import WIDTHS
from generators.load import load_store
from generators.model.store import Store
from generators.render.figure_assets import figure_json


def _synthetic(tmp: Path, seed: int, events: int = 170) -> Store:
    events_text, figures_text = synth.generate(events, seed=seed)
    (tmp / "events.yaml").write_text(events_text, encoding="utf-8")
    (tmp / "figures.yaml").write_text(figures_text, encoding="utf-8")
    store, _ = load_store(tmp / "events.yaml", tmp / "figures.yaml")
    return store


@pytest.fixture
def unchecked() -> Iterator[None]:
    """Build as `make build` does: without Plotly's schema check."""
    with canvas.checked(False):
        yield


def _all_json(store: Store, subjects: set[str] | None = None) -> dict[str, str]:
    return {f"{spec.id}@{name}": json.dumps(figure_json(build_figure(store, spec, width)), sort_keys=True)
            for spec in store.figures.values() if subjects is None or spec.subject in subjects
            for name, width in WIDTHS.items()}


def test_skipping_plotlys_check_changes_no_byte_of_the_real_figures(store: Store, unchecked: None) -> None:
    fast = _all_json(store)
    with canvas.checked(True):
        checked = _all_json(store)
    assert fast.keys() == checked.keys() and len(fast) == len(WIDTHS) * len(store.figures)
    differing = [key for key in fast if fast[key] != checked[key]]
    assert not differing, f"unchecked figures differ from checked ones: {differing}"


def test_skipping_plotlys_check_changes_no_byte_of_synthetic_figures(tmp_path: Path, unchecked: None) -> None:
    store = _synthetic(tmp_path, seed=3)
    subjects = set(list(store.subjects)[:3])
    fast = _all_json(store, subjects)
    with canvas.checked(True):
        assert len(fast) == 3 * 5 * len(WIDTHS) and fast == _all_json(store, subjects)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(min_value=0, max_value=2**32 - 1), subject=st.integers(min_value=0, max_value=16))
def test_every_figure_of_a_synthetic_store_builds_at_every_width(tmp_path_factory: pytest.TempPathFactory, seed: int,
                                                                  subject: int) -> None:
    """Random dates, precisions, statuses and alternatives: each of a subject's five figures builds, checked, at every width."""
    store = _synthetic(tmp_path_factory.mktemp("synth"), seed)
    chosen = list(store.subjects)[subject]
    specs = [spec for spec in store.figures.values() if spec.subject == chosen]
    assert {spec.kind for spec in specs} == {"release-timeline", "posture-matrix", "bifurcation", "lineage", "stacked-timelines"}
    for spec in specs:
        for width in WIDTHS.values():
            fig = build_figure(store, spec, width)
            assert fig.data, f"{spec.id} at {width} px has no traces"
            assert fig.layout.height and fig.layout.height > 0
