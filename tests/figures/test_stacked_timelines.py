"""F7 `stacked-timelines`: goldens of the real figure, and what a reader relies on (lanes, marker, status, escaping)."""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import date
from typing import Any

import pytest

from generators.figures import stacked_timelines
from generators.figures.text import text_width
from generators.model.store import Store
from tests.conftest import figure_json

HOSTILE = "<img src=x onerror=alert(1)>"


def build(store: Store, width: int = 1000) -> Any:
    return stacked_timelines.build(store, store.figures["qwen-f7"], width)


def lane_bounds(fig: Any) -> dict[str, tuple[float, float]]:
    """Each lane's (top, bottom) in the figure's y px, from the separators the figure draws."""
    tops = {s.name[len("lane "):]: s.y0 for s in fig.layout.shapes if s.name and s.name.startswith("lane ")}
    names = store_lanes(fig)
    tops[names[0]] = 0.0
    ends = [tops[n] for n in names[1:]] + [fig.layout.yaxis.range[0]]
    return {n: (tops[n], end) for n, end in zip(names, ends, strict=True)}


def store_lanes(fig: Any) -> list[str]:
    return [t.name for t in fig.data if t.mode == "markers" and t.name in ("model", "org", "structure")]


@pytest.mark.parametrize("width", [1000, 360])
def test_golden(store: Store, golden: Any, width: int) -> None:
    golden(f"stacked-timelines-qwen-f7-{width}", figure_json(build(store, width)))


@pytest.mark.parametrize("width", [1000, 360])
def test_marker_line_sits_at_3_march_across_all_lanes(store: Store, width: int) -> None:
    lines = [s for s in build(store, width).layout.shapes if s.type == "line" and s.line.dash == "dash"]
    assert len(lines) == 1, "qwen-f7 has one marker"
    line = lines[0]
    assert (line.x0, line.x1) == ("2026-03-03", "2026-03-03"), "the marker stands on 3 Mar 2026"
    assert (line.yref, line.y0, line.y1) == ("paper", 0, 1), "the marker crosses every lane, top to bottom"


@pytest.mark.parametrize("width", [1000, 360])
def test_each_lane_has_its_events(store: Store, width: int) -> None:
    fig = build(store, width)
    spec = store.figures["qwen-f7"]
    assert store_lanes(fig) == list(spec.options.lanes), "lanes top to bottom in the spec's order"
    bounds = lane_bounds(fig)
    for trace in (t for t in fig.data if t.name in bounds and t.mode == "markers"):
        expected = sorted(e.id for e in store.select(spec.subject, spec.select) if e.axis == trace.name)
        assert sorted(trace.customdata) == expected, f"lane {trace.name} shows exactly its events"
        top, bottom = bounds[trace.name]
        assert all(top < y < bottom for y in trace.y), f"markers of {trace.name} lie inside its band"


def test_unconfirmed_events_are_hollow(store: Store) -> None:
    for trace in (t for t in build(store).data if t.name in ("model", "org", "structure")):
        for event_id, symbol in zip(trace.customdata, trace.marker.symbol, strict=True):
            hollow = store.events[event_id].status != "confirmed"
            assert symbol.endswith("-open") == hollow, f"{event_id}: {symbol}"


def test_same_day_events_get_separate_markers(store: Store) -> None:
    org = next(t for t in build(store).data if t.name == "org")
    points = dict(zip(org.customdata, org.y, strict=True))
    assert points["lin-junyang-steps-down"] != points["yu-bowen-resigns"], "two events on 3 Mar must not hide each other"


def test_labels_give_name_and_date_as_written(store: Store) -> None:
    texts = [a.text for a in build(store).layout.annotations]
    assert "<b>Lin steps down</b><br>3 Mar 2026 (pending)" in texts
    assert "<b>Huibin → Meta</b><br>Jan 2026 (rep.)<br><i>or staff research scientist (role)</i>" in texts, \
        "another reported role is a marked note on the label"


@pytest.mark.parametrize("width", [1000, 360])
def test_labels_do_not_overlap_within_a_lane(store: Store, width: int) -> None:
    fig = build(store, width)
    start, end = (date.fromisoformat(d) for d in fig.layout.xaxis.range)
    plot_w = width - fig.layout.margin.l - fig.layout.margin.r
    boxes = []
    for a in fig.layout.annotations:
        # Event labels are the annotations on the data axes (an unset ref reads back as None).
        if (a.xref or "x") != "x" or (a.yref or "y") != "y" or not a.text.startswith("<b>"):
            continue
        lines = re.sub(r"<[^>]+>", "", a.text.replace("<br>", "\n")).split("\n")
        w = max(text_width(line, 12) * (1.1 if i == 0 else 1.0) for i, line in enumerate(lines))  # bold first line
        x = (date.fromisoformat(a.x) - start).days / (end - start).days * plot_w + (a.xshift or 0)
        tall = 34 + 15 * (len(lines) - 2)
        y0 = a.y if a.yanchor == "top" else a.y - tall
        boxes.append((a.text, x - w / 2, x + w / 2, y0, y0 + tall))
        assert x - w / 2 >= -2 and x + w / 2 <= plot_w + 2, f"label {a.text!r} runs off the plot"
    assert len(boxes) == len(store.figures["qwen-f7"].select.events), "one label per event"
    for i, (t1, l1, r1, a1, b1) in enumerate(boxes):
        for t2, l2, r2, a2, b2 in boxes[i + 1:]:
            assert r1 <= l2 or r2 <= l1 or b1 <= a2 or b2 <= a1, f"labels {t1!r} and {t2!r} overlap"


def test_hostile_text_is_escaped(store: Store) -> None:
    events = {k: (v.model_copy(update={"title": HOSTILE, "label": None}) if k == "qwen3-omni" else v)
              for k, v in store.events.items()}
    spec = store.figures["qwen-f7"]
    marker = spec.markers[0].model_copy(update={"label": HOSTILE})
    spec = spec.model_copy(update={"title": HOSTILE, "markers": [marker],
                                   "labels": {**spec.labels, "yu-bowen-resigns": HOSTILE}})
    hostile = dataclasses.replace(store, events=events)
    for width in (1000, 360):
        text = json.dumps(figure_json(stacked_timelines.build(hostile, spec, width)), ensure_ascii=False)
        assert "<img" not in text, "a YAML string reached the figure unescaped"
        assert "&lt;img src=x onerror=alert(1)&gt;" in text, "the hostile text should be shown, escaped"
