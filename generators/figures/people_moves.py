"""F8, `people-moves`: people moving between the labs of the series, over one shared date axis.

In: the store and a PeopleMovesSpec. Out: a Plotly figure with one lane per lab (y in px, top to bottom)
and, for each move, a line from the lab left to the lab joined at the move's date: a small ring where
the person left, an arrow head where they arrived, the person's name and date packed without overlap
above the arrival. Status is drawn as in every kind (hollow head and a note after the label unless
confirmed, explained by the shared key); each end has a hover card naming both units, the role, the
status, the sources and any other reported claims. Disputes are drawn as in the other time-axis kinds:
another reported date of the arrival as a dotted ghost of the arrow head at that date (its short label
placed on a `LabelBoard` holding every other text box of the figure), another reported role or unit as
an italic note under the label.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import plotly.graph_objects as go

from generators.figures.canvas import BatchedFigure, scatter
from generators.figures.claims import GhostDate, ghost_dates, lane_notes, legend_keys, status_note
from generators.figures.ghost_rows import stack_ghosts
from generators.figures.ghosts import GhostMark, block_marks, draw_ghosts, key_traces, place_ghost_labels
from generators.figures.placement import Box, LabelBoard, assign_rows
from generators.figures.prominence import ranks
from generators.figures.registry_widths import is_narrow
from generators.figures.style import LIGHT, base_layout, date_axis, hidden_axis, status_symbol
from generators.figures.text import esc, text_width
from generators.figures.timeline_common import Window, band_shapes, iso, lane_name, legend_height, marker_lines, window_for
from generators.model.events import Event
from generators.model.fields import STATUS_LABELS
from generators.model.figures import PeopleMovesSpec
from generators.model.series import LabMove, figure_moves, subject_of_lab
from generators.model.store import Store

ROW_PX = 36  # one two-line label and its gap
LINE_PX = 15  # each line past the second: a label broken to fit beside its arrow, or another reported role or unit
POINT_PX = 20
PAD_PX = 8
HEAD_PX = 20  # on narrow figures the lab's name sits in its own strip at the lane's top
SIDE_PX = 8  # gap between an arrow and its label
TICKS_PX = 34
GHOST_STEP = 20  # px between the heights a ghost head may take when another mark stands at the head's
GHOST_ROWS = 6
HEAD_ROOM = 7  # px of a label's box an arrow head (or its ghost) may take: the head sits right under its label
MOVE_KEY = "Arrow: from the lab left to the lab joined"


@dataclass(frozen=True)
class Lane:
    """One lab's band: the moves arriving in it, each label's text, row and sideways shift, and its extent in px."""

    lab: str
    arrivals: list[LabMove]
    texts: list[str]
    rows: list[int]
    row_px: float
    shifts: list[float]
    top: float
    baseline: float
    bottom: float
    spans: list[tuple[float, float]] = field(default_factory=list)  # each label's left and right in px, as drawn


def build(store: Store, spec: PeopleMovesSpec, width: int) -> go.Figure:
    narrow = is_narrow(width)
    moves = figure_moves(store, spec)
    labs = lanes_for(store, spec, moves)
    moves = [m for m in moves if m.from_lab in labs and m.to_lab in labs]
    margin = {"l": 16 if narrow else int(max((text_width(store.name_of(lab), 13) * 1.1 for lab in labs), default=0)) + 28,
              "r": 16, "t": 44 if spec.bands else 26 if spec.markers else 12, "b": 0}
    ghosts = ghost_dates([m.arrival for m in moves])
    window = window_for(spec, [m.arrival for m in moves], width - margin["l"] - margin["r"], [g.at for g in ghosts])
    ghosts = [g for g in ghosts if window.start <= g.at <= window.end]
    lanes, y = [], 0.0
    for lab in labs:
        lane = _lane(store, lab, [m for m in moves if m.to_lab == lab], window, y, narrow)
        lanes.append(lane)
        y = lane.bottom
    fig = BatchedFigure()
    band_shapes(fig, spec)
    baseline = {lane.lab: lane.baseline for lane in lanes}
    for lane in lanes:
        _draw_lane(fig, store, lane, narrow)
    for move in moves:
        _draw_move(fig, store, move, baseline[move.from_lab], baseline[move.to_lab])
    for lane in lanes:
        _labels(fig, store, lane)
    _ghosts(fig, store, lanes, moves, ghosts, window, narrow)
    marker_lines(fig, spec)
    notes = any(lane_notes(store, m.arrival) for m in moves)
    margin["b"] = TICKS_PX + _key(fig, [m.arrival.model_copy(update={"status": m.status}) for m in moves], width, bool(ghosts), notes)
    fig.update_layout(**base_layout(int(y) + margin["t"] + margin["b"], margin=margin))
    # After the base layout, which hides legends: the key below the axis is what the bottom margin holds.
    fig.update_layout(xaxis=date_axis(iso(window.start), iso(window.end)), yaxis=hidden_axis(y, 0), hovermode="closest",
                      showlegend=True)
    return fig.flush()


def lanes_for(store: Store, spec: PeopleMovesSpec, moves: list[LabMove]) -> list[str]:
    """The spec's labs, or each subject's lab in file order, then the other labs the moves reach."""
    if spec.options.labs:
        return list(dict.fromkeys(spec.options.labs))
    reached = [lab for m in moves for lab in (m.from_lab, m.to_lab)]
    series = [lab for lab in subject_of_lab(store) if lab in reached]
    return list(dict.fromkeys(series + reached))


def _label(store: Store, move: LabMove, lines: int = 2) -> tuple[str, float]:
    """The escaped label (the person; where from and when, on one line or two; then in italics another reported
    role or unit) and its width in px."""
    name = store.name_of(move.person)
    parts = [f"from {store.name_of(move.from_lab)}", f"{move.arrival.date.label()}{status_note(move.status)}"]
    shown = [" · ".join(parts)] if lines == 2 else parts
    notes = lane_notes(store, move.arrival)[:1]
    text = f"<b>{esc(name)}</b><br>" + "<br>".join(esc(p) for p in shown) + "".join(f"<br><i>{esc(n)}</i>" for n in notes)
    return text, max(text_width(name, 12) * 1.1, *(text_width(t, 11) for t in [*shown, *notes]))


def _lane(store: Store, lab: str, arrivals: list[LabMove], window: Window, top: float, narrow: bool) -> Lane:
    """Pack the labels of the moves arriving in a lab into rows above its baseline; the lane grows to fit."""
    spans, shifts, texts = [], [], []
    for move in arrivals:
        x = window.px(move.when)
        text, width = _label(store, move)
        if x + SIDE_PX + width > window.plot_px and x - SIDE_PX - width < 0:
            text, width = _label(store, move, lines=3)  # fits beside the arrow on neither side: narrower
        texts.append(text)
        # Beside the arrow, not across it: to its right, or to its left where the plot ends first.
        left = x + SIDE_PX if x + SIDE_PX + width <= window.plot_px else max(0.0, x - SIDE_PX - width)
        spans.append((left, left + width))
        shifts.append(left + width / 2 - x)
    rows = assign_rows(spans, gap=10)
    row_px = ROW_PX + LINE_PX * max((t.count("<br>") - 1 for t in texts), default=0)
    above = max(rows, default=-1) + 1
    baseline = top + (HEAD_PX if narrow else 0) + PAD_PX + above * row_px + POINT_PX / 2
    return Lane(lab, arrivals, texts, rows, row_px, shifts, top, baseline, baseline + POINT_PX / 2 + PAD_PX, spans)


def _draw_lane(fig: go.Figure, store: Store, lane: Lane, narrow: bool) -> None:
    if lane.top > 0:
        fig.add_shape(type="line", xref="paper", x0=0, x1=1, y0=lane.top, y1=lane.top, layer="below",
                      line={"color": LIGHT["faint"], "width": 1})
    fig.add_shape(type="line", xref="paper", x0=0, x1=1, y0=lane.baseline, y1=lane.baseline, layer="below",
                  line={"color": LIGHT["faint"], "width": 2})
    lane_name(fig, store.name_of(lane.lab), lane.top, lane.baseline, narrow)


def _draw_move(fig: go.Figure, store: Store, move: LabMove, y0: float, y1: float) -> None:
    """The line from the lab left to the lab joined, a ring where it starts and an arrow head where it ends."""
    x = iso(move.when)
    down = y1 > y0
    head = y1 - (POINT_PX / 2 - 2) * (1 if down else -1)
    fig.add_trace(scatter(x=[x, x], y=[y0, head], mode="lines", hoverinfo="skip", showlegend=False,
                          line={"color": LIGHT["ink"], "width": 2}, name="move"))
    card = _hover(store, move)
    symbol = status_symbol("triangle-down" if down else "triangle-up", move.status)
    fig.add_trace(scatter(x=[x, x], y=[y0, head], mode="markers", hoverinfo="text", hovertext=[card, card], showlegend=False,
                          customdata=[move.arrival.id, move.arrival.id], name="move ends",
                          marker={"size": [9, 14], "symbol": ["circle-open", symbol], "color": LIGHT["ink"],
                                  "line": {"width": 2, "color": LIGHT["ink"]}}))


def _labels(fig: go.Figure, store: Store, lane: Lane) -> None:
    for move, text, row, shift in zip(lane.arrivals, lane.texts, lane.rows, lane.shifts, strict=True):
        y = lane.baseline - POINT_PX / 2 - 2 - row * lane.row_px
        fig.add_annotation(x=iso(move.when), y=y, xshift=shift, yanchor="bottom", showarrow=False, text=text,
                           align="center", bgcolor=LIGHT["paper"], borderpad=1, font={"size": 12, "color": LIGHT["ink"]})


def _head_y(move: LabMove, baselines: dict[str, float]) -> float:
    """Where the arrow head stands: just short of the joined lab's baseline, on the side it comes from."""
    y0, y1 = baselines[move.from_lab], baselines[move.to_lab]
    return y1 - (POINT_PX / 2 - 2) * (1 if y1 > y0 else -1)


