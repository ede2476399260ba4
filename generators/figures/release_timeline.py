"""F1, `release-timeline`: a subject's releases on one time axis, marked by licence posture.

In: the store and a ReleaseTimelineSpec. Out: a Plotly figure where each release is a marker whose
colour *and* symbol give its posture (hollow when not confirmed), markers that share a time slot stacked
in rows (as vis-timeline stacks items), and labels placed on a `LabelBoard` in rows above and below the
axis so no two overlap at the planned width. When not all fit, the most prominent are labelled
(`prominence.ranks`); the rest keep their hover card and their row in the data table, and the figure
says how many are unlabelled. The y axis is in px above the axis line, so the layout is exact.
"""

from __future__ import annotations

import math
from typing import Any

import plotly.graph_objects as go

from generators.figures import timeline_counts
from generators.figures.canvas import BatchedFigure, scatter
from generators.figures.claims import GhostDate, disputed_licences, ghost_dates, legend_keys
from generators.figures.ghost_rows import Mark, spread_ghosts
from generators.figures.ghosts import Box as GhostBox
from generators.figures.ghosts import GhostMark, block_marks, draw_ghosts, place_ghost_labels, ring_trace
from generators.figures.kind import releases_selected
from generators.figures.placement import LabelBoard
from generators.figures.prominence import ranks, unlabelled_note
from generators.figures.registry_widths import is_narrow
from generators.figures.release_places import LABEL_PX, MARK_PX, MAX_LEVEL, LabelPlaces, Placed, row_base
from generators.figures.style import LIGHT, POSTURE_COLOUR, POSTURE_SYMBOL, base_layout, date_axis, hidden_axis, symbol_for
from generators.figures.text import esc, hover_card, status_note, text_width
from generators.figures.timeline_common import (
    Window,
    band_shapes,
    iso,
    marker_lines,
    place_date,
    posture_legend,
    precision_spans,
    window_for,
)
from generators.figures.timeline_zoom import draw_counts, level_data, zoom_meta
from generators.model.events import Event
from generators.model.figures import ReleaseTimelineSpec
from generators.model.store import Store

MARGIN = {"l": 24, "r": 24, "t": 48, "b": 40}
SLOT_PX = 15  # markers sharing a time slot are stacked this far apart
GHOST_ROWS = 40  # rows below the stacked marks a ghost may take to find room
MAX_STACK = 5  # rows of stacked markers at most; a bigger cluster keeps the top row for counts (`timeline_counts`)
NOTE_PX = 20
REPAIRS = 40  # labels per pass that may move a label in their way (LabelBoard.place)


