"""A crowded release timeline (the 300-release store of bench/dense.py) at every plan: the marks that do not
fit a time slot collapse into counts ("+23") whose numbers add up to the hidden releases, whose hover names
them, and which open on zoom (the stacking the live figure shows at each zoom level)."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

import pytest

from bench import dense
from generators.figures import registry, release_timeline
from generators.figures.registry_widths import WIDTHS
from generators.figures.release_places import MARK_PX
from generators.figures.text import text_width
from generators.figures.timeline_counts import COUNT_PX, stack
from generators.load import load_store
from generators.model.store import Store
from tests.figures.test_release_timeline import _boxes


@pytest.fixture(scope="module")
def crowded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, dict[int, Any]]:
    events, figures = dense.write(300, tmp_path_factory.mktemp("counts"))
    store, _ = load_store(events, figures, strict=False)
    return store, {w: release_timeline.build(store, store.figures["dense-f1"], w) for w in WIDTHS.values()}


def _px(fig: Any, width: int, when: str, zoom: float = 1) -> float:
    start, end = (date.fromisoformat(d) for d in fig.layout.xaxis.range)
    moment = datetime.fromisoformat(when)
    plot_w = width - fig.layout.margin.l - fig.layout.margin.r
    return (moment - datetime.combine(start, datetime.min.time())).total_seconds() / 86400 / (end - start).days * plot_w * zoom


def test_counts_add_up_to_the_hidden_releases_and_name_them(crowded: tuple[Store, dict[int, Any]]) -> None:
    store, figs = crowded
    names = {e.id: e.short for e in registry.drawn(store, store.figures["dense-f1"])}
    for width, fig in figs.items():
        marks = next(t for t in fig.data if t.name == "releases")
        hidden = [i for i, y in zip(marks.customdata, marks.y, strict=True) if y is None]
        counts = next(t for t in fig.data if t.name == "counts")
        numbers = [int(re.sub(r"<[^>]+>", "", text).lstrip("+")) for text in counts.text]
        assert hidden and sum(numbers) == len(hidden), f"counts {numbers} for {len(hidden)} hidden releases at {width} px"
        assert min(numbers) >= 2, "a lone hidden release is drawn, not counted as +1"
        for number, hover in zip(numbers, counts.hovertext, strict=True):
            listed = hover.count("<br>") - 1 - ("more" in hover)
            more = int(m.group(1)) if (m := re.search(r"and (\d+) more", hover)) else 0
            assert hover.startswith(f"<b>{number} releases here</b>") and listed + more == number, hover
        named = " ".join(counts.hovertext)
        assert all(names[i].split(" ")[0] in named for i in hidden[:5])


def test_no_text_overlaps_or_leaves_the_plot_counts_included(crowded: tuple[Store, dict[int, Any]]) -> None:
    _, figs = crowded
    for width, fig in figs.items():
        plot_w = width - fig.layout.margin.l - fig.layout.margin.r
        plot_h = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
        y_lo, y_hi = fig.layout.yaxis.range
        boxes = [(text, left, right, bottom, top) for text, left, right, bottom, top in _boxes(fig, width)]
        counts = next(t for t in fig.data if t.name == "counts")
        for x, y, text in zip(counts.x, counts.y, counts.text, strict=True):
            w = text_width(re.sub(r"<[^>]+>", "", text), COUNT_PX) * 1.1
            cx, cy = _px(fig, width, x), (y - y_lo) / (y_hi - y_lo) * plot_h
            boxes.append((text, cx - w / 2, cx + w / 2, cy - COUNT_PX * 0.6, cy + COUNT_PX * 0.6))
        for i, (text, left, right, bottom, top) in enumerate(boxes):
            assert -1 <= left and right <= plot_w + 1, f"{text!r} leaves the plot at {width} px"
            for other, l2, r2, b2, u2 in boxes[i + 1:]:
                assert right <= l2 or r2 <= left or top <= b2 or u2 <= bottom, f"{text!r} and {other!r} overlap at {width} px"


def test_counts_open_on_zoom(crowded: tuple[Store, dict[int, Any]]) -> None:
    _, figs = crowded
    for width, fig in figs.items():
        zoom = fig.layout.meta["labfigZoom"]
        levels = zoom["levels"]
        hidden = [sum(y is None for y in level["y"]) for level in levels]
        assert hidden[0] > 0 and hidden[-1] < hidden[0] / 4, f"zooming in opens the counts: {hidden} hidden at {width} px"
        first = levels[0]["counts"]
        for x, (lo, hi) in zip(first["x"], first["customdata"], strict=True):
            assert lo <= x <= hi, f"a count at {x} zooms to {lo}..{hi}, away from itself"
        for level in levels:
            marks = sorted((_px(fig, width, when, level["z"]), y) for when, y in
                           zip(next(t for t in fig.data if t.name == "releases").x, level["y"], strict=True) if y is not None)
            for k, (x, y) in enumerate(marks):
                for u, v in marks[k + 1:k + 12]:
                    assert u - x >= MARK_PX or v != y, f"marks overlap at zoom {level['z']} ({width} px)"


def test_a_slot_that_fits_stacks_as_before_and_one_that_does_not_keeps_the_most_prominent() -> None:
    plain = stack([0, 5, 40, 45, 46], [0, 1, 2, 3, 4], 16, 5, 400)
    assert plain.rows == [0, 1, 0, 1, 2] and not plain.counts, "no count where every mark has a row"
    crowded = stack([10.0 + i * 0.5 for i in range(12)], list(range(11, -1, -1)), 16, 5, 400)
    shown = [i for i, r in enumerate(crowded.rows) if r is not None]
    assert shown == [8, 9, 10, 11] and [len(c.members) for c in crowded.counts] == [8], "the most prominent four keep a row"
