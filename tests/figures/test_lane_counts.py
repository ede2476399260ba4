"""Stacked timelines at real size: the 300-release dense store's F7 (180 events in its window) at every plan.

A lane's time slot stacks at most `lane_marks.STACK_ROWS` rows of marks; the rest of the slot's events fold into
counts ("+12") that name them (and their other reported dates) in their hover, so the figure stays within two
phone screenfuls. Drawn and counted events together are exactly the events the figure selects; no mark, count
or label touches another; the note says how many are counted.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

import pytest

from bench import dense
from generators.figures import stacked_timelines
from generators.figures.kind import on_lanes
from generators.figures.registry_widths import WIDTHS
from generators.figures.text import text_width
from generators.figures.timeline_counts import COUNT_PX, COUNT_W
from generators.load import load_store
from generators.model.store import Store
from tests.figures.marks import ghost_boxes, outline_boxes, overlaps
from tests.figures.test_same_day_marks import _label_boxes

LANES = ("model", "org", "structure")
# Two screenfuls of a phone (a 390 x 844 screen shows about 780 px of page under the browser's bar), and under
# two of a desktop: 1,719-2,447 px before the lanes were capped.
HEIGHT_BOUND = 1550


@pytest.fixture(scope="module")
def dense_f7(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, dict[int, Any]]:
    events, figures = dense.write(300, tmp_path_factory.mktemp("lanecounts"))
    store, _ = load_store(events, figures, strict=False)
    return store, {w: stacked_timelines.build(store, store.figures["dense-f7"], w) for w in WIDTHS.values()}


def _counts(fig: Any) -> list[Any]:
    return [t for t in fig.data if t.name == "counts"]


def note_lines(fig: Any) -> list[str]:
    return [_plain(line) for a in fig.layout.annotations if "unlabelled" in a.text for line in a.text.split("<br>")]


def _plain(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text.replace("<br>", " "))


def test_the_dense_figure_stays_within_two_screenfuls_at_every_plan(dense_f7: tuple[Store, dict[int, Any]]) -> None:
    _, figs = dense_f7
    for width, fig in figs.items():
        assert fig.layout.height <= HEIGHT_BOUND, f"the dense F7 is {fig.layout.height} px tall at {width} px"
        assert _counts(fig), f"at {width} px a crowded slot folds into a count"


def test_drawn_and_counted_events_are_the_events_the_figure_selects(dense_f7: tuple[Store, dict[int, Any]]) -> None:
    store, figs = dense_f7
    spec = store.figures["dense-f7"]
    selected = {e.id: e for e in on_lanes(store, spec)}
    for width, fig in figs.items():
        drawn = [i for t in fig.data if t.name in LANES and t.mode == "markers" for i in t.customdata]
        held = [i for t in _counts(fig) for ids in t.customdata for i in ids]
        assert len(drawn) + len(held) == len(set(drawn) | set(held)), f"an event is drawn and counted at {width} px"
        assert set(drawn) | set(held) == selected.keys(), f"drawn + counted = the selected events at {width} px"
        numbers = [int(_plain(text).lstrip("+")) for t in _counts(fig) for text in t.text]
        assert sum(numbers) == len(held) and min(numbers) >= 2, f"counts {numbers} for {len(held)} counted events at {width} px"
        for t in _counts(fig):
            for ids, hover in zip(t.customdata, t.hovertext, strict=True):
                assert hover.startswith(f"<b>{len(ids)} events here</b>"), hover
                assert selected[ids[0]].short in _plain(hover), f"a count's hover names the events it holds ({width} px)"
        note = next(_plain(a.text) for a in fig.layout.annotations if "unlabelled" in a.text)
        match = re.match(r"(\d+) of (\d+) (?:events )?unlabelled.*?(\d+) (?:of them )?in counts", note)
        assert match and int(match[2]) == len(selected) and int(match[3]) == len(held), f"the note {note!r} at {width} px"
        plot_w = width - fig.layout.margin.l - fig.layout.margin.r
        assert all(text_width(line) <= plot_w + fig.layout.margin.r for line in note_lines(fig)), f"the note leaves the figure at {width} px"


def test_a_counted_event_has_no_ghost_drawn_and_its_other_dates_are_in_the_hover(dense_f7: tuple[Store, dict[int, Any]]) -> None:
    store, figs = dense_f7
    for width, fig in figs.items():
        held = {i: hover for t in _counts(fig) for ids, hover in zip(t.customdata, t.hovertext, strict=True) for i in ids}
        ghosts = {name.split(" ")[1] for name, _ in ghost_boxes(fig, width)}
        assert not ghosts & held.keys(), f"a counted event's ghost is drawn at {width} px"
        disputed = [i for i in held if any(a.field == "date" for a in store.events[i].alternatives)]
        listed = [i for i in disputed if f"{store.events[i].short} · {store.events[i].date.label()}" in _plain(held[i])]
        assert listed, f"some counted events with other reported dates are named in a hover at {width} px"
        for i in listed:
            assert f"{store.events[i].short} · {store.events[i].date.label()} (also reported" in _plain(held[i]), i


def test_no_mark_count_or_label_touches_another(dense_f7: tuple[Store, dict[int, Any]]) -> None:
    _, figs = dense_f7
    for width, fig in figs.items():
        start, end = (date.fromisoformat(d) for d in fig.layout.xaxis.range)
        plot_w = width - fig.layout.margin.l - fig.layout.margin.r
        counts = []
        for t in _counts(fig):
            for x, y, text in zip(t.x, t.y, t.text, strict=True):
                cx = (datetime.fromisoformat(x) - datetime(start.year, start.month, start.day)).total_seconds() / 86400 / (end - start).days * plot_w
                counts.append((_plain(text), (cx - COUNT_W / 2, y - COUNT_PX * 0.6, cx + COUNT_W / 2, y + COUNT_PX * 0.6)))
        assert all(-1 <= box[0] and box[2] <= plot_w + 1 for _, box in counts), f"a count leaves the plot at {width} px"
        labels = [(text, (left, top, right, bottom)) for text, left, right, top, bottom in _label_boxes(fig, width)]
        others = outline_boxes(fig, width) + ghost_boxes(fig, width) + labels
        for k, (text, box) in enumerate(counts):
            for other, obox in others + counts[k + 1:]:
                assert not overlaps(box, obox), f"count {text} touches {other} at {width} px"
