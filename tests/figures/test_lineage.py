"""F5 `lineage`: goldens of the real figure, and the properties a reader relies on (edges, boxes, bars, escaping)."""

from __future__ import annotations

import dataclasses
import itertools
import json
from typing import Any

import pytest

from generators.figures import lineage
from generators.model.store import Store
from tests.conftest import figure_json

HOSTILE = "<img src=x onerror=alert(1)>"


def shapes(fig: Any, prefix: str) -> dict[str, Any]:
    """The figure's shapes whose name starts with `prefix`, by the rest of the name."""
    return {s.name[len(prefix):]: s for s in fig.layout.shapes if s.name and s.name.startswith(prefix)}


def shown(store: Store) -> list[str]:
    spec = store.figures["qwen-f5"]
    return [e.id for e in store.select(spec.subject, spec.select) if e.release]


@pytest.mark.parametrize("width", [1000, 360])
def test_golden(store: Store, golden: Any, width: int) -> None:
    golden(f"lineage-qwen-f5-{width}", figure_json(lineage.build(store, store.figures["qwen-f5"], width)))


@pytest.mark.parametrize("width", [1000, 360])
def test_edges_follow_the_descent_edges_in_the_data(store: Store, width: int) -> None:
    ids = set(shown(store))
    expected = {f"{d.release}>{e.id} {d.kind}" for e in store.events.values() if e.id in ids and e.release
                for d in e.release.descends_from if d.release in ids}
    drawn = set(shapes(lineage.build(store, store.figures["qwen-f5"], width), "edge "))
    assert expected, "the real data should have descent edges among the shown releases"
    assert drawn == expected, f"missing: {expected - drawn}, not in the data: {drawn - expected}"


@pytest.mark.parametrize("width", [1000, 360])
def test_each_release_has_one_box_and_the_boxes_do_not_overlap(store: Store, width: int) -> None:
    fig = lineage.build(store, store.figures["qwen-f5"], width)
    names = [s.name for s in fig.layout.shapes if s.name and s.name.startswith("box ")]
    assert sorted(names) == sorted(f"box {i}" for i in shown(store)), "one box per shown release, no others"
    boxes = shapes(fig, "box ")
    for (a, p), (b, q) in itertools.combinations(boxes.items(), 2):
        apart = p.x1 <= q.x0 or q.x1 <= p.x0 or p.y1 <= q.y0 or q.y1 <= p.y0
        assert apart, f"boxes {a} and {b} overlap"


def test_boxes_run_left_to_right_in_time_order_when_wide(store: Store) -> None:
    boxes = shapes(lineage.build(store, store.figures["qwen-f5"], 1000), "box ")
    xs = [boxes[i].x0 for i in shown(store)]
    assert xs == sorted(xs) and len({boxes[i].y0 for i in boxes}) == 1, "one row, in the data's time order"


def test_narrow_layout_stacks_boxes_and_keeps_text_readable(store: Store) -> None:
    fig = lineage.build(store, store.figures["qwen-f5"], 360)
    boxes = shapes(fig, "box ")
    ys = [boxes[i].y0 for i in shown(store)]
    assert ys == sorted(ys), "at 360 px the boxes run top to bottom in time order"
    plot_w = 360 - fig.layout.margin.l - fig.layout.margin.r
    assert all(-3 <= b.x0 and b.x1 <= plot_w + 3 for b in boxes.values()), "every box fits the phone's width"
    sizes = [a.font.size for a in fig.layout.annotations]
    assert min(sizes) >= 11, f"text smaller than 11 px: {sorted(sizes)[:3]}"


def test_lin_junyang_bar_spans_qwen_audio_to_qwen2_5_omni(store: Store) -> None:
    wide = lineage.build(store, store.figures["qwen-f5"], 1000)
    bar, boxes = shapes(wide, "bar ")["lin-junyang"], shapes(wide, "box ")
    assert (bar.x0, bar.x1) == (boxes["qwen-audio"].x0, boxes["qwen2.5-omni"].x1), "bar runs from the first to the last box he is credited on"
    narrow = lineage.build(store, store.figures["qwen-f5"], 360)
    bar, boxes = shapes(narrow, "bar ")["lin-junyang"], shapes(narrow, "box ")
    assert (bar.y0, bar.y1) == (boxes["qwen-audio"].y0, boxes["qwen2.5-omni"].y1), "in the column the bar runs down the same boxes"


def test_bar_label_names_the_roles(store: Store) -> None:
    texts = [a.text for a in lineage.build(store, store.figures["qwen-f5"], 1000).layout.annotations]
    assert "<b>Lin Junyang</b> — lead author: Qwen-Audio, Qwen2-Audio; senior author: Qwen2.5-Omni" in texts


def test_people_named_by_the_spec_but_not_credited_are_listed_without_a_bar(store: Store) -> None:
    fig = lineage.build(store, store.figures["qwen-f5"], 1000)
    bars = shapes(fig, "bar ")
    texts = " ".join(a.text for a in fig.layout.annotations)
    for ref in ("yu-bowen", "jingren-zhou"):
        assert ref not in bars, f"{ref} is credited on no shown release, so no span can be drawn"
        assert f"<b>{store.people[ref].name}</b>" in texts, f"{ref} is named in the spec and must still appear"


def test_hover_points_carry_each_release(store: Store) -> None:
    trace = next(t for t in lineage.build(store, store.figures["qwen-f5"], 1000).data if t.name == "releases")
    assert list(trace.customdata) == shown(store)
    assert all("Sources:" in h for h in trace.hovertext)


def test_hostile_text_is_escaped(store: Store) -> None:
    events = dict(store.events)
    events["qwen-audio"] = events["qwen-audio"].model_copy(update={"title": HOSTILE, "label": None})
    release = events["qwen2-audio"].release
    assert release is not None
    events["qwen2-audio"] = events["qwen2-audio"].model_copy(update={"release": release.model_copy(update={"motif": HOSTILE})})
    people = {**store.people, "lin-junyang": store.people["lin-junyang"].model_copy(update={"name": HOSTILE})}
    spec = store.figures["qwen-f5"].model_copy(update={"title": HOSTILE})
    hostile = dataclasses.replace(store, events=events, people=people)
    for width in (1000, 360):
        text = json.dumps(figure_json(lineage.build(hostile, spec, width)), ensure_ascii=False)
        assert "<img" not in text, "a YAML string reached the figure unescaped"
        assert "&lt;img src=x onerror=alert(1)&gt;" in text, "the hostile text should be shown, escaped"
