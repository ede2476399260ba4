"""F1, `release-timeline`: a subject's releases on one time axis, marked by licence posture.

In: the store and a ReleaseTimelineSpec. Out: a Plotly figure where each release is a marker whose
colour *and* symbol give its posture (hollow when not confirmed), with labels packed above and below
the axis so none overlap at the planned width, and the spec's bands and marker lines.
"""

from __future__ import annotations

import plotly.graph_objects as go

from generators.figures.canvas import BatchedFigure, scatter
from generators.figures.claims import GhostDate, disputed_licences, ghost_dates, legend_keys
from generators.figures.ghosts import GhostMark, draw_ghosts, place_ghost_labels, ring_trace
from generators.figures.placement import edge_anchor, label_span, stack_levels
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
from generators.model.events import Event
from generators.model.figures import ReleaseTimelineSpec
from generators.model.store import Store

ROW_PX = 44
MARGIN = {"l": 24, "r": 24, "t": 48, "b": 40}


def build(store: Store, spec: ReleaseTimelineSpec, width: int) -> go.Figure:
    events = [e for e in store.select(spec.subject, spec.select) if e.release]
    window = window_for(spec, events, width - MARGIN["l"] - MARGIN["r"])
    narrow = width < 600
    labels = [_label(store, spec, e, narrow) for e in events]
    centres = [window.px(place_date(e)) for e in events]
    widths = [_label_width(lbl) for lbl in labels]
    anchors = [edge_anchor(c, w, window.plot_px) for c, w in zip(centres, widths, strict=True)]
    levels = stack_levels([label_span(c, w, a) for c, w, a in zip(centres, widths, anchors, strict=True)], centres)
    top = max([lv for lv in levels if lv > 0], default=1)
    bottom = -min([lv for lv in levels if lv < 0], default=0)

    fig = BatchedFigure()
    postures = [store.posture_of(e.licence) for e in events]
    ghosts = ghost_dates(events, window.start, window.end)
    rings = any(disputed_licences(store, e) for e in events)
    legend_px = posture_legend(fig, postures, legend_keys(events, ghosts=bool(ghosts), rings=rings), width=width)
    margin = {**MARGIN, "b": MARGIN["b"] + legend_px}
    height = margin["t"] + margin["b"] + 60 + ROW_PX * (top + bottom + 1)
    fig.update_layout(**base_layout(height, margin=margin))
    fig.update_layout(showlegend=True)
    fig.update_layout(xaxis=date_axis(iso(window.start), iso(window.end)), yaxis=hidden_axis(-bottom - 0.9, top + 0.9))
    band_shapes(fig, spec)
    marker_lines(fig, spec)
    fig.add_shape(type="line", xref="paper", yref="y", x0=0, x1=1, y0=0, y1=0, line={"color": LIGHT["muted"], "width": 1.5})
    _leaders(fig, events, levels)
    fig.add_trace(precision_spans(events, [0.0] * len(events)))
    ring = ring_trace(store, [iso(place_date(e)) for e in events], [0.0] * len(events), events, size=16)
    if ring is not None:
        fig.add_trace(ring)
    fig.add_trace(scatter(
        x=[iso(place_date(e)) for e in events], y=[0] * len(events), mode="markers", name="releases",
        marker={"size": 16, "color": [POSTURE_COLOUR[p] for p in postures], "symbol": [symbol_for(p, e.status) for p, e in zip(postures, events, strict=True)],
                "line": {"width": 2.5, "color": [POSTURE_COLOUR[p] for p in postures]}},
        hovertext=[hover_card(store, e, [f"Tier: {e.release.tier}"] if e.release else []) for e in events],
        hoverinfo="text", customdata=[e.id for e in events], showlegend=False))
    for event, level, label, anchor in zip(events, levels, labels, anchors, strict=True):
        fig.add_annotation(x=iso(place_date(event)), y=level * 0.8, xref="x", yref="y", showarrow=False, text=label,
                           yanchor="bottom" if level > 0 else "top", xanchor=anchor, font={"size": 12, "color": LIGHT["ink"]},
                           align={"center": "center", "left": "left", "right": "right"}[anchor])
    spans = [label_span(c, w, a) for c, w, a in zip(centres, widths, anchors, strict=True)]
    _ghosts(fig, store, ghosts, centres, spans, levels, window, (top, bottom, (height - margin["t"] - margin["b"]) / (top + bottom + 1.8)))
    return fig.flush()


def _ghosts(fig: go.Figure, store: Store, ghosts: list[GhostDate], centres: list[float], spans: list[tuple[float, float]],
            levels: list[int], window: Window, rows: tuple[int, int, float]) -> None:
    """Ghost marks at the other reported dates; their labels only where no label or mark is yet.

    `rows` is (levels above, levels below, px per y unit), to turn label levels into screen boxes."""
    top, bottom, unit = rows

    def screen(y: float) -> float:
        return (top + 0.9 - y) * unit

    taken = [(left, screen(lv * 0.8) - 34 if lv > 0 else screen(lv * 0.8), right, screen(lv * 0.8) if lv > 0 else screen(lv * 0.8) + 34)
             for (left, right), lv in zip(spans, levels, strict=True)]
    taken += [(c - 9, screen(0) - 9, c + 9, screen(0) + 9) for c in centres]
    marks = []
    for ghost in ghosts:
        gx = window.px(ghost.at)
        # On the axis where it is free; just under it when a release's mark is within reach.
        gy = -0.5 if any(abs(gx - c) < 17 for c in centres) else 0.0
        posture = store.posture_of(ghost.event.licence)
        marks.append(GhostMark(ghost, gy, iso(place_date(ghost.event)), 0.0, POSTURE_SYMBOL.get(posture, "circle"),
                               POSTURE_COLOUR[posture], (gx, screen(gy))))
    draw_ghosts(fig, store, marks, place_ghost_labels(marks, taken, (0, 0, window.plot_px, screen(-bottom - 0.9)), 16), size=16)


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


def _leaders(fig: go.Figure, events: list[Event], levels: list[int]) -> None:
    xs: list[str | None] = []
    ys: list[float | None] = []
    for event, level in zip(events, levels, strict=True):
        x = iso(place_date(event))
        xs += [x, x, None]
        ys += [0, level * 0.8, None]
    fig.add_trace(scatter(x=xs, y=ys, mode="lines", line={"color": LIGHT["faint"], "width": 1}, hoverinfo="skip", showlegend=False))