def build(store: Store, spec: ReleaseTimelineSpec, width: int) -> go.Figure:
    events = releases_selected(store, spec)
    window = window_for(spec, events, width - MARGIN["l"] - MARGIN["r"])
    narrow = is_narrow(width)
    centres = [window.px(place_date(e)) for e in events]
    rank = ranks(store, events, spec.labels)
    stacked = timeline_counts.levels(centres, sorted(range(len(events)), key=lambda i: rank[events[i].id]), MARK_PX, MAX_STACK,
                                     window.plot_px)
    spread = stacked[0].spread
    # A mark hidden in a count stands, for what avoids it (ghosts, labels), where its count stands: the top row.
    mark_ys = [_row_y(spread if r is None else r, spread) for r in stacked[0].rows]
    shown = [i for i, r in enumerate(stacked[0].rows) if r is not None]
    # A release hidden in a count keeps its other dates with it: in its hover card once its count opens, and in the table.
    ghosts = ghost_dates([events[i] for i in shown], window.start, window.end)
    rings = any(disputed_licences(store, e) for e in events)
    ghost_ys = _ghost_ys(store, events, ghosts, window, mark_ys)
    band = max([spread * SLOT_PX / 2] + [-y for y in ghost_ys]) + MARK_PX / 2 + 6  # labels start this far from the axis
    labels = [_label(store, spec, e, narrow) for e in events]
    board, found = _place(store, spec, [events[i] for i in shown], [centres[i] for i in shown], [mark_ys[i] for i in shown],
                          [_label_width(labels[i]) for i in shown], band, window.plot_px)
    placed = {shown[k]: p for k, p in found.items()}
    levels = [p.level for p in placed.values()]
    top = row_base(max([lv for lv in levels if lv > 0], default=0), band) + (LABEL_PX if any(lv > 0 for lv in levels) else 0)
    bottom = row_base(-min([lv for lv in levels if lv < 0], default=0), band) + (LABEL_PX if any(lv < 0 for lv in levels) else 0)
    top, bottom = max(top, band) + 8, max(bottom, band) + 8
    ghost_marks, ghost_labels = _ghosts(store, spec, events, ghosts, ghost_ys, board, (centres, mark_ys), window, top)
    # A ghost label may sit just below the lowest row; the plot grows to hold it.
    bottom = max([bottom] + [box[3] + 8 for found in ghost_labels if found for box in [found[1]]])
    unlabelled = len(events) - len(placed)

    fig = BatchedFigure()
    postures = [store.posture_of(e.licence) for e in events]
    legend_px = posture_legend(fig, postures, legend_keys(events, ghosts=bool(ghosts), rings=rings), width=width)
    margin = {**MARGIN, "t": MARGIN["t"] + (NOTE_PX if unlabelled else 0), "b": MARGIN["b"] + legend_px}
    fig.update_layout(**base_layout(int(margin["t"] + margin["b"] + top + bottom), margin=margin))
    fig.update_layout(showlegend=True)
    fig.update_layout(xaxis=date_axis(iso(window.start), iso(window.end)), yaxis=hidden_axis(-bottom, top))
    band_shapes(fig, spec)
    marker_lines(fig, spec)
    fig.add_shape(type="line", xref="paper", yref="y", x0=0, x1=1, y0=0, y1=0, line={"color": LIGHT["muted"], "width": 1.5})
    traces = {"leaders": fig.trace_count}
    _leaders(fig, events, mark_ys, placed, band)
    fig.add_trace(precision_spans([events[i] for i in shown], [mark_ys[i] for i in shown]))
    ring = ring_trace(store, [iso(place_date(events[i])) for i in shown], [mark_ys[i] for i in shown], [events[i] for i in shown], size=MARK_PX)
    if ring is not None:
        fig.add_trace(ring)
    traces["releases"] = fig.trace_count
    fig.add_trace(scatter(
        x=[iso(place_date(e)) for e in events], y=[y if r is not None else None for y, r in zip(mark_ys, stacked[0].rows, strict=True)],
        mode="markers", name="releases",
        marker={"size": MARK_PX, "color": [POSTURE_COLOUR[p] for p in postures], "symbol": [symbol_for(p, e.status) for p, e in zip(postures, events, strict=True)],
                "line": {"width": 2.5, "color": [POSTURE_COLOUR[p] for p in postures]}},
        hovertext=[hover_card(store, e, [f"Tier: {e.release.tier}"] if e.release else []) for e in events],
        hoverinfo="text", customdata=[e.id for e in events], showlegend=False))
    for i, (event, label) in enumerate(zip(events, labels, strict=True)):
        if i not in placed:
            continue
        level, anchor = placed[i].level, placed[i].anchor
        base = row_base(abs(level), band)
        fig.add_annotation(x=iso(place_date(event)), y=base if level > 0 else -base, xref="x", yref="y", showarrow=False, text=label,
                           yanchor="bottom" if level > 0 else "top", xanchor=anchor, font={"size": 12, "color": LIGHT["ink"]},
                           align={"center": "center", "left": "left", "right": "right"}[anchor], **_shift(placed[i]))
    counted = bool(stacked[0].counts)
    note = fig.annotation_count
    clickable: dict[str, Any] = {"captureevents": True} if counted else {}  # the live figure's way back from a zoom
    if unlabelled:
        fig.add_annotation(x=0, y=1, xref="paper", yref="paper", yanchor="bottom", yshift=MARGIN["t"] - 6, xanchor="left",
                           showarrow=False, font={"size": 12, "color": LIGHT["muted"]},
                           text=esc(unlabelled_note(unlabelled, len(events), narrow)), **clickable)
    draw_ghosts(fig, store, ghost_marks, ghost_labels, size=MARK_PX)
    if counted:
        leaders = [(i, row_base(abs(p.level), band) * (1 if p.level > 0 else -1)) for i, p in placed.items()]
        data = level_data(events, stacked, window, _row_y, sorted(leaders), narrow)
        traces["counts"] = fig.trace_count
        draw_counts(fig, data[0])
        fig.update_layout(meta=zoom_meta(window, data, traces, note, narrow))
    return fig.flush()


def _row_y(row: int, spread: int) -> float:
    """The y in px above the axis of stack row `row` when the stack has rows 0..`spread`, centred on the axis."""
    return (row - spread / 2) * SLOT_PX


def _ghost_ys(store: Store, events: list[Event], ghosts: list[GhostDate], window: Window, mark_ys: list[float]) -> list[float]:
    """Each ghost's y in px above the axis: on the axis where its mark clears every release's mark and ring,
    otherwise in the first row below the stacked marks where it does (`spread_ghosts`)."""
    xs, symbol = [window.px(place_date(e)) for e in events], lambda e: POSTURE_SYMBOL.get(store.posture_of(e.licence), "circle")
    marks = [Mark(x, -y, symbol(e), MARK_PX + 2) for e, x, y in zip(events, xs, mark_ys, strict=True)]
    marks += [Mark(x, -y, POSTURE_SYMBOL.get(other, "circle"), MARK_PX + 11)  # a disputed licence's ring
              for e, x, y in zip(events, xs, mark_ys, strict=True) for other, _, _ in disputed_licences(store, e)[:1]]
    rows = [0.0] + [min(mark_ys, default=0.0) - MARK_PX - 6 - k * SLOT_PX for k in range(GHOST_ROWS)]  # room for a label beside
    taken = spread_ghosts(marks, [(window.px(g.at), [-y for y in rows], symbol(g.event)) for g in ghosts], MARK_PX)
    return [rows[k] for k in taken]


