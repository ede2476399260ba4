"""F7, `stacked-timelines`: one lane per axis (model, org, structure) over one shared date axis.

In: the store and a StackedTimelinesSpec. Out: a Plotly figure with the lanes as horizontal bands (y in px,
top to bottom), each event a marker in its lane labelled with its name and date as written, labels packed
without overlap within the lane, and the spec's marker lines and bands across every lane.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import plotly.graph_objects as go

from generators.figures.canvas import BatchedFigure, scatter
from generators.figures.claims import GhostDate, disputed_licences, lane_notes, legend_keys
from generators.figures.ghosts import GhostMark, block_marks, draw_ghosts, place_ghost_labels, ring_trace
from generators.figures.kind import on_lanes
from generators.figures.lane_marks import counted, draw_lane_counts, lane_marks, look, stack_rows
from generators.figures.placement import Box as TextBox
from generators.figures.placement import LabelBoard
from generators.figures.prominence import ranks, unlabelled_note
from generators.figures.registry_widths import is_narrow
from generators.figures.style import LIGHT, base_layout, date_axis, hidden_axis
from generators.figures.text import esc, hover_card, status_note, text_width, wrap
from generators.figures.timeline_common import (
    Window,
    band_shapes,
    iso,
    lane_name,
    marker_lines,
    place_date,
    posture_legend,
    precision_spans,
    window_for,
)
from generators.figures.timeline_counts import COUNT_W
from generators.model.axes import AXES
from generators.model.events import Event
from generators.model.figures import StackedTimelinesSpec
from generators.model.store import Store

ROW_PX = 38  # one two-line label and its gap
NOTE_PX = 15  # a third line, for another reported role or unit
POINT_PX = 22  # the marker's own band at the lane's baseline
PAD_PX = 8
HEAD_PX = 20  # on narrow figures the lane name sits in its own strip at the lane's top
BOLD = 1.1  # bold text runs about a tenth wider than `text_width` estimates
MAX_ROWS = 8  # label rows per lane, alternating above and below its baseline
NARROW_ROWS = 6  # on a phone, three each way: a fourth row of labels costs more height than the names are worth there
UNLABELLED_PX = 20  # the line saying how many labels found no room
TICKS_PX = 34


@dataclass(frozen=True)
class Lane:
    """One axis's band: its events in date order, each label's level (+n above, -n below) and sideways shift,
    each marker's y, and the lane's extent in px (y grows downward)."""

    axis: str
    events: list[Event]
    levels: list[int]
    shifts: list[float]
    marker_ys: list[float]
    top: float
    baseline: float
    half_band: float
    bottom: float
    row_px: float = ROW_PX
    ghosts: list[GhostDate] = field(default_factory=list)
    ghost_ys: list[float] = field(default_factory=list)
    plot_px: float = 1000.0
    counts: list[tuple[float, list[Event]]] = field(default_factory=list)  # (centre px, events held) per count
    count_y: float = 0.0


def build(store: Store, spec: StackedTimelinesSpec, width: int) -> go.Figure:
    narrow = is_narrow(width)
    names = spec.options.lanes or list(AXES)
    margin = {"l": 16 if narrow else _lane_name_width(names) + 28, "r": 16, "t": _top_margin(spec), "b": 0}
    events = on_lanes(store, spec)  # the events on its lanes
    window = window_for(spec, events, width - margin["l"] - margin["r"])
    lanes, y = [], 0.0
    for name in names:
        lane = _lane(store, spec, name, [e for e in events if e.axis == name], window, y, (narrow, stack_rows(width)))
        lanes.append(lane)
        y = lane.bottom
    postures = [store.posture_of(e.licence) for e in events if e.axis == "model"]
    fig = BatchedFigure()
    band_shapes(fig, spec)
    for lane in lanes:
        _draw_lane(fig, store, spec, lane, narrow)
        draw_lane_counts(fig, lane.counts, lane.count_y, window, narrow)
    marks = _ghosts(fig, store, spec, lanes, window, narrow)
    marker_lines(fig, spec)
    missing, total = unlabelled(lanes)
    if missing:
        lines = _note_lines(unlabelled_note(missing, total, narrow, "events", sum(counted(lane.counts) for lane in lanes)),
                            width - margin["l"] - margin["r"])
        margin["t"] += UNLABELLED_PX * len(lines)
        fig.add_annotation(x=0, y=1, xref="paper", yref="paper", yanchor="bottom", yshift=margin["t"] - 6 - UNLABELLED_PX * len(lines),
                           xanchor="left", align="left", showarrow=False, font={"size": 12, "color": LIGHT["muted"]},
                           text="<br>".join(esc(line) for line in lines))
    keys = legend_keys(events, ghosts=bool(marks), rings=any(disputed_licences(store, e) for e in events),
                       notes=any(lane_notes(store, e) for e in events))
    margin["b"] = TICKS_PX + posture_legend(fig, postures, keys, width=width)
    fig.update_layout(**base_layout(int(y) + margin["t"] + margin["b"], margin=margin))
    fig.update_layout(xaxis=date_axis(iso(window.start), iso(window.end)), yaxis=hidden_axis(y, 0), showlegend=True)
    return fig.flush()


def _note_lines(note: str, plot_px: float) -> list[str]:
    """The note in one line, or broken after its colon (what is unlabelled, then where to find it) and wrapped."""
    if text_width(note) <= plot_px:
        return [note]
    head, _, tail = note.partition(": ")
    return wrap(f"{head}:", plot_px) + wrap(tail, plot_px) if tail else wrap(note, plot_px)


def _label(store: Store, spec: StackedTimelinesSpec, event: Event, plot_px: float) -> tuple[str, float]:
    """The escaped label (name, then the date as written with any status note and, in italics, another
    reported role or unit) and its width in px. A name too long for the plot is shortened with an ellipsis
    (the hover card and the table give it whole)."""
    name = _fit(spec.labels.get(event.id, event.short), plot_px - 8, BOLD)
    when = event.date.label() + status_note(event)
    notes = [_fit(n, plot_px - 8, 1.0) for n in lane_notes(store, event)[:1]]
    third = "".join(f"<br><i>{esc(n)}</i>" for n in notes)
    return f"<b>{esc(name)}</b><br>{esc(when)}{third}", max(text_width(name, 12) * BOLD, *(text_width(t, 12) for t in [when, *notes]))


def _fit(text: str, max_px: float, factor: float) -> str:
    if text_width(text, 12) * factor <= max_px:
        return text
    cut = next((n for n in range(len(text), 0, -1) if text_width(text[:n] + "…", 12) * factor <= max_px), 1)
    return text[:cut].rstrip() + "…"


def _lane(store: Store, spec: StackedTimelinesSpec, axis: str, events: list[Event], window: Window, top: float,
          plan: tuple[bool, int]) -> Lane:
    """Pack a lane's labels into rows alternating above and below its baseline; the lane grows to fit. `plan`:
    whether the figure is narrow, and how many rows of marks a time slot may stack (`lane_marks`)."""
    narrow, max_rows = plan
    placed = lane_marks(store, axis, sorted(events, key=lambda e: (place_date(e), e.id)), window, max_rows, spec.labels)
    events = placed.drawn
    spans, shifts = [], []
    for event in events:
        width = _label(store, spec, event, window.plot_px)[1]
        centre = window.px(place_date(event))
        # A label near either end is slid inward so it is not cut off by the plot's edge.
        shifted = min(max(centre, width / 2), window.plot_px - width / 2)
        spans.append((shifted - width / 2, shifted + width / 2))
        shifts.append(shifted - centre)
    label_rows = _label_rows(store, spec, events, spans, NARROW_ROWS if narrow else MAX_ROWS)
    # Row 0 above the baseline, 1 below, 2 above again, ...; 0 for a label with no room (its mark keeps its hover card).
    levels = [0 if r is None else (1 if r % 2 == 0 else -1) * (r // 2 + 1) for r in label_rows]
    above = max([lv for lv in levels if lv > 0], default=0)
    below = -min([lv for lv in levels if lv < 0], default=0)
    every = placed.offsets + placed.ghost_offsets + ([placed.count_offset] if placed.counts else [])
    lowest = min(every, default=0.0)
    spread = max(every, default=0.0) - lowest
    # Labels keep 1 px clear of the furthest-reaching mark (a licence ring reaches past the marker band).
    half = max(POINT_PX / 2, placed.reach - 1) + spread / 2
    row_px = ROW_PX + NOTE_PX * any(lane_notes(store, e) for e in events)
    baseline = top + (HEAD_PX if narrow else 0) + PAD_PX + above * row_px + half
    at = baseline - lowest - spread / 2
    return Lane(axis, events, levels, shifts, [at + off for off in placed.offsets], top, baseline, half, baseline + half + below * row_px + PAD_PX,
                row_px, placed.ghosts, [at + off for off in placed.ghost_offsets], window.plot_px, placed.counts, at + placed.count_offset)


def _label_rows(store: Store, spec: StackedTimelinesSpec, events: list[Event], spans: list[tuple[float, float]],
                max_rows: int) -> list[int | None]:
    """Each label's row on the lane's `LabelBoard` (rows alternate above and below the baseline), or None.

    In date order first; when not all fit in `max_rows` rows, again by prominence, so the most prominent
    are labelled. Leaders may pass behind labels (labels have a paper background), so only text is placed.
    """
    def attempt(rank: dict[str, tuple[object, ...]]) -> list[int | None]:
        board = LabelBoard(gap=10)
        for i, ((left, right), event) in enumerate(zip(spans, events, strict=True)):
            board.request(i, [[TextBox(left, r * ROW_PX, right, r * ROW_PX + ROW_PX - 10)] for r in range(max_rows)], rank[event.id])
        chosen = board.place()
        return [chosen[i] for i in range(len(events))]

    rows = attempt({e.id: (i,) for i, e in enumerate(events)})
    return rows if None not in rows else attempt(ranks(store, events, spec.labels))


def unlabelled(lanes: list[Lane]) -> tuple[int, int]:
    """(events unlabelled, drawn with no room for a label or held in a count; events) over all lanes."""
    held = sum(counted(lane.counts) for lane in lanes)
    return sum(lv == 0 for lane in lanes for lv in lane.levels) + held, sum(len(lane.events) for lane in lanes) + held


def _ghosts(fig: go.Figure, store: Store, spec: StackedTimelinesSpec, lanes: list[Lane], window: Window, narrow: bool) -> list[GhostMark]:
    """Each lane's alternative dates as ghost marks, their labels on one board in the figure's px (y down) that
    holds every lane's placed labels, lane names and marks, so a ghost label touches no other text."""
    board = LabelBoard(gap=3)
    marks: list[GhostMark] = []
    order: dict[str, tuple[object, ...]] = {}
    for lane in lanes:
        if narrow:
            board.block(TextBox(0, lane.top + 3, text_width(AXES[lane.axis].label, 12) * BOLD, lane.top + 3 + 16))
        for event, level, shift in zip(lane.events, lane.levels, lane.shifts, strict=True):
            x, width = window.px(place_date(event)) + shift, _label(store, spec, event, window.plot_px)[1]
            near = lane.baseline - _offset(level, lane.half_band, lane.row_px)
            tall = lane.row_px - 4
            if level:
                board.block(TextBox(x - width / 2, near - tall if level > 0 else near, x + width / 2, near if level > 0 else near + tall))
        block_marks(board, [(window.px(place_date(e)), my) for e, my in zip(lane.events, lane.marker_ys, strict=True)], 17)
        block_marks(board, [(window.px(place_date(e)), my) for e, my in zip(lane.events, lane.marker_ys, strict=True)
                            if disputed_licences(store, e)], 26)
        block_marks(board, [(x, lane.count_y) for x, _ in lane.counts], COUNT_W)
        order.update(ranks(store, lane.events, spec.labels))
        at = {e.id: i for i, e in enumerate(lane.events)}  # not list.index: comparing records field by field is slow
        for ghost, gy in zip(lane.ghosts, lane.ghost_ys, strict=True):
            i = at[ghost.event.id]
            symbol, colour = look(store, lane.axis, ghost.event)
            marks.append(GhostMark(ghost, gy, iso(place_date(ghost.event)), lane.marker_ys[i], symbol.removesuffix("-open"),
                                   colour, (window.px(ghost.at), gy)))
    labels = place_ghost_labels(marks, board, (0, 0, window.plot_px, lanes[-1].bottom if lanes else 0), order=order)
    draw_ghosts(fig, store, marks, labels)
    return marks


