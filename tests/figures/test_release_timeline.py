"""F1, `release-timeline`: goldens of the real figure, the releases and their licence marks, label layout, and escaping."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable
from datetime import date
from typing import Any

import plotly.graph_objects as go
import pytest

from generators.figures import release_timeline
from generators.figures.claims import SPAN_KEY, STATUS_KEY
from generators.figures.ghosts import GHOST_LINE
from generators.figures.registry_widths import is_narrow
from generators.figures.style import POSTURE_COLOUR, POSTURE_LABEL, symbol_for
from generators.figures.text import text_width
from generators.model.events import Event
from generators.model.figures import ReleaseTimelineSpec
from generators.model.store import Store
from tests.conftest import figure_json

HOSTILE = "<img src=x onerror=alert(1)>"
HOSTILE_LICENCE = "<script>alert(1)</script>"
LABEL_PX = 34  # two lines of 12 px text, as Plotly sets them


def _spec(store: Store) -> ReleaseTimelineSpec:
    spec = store.figures["qwen-f1"]
    assert isinstance(spec, ReleaseTimelineSpec)
    return spec


def _build(store: Store, width: int = 1000, spec: ReleaseTimelineSpec | None = None) -> go.Figure:
    return release_timeline.build(store, spec or _spec(store), width)


def _shown(store: Store, spec: ReleaseTimelineSpec | None = None) -> list[Event]:
    """The releases the spec selects, in the order the figure draws them."""
    spec = spec or _spec(store)
    return [e for e in store.select(spec.subject, spec.select) if e.release]


def _releases(fig: go.Figure) -> Any:
    return next(t for t in fig.data if t.name == "releases")


def _labels(fig: go.Figure) -> list[Any]:
    """The release labels: the annotations on the data axes (band labels sit on the paper)."""
    return [a for a in fig.layout.annotations if (a.xref or "x") == "x" and (a.yref or "y") == "y"]


def _plain_lines(text: str) -> list[str]:
    return re.sub(r"<[^>]+>", "", text.replace("<br>", "\n")).split("\n")


def _boxes(fig: go.Figure, width: int) -> list[tuple[str, float, float, float, float]]:
    """Each label's (text, left, right, bottom, top) in px of the plot area, y measured up from its bottom."""
    start, end = (date.fromisoformat(d) for d in fig.layout.xaxis.range)
    plot_w = width - fig.layout.margin.l - fig.layout.margin.r
    plot_h = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    y_lo, y_hi = fig.layout.yaxis.range
    boxes = []
    for a in _labels(fig):
        lines = _plain_lines(a.text)
        w = max(text_width(line, a.font.size or 12) * (1.1 if i == 0 and len(lines) > 1 else 1.0) for i, line in enumerate(lines))  # bold first line
        x = (date.fromisoformat(a.x) - start).days / (end - start).days * plot_w + (a.xshift or 0)
        left = {"left": x, "right": x - w}.get(a.xanchor, x - w / 2)
        y = (a.y - y_lo) / (y_hi - y_lo) * plot_h + (a.yshift or 0)
        tall = LABEL_PX if len(lines) > 1 else GHOST_LINE  # a ghost's label is one line, beside its mark or under it
        bottom = {"bottom": y, "middle": y - tall / 2}.get(a.yanchor, y - tall)
        boxes.append((a.text, left, left + w, bottom, bottom + tall))
    return boxes


@pytest.mark.parametrize("width", [1000, 360])
def test_golden(store: Store, golden: Callable[[str, Any], None], width: int) -> None:
    golden(f"release-timeline-qwen-f1-{width}", figure_json(_build(store, width)))


@pytest.mark.parametrize("width", [1000, 360])
def test_shows_exactly_the_selected_releases(store: Store, width: int) -> None:
    expected = [e.id for e in _shown(store)]
    assert len(expected) == 7, f"qwen-f1 selects the seven audio releases, the store gives {expected}"
    assert list(_releases(_build(store, width)).customdata) == expected, "one marker per selected release, in date order"