def _ghosts(store: Store, spec: ReleaseTimelineSpec, events: list[Event], ghosts: list[GhostDate], ghost_ys: list[float],
            board: LabelBoard, marks_px: tuple[list[float], list[float]], window: Window,
            top: float) -> tuple[list[GhostMark], list[tuple[str, GhostBox] | None]]:
    """Ghost marks at the other reported dates, and their labels placed on the board that placed the releases'.

    The board is in px with y down from the axis, so a mark `y` px above the axis stands at -y."""
    if not ghosts:
        return [], []
    centres, mark_ys = marks_px
    block_marks(board, [(c, -y) for c, y in zip(centres, mark_ys, strict=True)], MARK_PX + 2)
    disputed = [(c, -y) for c, y, e in zip(centres, mark_ys, events, strict=True) if disputed_licences(store, e)]
    block_marks(board, disputed, MARK_PX + 11)
    marks = []
    at = {e.id: i for i, e in enumerate(events)}  # not list.index: comparing records field by field is slow
    for ghost, gy in zip(ghosts, ghost_ys, strict=True):
        posture = store.posture_of(ghost.event.licence)
        marks.append(GhostMark(ghost, gy, iso(place_date(ghost.event)), mark_ys[at[ghost.event.id]],
                               POSTURE_SYMBOL.get(posture, "circle"), POSTURE_COLOUR[posture], (window.px(ghost.at), -gy)))
    return marks, place_ghost_labels(marks, board, (0, -top, window.plot_px, math.inf), MARK_PX, ranks(store, events, spec.labels))


def _shift(placed: Placed) -> dict[str, Any]:
    return {"xshift": placed.shift} if placed.shift else {}


def _place(store: Store, spec: ReleaseTimelineSpec, events: list[Event], centres: list[float], mark_ys: list[float],
           widths: list[float], band: float, plot_px: float) -> tuple[LabelBoard, dict[int, Placed]]:
    """Each label's row and anchor, by index; labels that find no room are absent.

    The labels go in date order first, which keeps a sparse figure reading left to right; when that leaves
    any out, they go again by prominence, so the most prominent are the ones labelled. Labels too wide in
    sum for every row skip the first pass: it could only fail.
    """
    crowded = _cannot_all_fit(widths, plot_px)
    if not crowded:
        order: dict[str, tuple[object, ...]] = {e.id: (i,) for i, e in enumerate(events)}
        found = _try(events, centres, mark_ys, widths, band, plot_px, order)
    if crowded or len(found[1]) < len(events):
        found = _try(events, centres, mark_ys, widths, band, plot_px, ranks(store, events, spec.labels))
    return found


def _try(events: list[Event], centres: list[float], mark_ys: list[float], widths: list[float], band: float,
         plot_px: float, rank: dict[str, tuple[object, ...]]) -> tuple[LabelBoard, dict[int, Placed]]:
    board = LabelBoard(bounds=(0, -float("inf"), plot_px, float("inf")), gap=4)
    options: list[LabelPlaces] = []
    for i, (event, centre, width) in enumerate(zip(events, centres, widths, strict=True)):
        options.append(LabelPlaces(centre, width, mark_ys[i], band, plot_px))
        board.request(i, options[-1], rank[event.id])
    chosen = board.place(repair=REPAIRS)
    return board, {int(i): options[int(i)].option(k) for i, k in chosen.items() if k is not None}  # type: ignore[call-overload]


def _cannot_all_fit(widths: list[float], plot_px: float, gap: float = 4) -> bool:
    """Whether the labels are wider in sum than every row together: then some are left out in any order."""
    return sum(w + gap for w in widths) > 2 * MAX_LEVEL * (plot_px + gap)


def _label_width(label: str) -> float:
    """Estimated px width of a label: its first line is bold (about a tenth wider), the second plain."""
    first, _, rest = label.replace("<b>", "").replace("</b>", "").partition("<br>")
    return max(text_width(first) * 1.1, *(text_width(line) for line in rest.split("<br>")))


def _label(store: Store, spec: ReleaseTimelineSpec, event: Event, narrow: bool) -> str:
    assert event.release is not None
    name = spec.labels.get(event.id, event.short)
    licence = store.licence_name(event.release.licence)
    second = licence if narrow else f"{licence} · {event.date.label()}"
    return f"<b>{esc(name)}</b>{esc(status_note(event))}<br>{esc(second)}"


def _leaders(fig: go.Figure, events: list[Event], mark_ys: list[float], placed: dict[int, Placed], band: float) -> None:
    xs: list[str | None] = []
    ys: list[float | None] = []
    for i, event in enumerate(events):
        if i not in placed:
            continue
        x = iso(place_date(event))
        level = placed[i].level
        xs += [x, x, None]
        ys += [mark_ys[i], row_base(abs(level), band) * (1 if level > 0 else -1), None]
    fig.add_trace(scatter(x=xs, y=ys, mode="lines", line={"color": LIGHT["faint"], "width": 1}, hoverinfo="skip", showlegend=False))