def _draw_lane(fig: go.Figure, store: Store, spec: StackedTimelinesSpec, lane: Lane, narrow: bool) -> None:
    """The lane's name and separator, then leaders, date spans, markers and labels of its events."""
    if lane.top > 0:
        fig.add_shape(type="line", xref="paper", x0=0, x1=1, y0=lane.top, y1=lane.top, layer="below",
                      line={"color": LIGHT["faint"], "width": 1}, name=f"lane {lane.axis}")
    lane_name(fig, AXES[lane.axis].label, lane.top, lane.baseline, narrow)
    if not lane.events:
        return
    ys = [lane.baseline - _offset(lv, lane.half_band, lane.row_px) for lv in lane.levels]
    led = [(iso(place_date(e)), my, y) for e, my, y, lv in zip(lane.events, lane.marker_ys, ys, lane.levels, strict=True) if lv]
    fig.add_trace(scatter(x=[v for x, _, _ in led for v in (x, x, None)],
                             y=[v for _, my, y in led for v in (my, y, None)], mode="lines",
                             hoverinfo="skip", line={"color": LIGHT["faint"], "width": 1}, showlegend=False,
                             name=f"{lane.axis} leaders"))
    fig.add_trace(precision_spans(lane.events, lane.marker_ys))
    _markers(fig, store, lane)
    for event, level, shift, y in zip(lane.events, lane.levels, lane.shifts, ys, strict=True):
        if not level:
            continue
        fig.add_annotation(x=iso(place_date(event)), y=y, xshift=shift, yanchor="bottom" if level > 0 else "top",
                           showarrow=False, text=_label(store, spec, event, lane.plot_px)[0], align="center", bgcolor=LIGHT["paper"],
                           borderpad=1, font={"size": 12, "color": LIGHT["ink"]})


