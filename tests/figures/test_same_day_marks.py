"""Stacked timelines: marks that share a time slot stand apart. At every plan width no two events' marks (as
plotly.js draws them, outline and licence ring included) come within 1 px of each other, every event keeps its
hover point at its own date (or, past a slot's row budget, its name in a count's hover), and labels still never
overlap nor cover a mark: in the Qwen figure (the task force and the functional split, eleven days apart in the
structure lane), the 300-release dense store, and an org lane of 40 moves."""

from __future__ import annotations

import html
import re
from datetime import date
from typing import Any

import pytest

from bench import dense
from generators.figures import registry
from generators.figures.registry import build_figure
from generators.figures.registry_widths import WIDTHS
from generators.figures.text import text_width
from generators.figures.timeline_common import place_date
from generators.load import load_store
from generators.model.store import Store
from tests.figures.disputed import dense_disputes
from tests.figures.marks import mark_clashes, outline_boxes, overlaps

LANES = ("model", "org", "structure")


@pytest.fixture(scope="module")
def stores(store: Store, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Store, str]]:
    events, figures = dense.write(300, tmp_path_factory.mktemp("dense300"))
    big, _ = load_store(events, figures, strict=False)
    return {"qwen": (store, "qwen-f7"), "dense": (big, "dense-f7"), "forty moves": (dense_disputes(store, moves=40), "qwen-f7")}


def _label_boxes(fig: Any, width: int) -> list[tuple[str, float, float, float, float]]:
    """(text, left, right, top, bottom) of each event label, as the figure places it (y down, px)."""
    start, end = (date.fromisoformat(d) for d in fig.layout.xaxis.range)
    plot_w = width - fig.layout.margin.l - fig.layout.margin.r
    boxes = []
    for a in fig.layout.annotations:
        if (a.xref or "x") != "x" or (a.yref or "y") != "y" or not a.text.startswith("<b>") or (a.name or "").startswith("ghost"):
            continue
        lines = re.sub(r"<[^>]+>", "", a.text.replace("<br>", "\n")).split("\n")
        w = max(text_width(html.unescape(line), 12) * (1.1 if i == 0 else 1.0) for i, line in enumerate(lines))
        x = (date.fromisoformat(a.x) - start).days / (end - start).days * plot_w + (a.xshift or 0)
        tall = 34 + 15 * (len(lines) - 2)
        top = a.y if a.yanchor == "top" else a.y - tall
        boxes.append((a.text, x - w / 2, x + w / 2, top, top + tall))
    return boxes


@pytest.mark.parametrize("which", ["qwen", "dense", "forty moves"])
def test_marks_sharing_a_slot_never_touch_and_keep_their_hover_points(stores: dict[str, tuple[Store, str]], which: str) -> None:
    data, figure = stores[which]
    spec = data.figures[figure]
    events = {e.id: e for e in registry.drawn(data, spec)}
    for width in WIDTHS.values():
        fig = build_figure(data, spec, width)
        assert mark_clashes(fig, width) == [], f"{figure} at {width} px"
        points = {i: (x, text) for t in fig.data if t.name in LANES and t.mode == "markers"
                  for i, x, text in zip(t.customdata, t.x, t.hovertext, strict=True)}
        held = {i for t in fig.data if t.name == "counts" for ids in t.customdata for i in ids}
        assert points.keys() | held == events.keys(), f"every event keeps its mark, or its place in a count, at {width} px"
        for eid, (x, text) in points.items():
            assert x == place_date(events[eid]).isoformat(), f"{eid} stays at its date at {width} px"
            words = " ".join(re.sub(r"<[^>]+>", " ", text).split())
            assert html.escape(events[eid].title, quote=False) in words, f"{eid} keeps its hover card at {width} px"
        labels = _label_boxes(fig, width)
        for i, (t1, l1, r1, a1, b1) in enumerate(labels):
            for t2, l2, r2, a2, b2 in labels[i + 1:]:
                assert r1 <= l2 or r2 <= l1 or b1 <= a2 or b2 <= a1, f"labels {t1!r} and {t2!r} overlap at {width} px"
        marks = outline_boxes(fig, width)
        covered = [(text, eid) for text, left, right, top, bottom in labels for eid, box in marks
                   if overlaps((left, top, right, bottom), box, clear=0.0)]
        assert covered == [], f"labels cover marks at {width} px"


def test_the_task_force_and_the_functional_split_stand_apart_on_a_phone(store: Store) -> None:
    fig = build_figure(store, store.figures["qwen-f7"], WIDTHS["phone"])
    boxes = dict(outline_boxes(fig, WIDTHS["phone"]))
    task_force, split = boxes["foundation-model-task-force"], boxes["tongyi-lab-functional-split"]
    assert min(task_force[2], split[2]) > max(task_force[0], split[0]), "eleven days apart: their stars share x at 360 px"
    assert task_force[3] + 1 <= split[1] or split[3] + 1 <= task_force[1], "so one stands clear above the other"


def test_the_check_sees_marks_drawn_on_each_other(store: Store) -> None:
    fig = build_figure(store, store.figures["qwen-f7"], WIDTHS["desktop"])
    org = next(t for t in fig.data if t.name == "org")
    ys = list(org.y)
    ys[list(org.customdata).index("yu-bowen-resigns")] -= 2  # 2 px nearer the mark of the same day
    org.y = ys
    assert mark_clashes(fig, WIDTHS["desktop"]) == ["lin-junyang-steps-down touches yu-bowen-resigns"]