def test_marker_colour_and_symbol_follow_the_licence_posture(store: Store) -> None:
    releases = _releases(_build(store))
    postures = set()
    for event_id, colour, line, symbol in zip(releases.customdata, releases.marker.color, releases.marker.line.color,
                                              releases.marker.symbol, strict=True):
        event = store.events[event_id]
        posture = store.posture_of(event.licence)
        postures.add(posture)
        assert colour == POSTURE_COLOUR[posture], f"{event_id}: colour {colour} is not that of {posture}"
        assert line == POSTURE_COLOUR[posture], f"{event_id}: outline {line} is not that of {posture}"
        assert symbol == symbol_for(posture, event.status), f"{event_id}: symbol {symbol} for a {event.status} {posture} release"
    assert {"permissive", "paper", "closed"} <= postures, f"the figure is about a licence switch; postures shown: {postures}"


def test_unconfirmed_releases_are_hollow(store: Store) -> None:
    releases = _releases(_build(store))
    statuses = {store.events[i].status for i in releases.customdata}
    assert "confirmed" in statuses and statuses - {"confirmed"}, "the real data has both confirmed and unconfirmed releases"
    for event_id, symbol in zip(releases.customdata, releases.marker.symbol, strict=True):
        assert symbol.endswith("-open") == (store.events[event_id].status != "confirmed"), f"{event_id}: {symbol}"


def test_legend_explains_every_posture_shown_status_and_span(store: Store) -> None:
    fig = _build(store)
    postures = {store.posture_of(e.licence) for e in _shown(store)}
    legend = {t.name: t for t in fig.data if t.showlegend}
    statuses = {e.status for e in _shown(store)}
    assert statuses == {"confirmed", "reported"}, "the audio line has confirmed and reported releases, no disputes"
    assert set(legend) == {POSTURE_LABEL[p] for p in postures} | {STATUS_KEY[s] for s in statuses} | {SPAN_KEY}
    for posture in postures:
        entry = legend[POSTURE_LABEL[posture]]
        assert (entry.marker.color, entry.marker.symbol) == (POSTURE_COLOUR[posture], symbol_for(posture, "confirmed"))


def test_licence_switch_band_covers_the_closed_releases(store: Store) -> None:
    fig = _build(store)
    bands = [s for s in fig.layout.shapes if s.type == "rect"]
    assert [(s.x0, s.x1) for s in bands] == [("2025-12-01", "2026-04-01")], "one band, Dec 2025 to the end of Mar 2026"
    releases = _releases(fig)
    closed = [x for i, x in zip(releases.customdata, releases.x, strict=True)
              if store.posture_of(store.events[i].licence) == "closed"]
    assert closed and all(bands[0].x0 <= x < bands[0].x1 for x in closed), f"closed releases at {closed} lie outside the band"
    assert any("Licence switch" in a.text for a in fig.layout.annotations), "the band carries its label"


@pytest.mark.parametrize("width", [1000, 360])
def test_each_label_stands_at_its_marker(store: Store, width: int) -> None:
    fig = _build(store, width)
    releases = _releases(fig)
    labels = _labels(fig)
    assert [a.x for a in labels] == list(releases.x), "one label per release, at its marker's date"
    for a in labels:
        assert a.y != 0 and a.yanchor == ("bottom" if a.y > 0 else "top"), f"{a.text!r} should grow away from the axis"


@pytest.mark.parametrize("width", [1000, 360])
def test_labels_do_not_overlap(store: Store, width: int) -> None:
    fig = _build(store, width)
    plot_w = width - fig.layout.margin.l - fig.layout.margin.r
    plot_h = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    boxes = _boxes(fig, width)
    assert len(boxes) == len(_shown(store)), "one label per release"
    for text, left, right, bottom, top in boxes:
        assert left >= -2 and right <= plot_w + 2, f"label {text!r} runs off the plot sideways ({left:.0f}..{right:.0f} of {plot_w})"
        assert bottom >= 0 and top <= plot_h, f"label {text!r} runs off the plot vertically ({bottom:.0f}..{top:.0f} of {plot_h})"
    for i, (t1, l1, r1, b1, u1) in enumerate(boxes):
        for t2, l2, r2, b2, u2 in boxes[i + 1:]:
            assert r1 <= l2 or r2 <= l1 or u1 <= b2 or u2 <= b1, f"labels {t1!r} and {t2!r} overlap at {width} px"