def _ghosts(fig: go.Figure, store: Store, lanes: list[Lane], moves: list[LabMove], ghosts: list[GhostDate], window: Window,
            narrow: bool) -> None:
    """Another reported date of an arrival as a ghost of its arrow head at that date, linked to the head; the
    ghosts' labels go on a board (figure px, y down) that holds every label, lane name and move already drawn."""
    if not ghosts:
        return
    # `heads` places the ghost marks: a ghost head may stand just under a label, as every arrow head does.
    board, heads = LabelBoard(gap=3), LabelBoard(gap=2)
    baselines = {lane.lab: lane.baseline for lane in lanes}
    for lane in lanes:
        if narrow:
            board.block(Box(0, lane.top + 3, text_width(store.name_of(lane.lab), 12) * 1.1, lane.top + 19))
            heads.block(board.placed[-1])
        for row, (left, right) in zip(lane.rows, lane.spans, strict=True):
            bottom = lane.baseline - POINT_PX / 2 - 2 - row * lane.row_px
            board.block(Box(left, bottom - lane.row_px + 4, right, bottom))
            heads.block(Box(left, bottom - lane.row_px + 4, right, bottom - HEAD_ROOM))
    for move in moves:
        x, y0, y1 = window.px(move.when), baselines[move.from_lab], _head_y(move, baselines)
        block_marks(board, [(x, y0), (x, y1)], 15)
        block_marks(heads, [(x, y0), (x, y1)], 15)
    by_event = {m.arrival.id: m for m in moves}
    wanted = []
    for ghost in ghosts:
        move = by_event[ghost.event.id]
        y, back = _head_y(move, baselines), -1 if baselines[move.to_lab] > baselines[move.from_lab] else 1
        # At the head's height, else a step at a time back along the arrow (where it comes from), then past the head.
        ys = [y + back * k * GHOST_STEP for k in range(GHOST_ROWS)] + [y - back * k * GHOST_STEP for k in range(1, 3)]
        wanted.append((window.px(ghost.at), ys, "triangle-down" if back < 0 else "triangle-up"))
    # Ghost marks keep clear of marks and labels first; arrow lines may pass behind them (they are paper-filled).
    taken = stack_ghosts(heads, wanted, 14)
    for move in moves:
        x, y0, y1 = window.px(move.when), baselines[move.from_lab], _head_y(move, baselines)
        board.block(Box(x - 1, min(y0, y1), x + 1, max(y0, y1), text=False))
    marks = []
    for ghost, (x, ys, symbol), k in zip(ghosts, wanted, taken, strict=True):
        move = by_event[ghost.event.id]
        marks.append(GhostMark(ghost, ys[k], iso(move.when), _head_y(move, baselines), symbol, LIGHT["ink"], (x, ys[k])))
    plot = (0.0, 0.0, window.plot_px, lanes[-1].bottom if lanes else 0.0)
    order = ranks(store, [m.arrival for m in moves], {})
    draw_ghosts(fig, store, marks, place_ghost_labels(marks, board, plot, 14, order), size=14)


