"""Folding a lineage into its bound: each folded column keeps a family's most prominent releases as marks and counts
the rest, every release stays reachable, and when even one row's people layer is too tall the least credited are
listed instead of drawn, so the figure keeps its bound whatever the count of releases and people."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import dense
from generators.figures import lineage, lineage_layers, registry
from generators.figures.lineage_fold import KEEP, fold
from generators.figures.lineage_grid import lanes_for
from generators.figures.prominence import ranks
from generators.load import load_store
from generators.model.store import Store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    events, figures = dense.write(300, Path(tmp_path_factory.mktemp("fold")))
    return load_store(events, figures, strict=False)[0]


def test_a_folded_column_keeps_the_most_prominent_of_each_family_and_counts_the_rest(store: Store) -> None:
    spec = store.figures["dense-f5"]
    events = store.chronological(registry.drawn(store, spec))
    names = {e.id for e in events}
    parents = {e.id: [d.release for d in e.release.descends_from if d.release in names] for e in events if e.release}
    grouped = lineage_layers.layers(events, parents)
    lane_of, rank = lanes_for(events), ranks(store, events, spec.labels)
    folded = fold(grouped, 40, lane_of, rank)
    assert len(folded.layers) == 40
    drawn = [e.id for column in folded.layers for e in column]
    counted = [e.id for members in folded.counted.values() for e in members]
    assert sorted(set(drawn) - set(folded.counted) | set(counted)) == sorted(names), "every release drawn once, or counted once"
    assert len(set(drawn) - set(folded.counted)) + len(counted) == len(names)
    for column in folded.layers:
        for lane in set(lane_of[e.id] for e in column):
            here = [e for e in column if lane_of[e.id] == lane]
            standing = [e for e in here if e.id in folded.counted]
            assert len(standing) <= 1 and len(here) <= KEEP + 1, f"{lane}: {len(here)} marks in one column"
            if standing:
                kept = [e for e in here if e.id not in folded.counted]
                worst_kept = max(rank[e.id] for e in kept)
                assert all(rank[m.id] >= worst_kept for m in folded.counted[standing[0].id]), "a count holds a more prominent release"
    assert folded.hidden == len(counted)
    in_order = [e.id for column in folded.layers for e in column]
    positions = {e.id: k for k, layer in enumerate(grouped) for e in layer}
    firsts = [min(positions[i] for i in ids) for ids in
              ([e.id for e in column if e.id not in folded.counted] or [column[0].id] for column in folded.layers)]
    assert firsts == sorted(firsts), f"time runs left to right across the columns ({in_order[:3]}...)"


def test_too_many_people_for_one_row_list_the_least_credited_and_keep_the_bound(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lineage, "MAX_HEIGHT", 700)  # as a store with hundreds of people would need at the real bound
    fig = lineage.build(store, store.figures["dense-f5"], 1000)
    assert fig.layout.height <= lineage.max_height(1000)
    more = [a for a in fig.layout.annotations if "more credited in this row" in a.text]
    assert more, "the people without a bar in a row are listed"
    drawn_bars = {s.name[4:] for s in fig.layout.shapes if (s.name or "").startswith("bar ")}
    listed = {line for a in more for line in a.hovertext.split("<br>")}
    people = {c.person or c.unit for e in registry.drawn(store, store.figures["dense-f5"]) if e.release for c in e.release.credits}
    named = {store.name_of(ref or "") for ref in people}
    assert listed <= named and named <= listed | {store.name_of(ref) for ref in drawn_bars}, "everyone credited is drawn or listed"
    counts = next(t for t in fig.data if t.name == "counts")
    assert sum(len(m) for m in counts.customdata) > 0
    note = next(a.text for a in fig.layout.annotations if "in counts" in a.text)
    assert note.startswith(f"{sum(len(m) for m in counts.customdata):,} of ")