def _offset(level: int, half_band: float, row_px: float = ROW_PX) -> float:
    """Distance from the baseline to a label's near edge (positive: above)."""
    step = half_band + 2 + (abs(level) - 1) * row_px
    return step if level > 0 else -step


def _markers(fig: go.Figure, store: Store, lane: Lane) -> None:
    """Model events coloured and shaped by licence posture; others by lane; hollow when not confirmed."""
    ring = ring_trace(store, [iso(place_date(e)) for e in lane.events], lane.marker_ys, lane.events)
    if ring is not None:
        fig.add_trace(ring)
    looks = [look(store, lane.axis, e) for e in lane.events]
    symbols, colours = [s for s, _ in looks], [c for _, c in looks]
    fig.add_trace(scatter(
        x=[iso(place_date(e)) for e in lane.events], y=lane.marker_ys, mode="markers",
        name=lane.axis, showlegend=False, customdata=[e.id for e in lane.events], hoverinfo="text",
        hovertext=[hover_card(store, e, _extra(e)) for e in lane.events],
        marker={"size": 15, "color": colours, "symbol": symbols, "line": {"width": 2.5, "color": colours}}))


def _extra(event: Event) -> list[str]:
    lines = [f"Lane: {AXES[event.axis].label}"]
    if event.release:
        lines.append(f"Tier: {event.release.tier}")
    if not event.date.exact:
        lines.append(f"Drawn at the middle of {event.date.label()}; the shaded bar shows the span")
    return lines


def _lane_name_width(names: list[str]) -> int:
    return int(max((text_width(AXES[n].label, 13) * 1.1 for n in names), default=0))


def _top_margin(spec: StackedTimelinesSpec) -> int:
    """Room above the lanes for the marker lines' labels, and the bands' two-line labels."""
    return 44 if spec.bands else 26 if spec.markers else 12