def _hover(store: Store, move: LabMove) -> str:
    def where(unit: str, lab: str) -> str:
        return store.name_of(unit) if unit == lab else f"{store.name_of(unit)} ({store.name_of(lab)})"

    lines = [f"<b>{esc(store.name_of(move.person))}</b>", f"Left: {esc(where(move.from_unit, move.from_lab))}",
             f"Joined: {esc(where(move.to_unit, move.to_lab))}", f"Date: {esc(move.arrival.date.label())}"]
    if len(move.events) > 1:
        lines.append(f"Left {esc(move.events[0].date.label())}, joined {esc(move.arrival.date.label())}")
    if move.role:
        lines.append(f"Role: {esc(move.role)}")
    lines.append(f"Status: {esc(STATUS_LABELS[move.status])}")
    outlets = list(dict.fromkeys(o for e in move.events for o in store.outlets(e.sources)))
    lines.append("Sources: " + (esc(", ".join(outlets)) if outlets else "source needed"))
    for alt in (a for e in move.events for a in e.alternatives):
        label, value = store.alternative(alt)
        lines.append(esc(f"Also reported ({label}): {value} — {', '.join(store.outlets(alt.sources))}"))
    return "<br>".join(lines)


def _key(fig: go.Figure, arrivals: list[Event], width: int, ghosts: bool, notes: bool) -> int:
    """The arrow's entry, then the shared status and dispute keys the moves need; returns the height they take."""
    keys = legend_keys(arrivals, spans=False, ghosts=ghosts, notes=notes)
    fig.add_trace(scatter(x=[None], y=[None], mode="lines+markers", name=MOVE_KEY, hoverinfo="skip", showlegend=True,
                          line={"color": LIGHT["ink"], "width": 2},
                          marker={"symbol": "triangle-down", "size": 11, "color": LIGHT["ink"], "line": {"width": 2}}))
    key_traces(fig, keys)
    fig.update_layout(showlegend=True, legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 0, "yref": "container",
                                               "yanchor": "bottom", "font": {"size": 12, "color": LIGHT["ink"]},
                                               "bgcolor": "rgba(0,0,0,0)", "itemclick": False, "itemdoubleclick": False})
    return legend_height([MOVE_KEY, *keys], width)