@pytest.mark.parametrize("width", [1000, 360])
def test_leader_lines_do_not_cross_other_labels(store: Store, width: int) -> None:
    fig = _build(store, width)
    start, end = (date.fromisoformat(d) for d in fig.layout.xaxis.range)
    plot_w = width - fig.layout.margin.l - fig.layout.margin.r
    plot_h = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    y_lo, y_hi = fig.layout.yaxis.range
    boxes = _boxes(fig, width)
    for j, (label, (_, left, right, bottom, top)) in enumerate(zip(_labels(fig), boxes, strict=True)):
        for k, other in enumerate(_labels(fig)):
            if k == j:
                continue
            x = (date.fromisoformat(other.x) - start).days / (end - start).days * plot_w
            axis, tip = ((v - y_lo) / (y_hi - y_lo) * plot_h for v in (0, other.y))
            crosses = left < x < right and min(axis, tip) < top and bottom < max(axis, tip)
            assert not crosses, f"at {width} px the leader of {_plain_lines(other.text)[0]!r} runs through {_plain_lines(label.text)[0]!r}"


@pytest.mark.parametrize("width", [1000, 360])
def test_labels_name_the_release_and_its_licence(store: Store, width: int) -> None:
    spec = _spec(store)
    override = _shown(store)[-2].id
    spec = spec.model_copy(update={"labels": {**spec.labels, override: "Flash via API"}})
    fig = _build(store, width, spec)
    for event, label in zip(_shown(store, spec), _labels(fig), strict=True):
        assert event.release is not None
        name = spec.labels.get(event.id, event.short)
        first, second = _plain_lines(label.text)
        assert first.startswith(name), f"{event.id}: label {label.text!r} should name {name!r}"
        assert store.licence_name(event.release.licence) in second, f"{event.id}: label {label.text!r} should name the licence"
        if is_narrow(width):
            assert event.date.label() not in label.text, f"{event.id}: the narrow label {label.text!r} should drop the date"
        else:
            assert second.endswith(event.date.label()), f"{event.id}: the wide label {label.text!r} should give the date as written"
    assert any(_plain_lines(a.text)[0].startswith("Flash via API") for a in _labels(fig)), "the spec's label override is used"
    assert not any(_plain_lines(a.text)[0].startswith(store.events[override].short) for a in _labels(fig))


def test_an_empty_selection_still_builds(store: Store) -> None:
    spec = _spec(store).model_copy(update={"select": _spec(store).select.model_copy(update={"families": ["no-such-family"]})})
    for width in (360, 1000):
        fig = _build(store, width, spec)
        assert isinstance(fig, go.Figure)
        assert list(_releases(fig).customdata or []) == [] and not _labels(fig)


def test_hostile_text_is_escaped(store: Store) -> None:
    shown = _shown(store)
    titled, overridden = shown[0], shown[1]
    licence_id = shown[2].licence or ""
    events = {**store.events, titled.id: titled.model_copy(update={"title": HOSTILE, "label": None})}
    licences = {**store.licences, licence_id: store.licences[licence_id].model_copy(update={"name": HOSTILE_LICENCE})}
    spec = _spec(store).model_copy(update={"labels": {overridden.id: HOSTILE}})
    hostile = dataclasses.replace(store, events=events, licences=licences)
    for width in (1000, 360):
        fig = _build(hostile, width, spec)
        text = json.dumps(figure_json(fig), ensure_ascii=False)
        assert "<img" not in text and "<script>" not in text, "a YAML string reached the figure unescaped"
        labels = " ".join(a.text for a in _labels(fig))
        hovers = " ".join(_releases(fig).hovertext)
        # At 360 px two labels this long cannot both stand by their markers; then the hover card names them.
        for where, shown_text in (("labels", labels), ("hover text", hovers))[is_narrow(width):]:
            assert "&lt;img src=x onerror=alert(1)&gt;" in shown_text, f"the hostile name should appear, escaped, in the {where}"
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown_text, f"the hostile licence should appear, escaped, in the {where}"
