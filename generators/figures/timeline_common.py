"""Pieces every time-axis figure shares: the window, date-to-pixel mapping, spans for imprecise dates,
shaded bands and marker lines. In: a spec and events; out: Plotly shapes, traces and annotations.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import plotly.graph_objects as go

from generators.figures.canvas import scatter
from generators.figures.ghosts import key_traces
from generators.figures.style import LIGHT, POSTURE_COLOUR, POSTURE_LABEL, POSTURE_ORDER, symbol_for
from generators.figures.text import esc, text_width
from generators.model.events import Event


@dataclass(frozen=True)
class Window:
    """The dates a figure spans and the pixel width it is drawn in."""

    start: date
    end: date
    plot_px: float

    def px(self, day: date) -> float:
        return (day - self.start).days / max(1, (self.end - self.start).days) * self.plot_px


def window_for(spec: Any, events: Sequence[Event], plot_px: float, extra: Sequence[date] = ()) -> Window:
    """The spec's window, or the span of the events (and of the `extra` dates) with a margin of a tenth on each side."""
    if spec.window is not None:
        return Window(spec.window.start, spec.window.end, plot_px)
    if not events:
        today = date(2026, 1, 1)
        return Window(today - timedelta(days=365), today, plot_px)
    lo = min([e.date.start for e in events] + list(extra))
    hi = max([e.date.end for e in events] + list(extra))
    pad = timedelta(days=max(30, (hi - lo).days // 10))
    return Window(lo - pad, hi + pad, plot_px)


def iso(day: date) -> str:
    return day.isoformat()


def place_date(event: Event) -> date:
    """Where a point is drawn: the day itself, or the middle of the interval an imprecise date covers."""
    return event.date.start if event.date.exact else event.date.midpoint


def precision_spans(events: Sequence[Event], y: Sequence[float], colour: str = LIGHT["muted"]) -> go.Scatter:
    """One trace of thick translucent segments showing the interval each imprecise date covers."""
    xs: list[str | None] = []
    ys: list[float | None] = []
    for event, level in zip(events, y, strict=True):
        if event.date.exact:
            continue
        end = event.date.end + timedelta(days=1)
        xs += [iso(event.date.start), iso(end), None]
        ys += [level, level, None]
    return scatter(x=xs, y=ys, mode="lines", line={"color": colour, "width": 7}, opacity=0.35,
                      hoverinfo="skip", showlegend=False, name="date span")


def band_shapes(fig: go.Figure, spec: Any, *, yref: str = "paper") -> None:
    """Shade each band of the spec and label it at its top."""
    for band in spec.bands:
        x0, x1 = iso(band.date.start), iso(band.date.end + timedelta(days=1))
        fig.add_shape(type="rect", xref="x", yref=yref, x0=x0, x1=x1, y0=0, y1=1, fillcolor=LIGHT["band"],
                      line={"width": 0}, layer="below")
        fig.add_annotation(x=iso(band.date.midpoint), y=1, xref="x", yref="paper", yanchor="bottom", showarrow=False,
                           text=f"{esc(band.label)}<br><span style='font-size:11px'>({esc(band.date.label())})</span>",
                           font={"color": LIGHT["closed"], "size": 12})


def marker_lines(fig: go.Figure, spec: Any) -> None:
    """A dashed vertical line for each marker across the whole plot, labelled at the top."""
    for marker in spec.markers:
        x = iso(marker.date.start)
        fig.add_shape(type="line", xref="x", yref="paper", x0=x, x1=x, y0=0, y1=1,
                      line={"color": LIGHT["marker"], "width": 2, "dash": "dash"}, layer="above")
        fig.add_annotation(x=x, y=1, xref="x", yref="paper", yanchor="bottom", showarrow=False,
                           text=f"<b>{esc(marker.label)}</b>", font={"color": LIGHT["marker"], "size": 12})


def posture_legend(fig: go.Figure, postures: Sequence[str], keys: Sequence[str] = (), *, width: int = 1000) -> int:
    """Legend-only traces: one per posture shown (colour and symbol), then the status, span and dispute
    keys the figure needs (`claims.legend_keys`), drawn the same in every kind.

    The legend sits at the bottom of the figure, clear of the axis labels; returns the height in px
    it needs there, which the caller adds to the bottom margin.
    """
    names = [POSTURE_LABEL[p] for p in POSTURE_ORDER if p in postures] + list(keys)
    for posture in POSTURE_ORDER:
        if posture not in postures:
            continue
        fig.add_trace(scatter(x=[None], y=[None], mode="markers", name=POSTURE_LABEL[posture],
                                 marker={"symbol": symbol_for(posture, "confirmed"), "size": 12,
                                         "color": POSTURE_COLOUR[posture]}, hoverinfo="skip", showlegend=True))
    key_traces(fig, keys)
    fig.update_layout(showlegend=True, legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 0, "yref": "container",
                                               "yanchor": "bottom", "font": {"size": 12, "color": LIGHT["ink"]},
                                               "bgcolor": "rgba(0,0,0,0)", "itemclick": False, "itemdoubleclick": False})
    return legend_height(names, width)


def legend_height(names: Sequence[str], width: int) -> int:
    """Height in px of a horizontal legend of these entries wrapped at `width`."""
    rows, used = 1, 0.0
    for name in names:
        item = 50 + text_width(name)
        if used and used + item > width - 20:
            rows, used = rows + 1, 0.0
        used += item
    return 8 + 22 * rows


def lane_name(fig: go.Figure, name: str, top: float, baseline: float, narrow: bool) -> None:
    """Draw a lane's escaped name: in a strip at the lane's top on narrow figures, left of its baseline otherwise."""
    label = f"<b>{esc(name)}</b>"
    if narrow:
        # On the page's own colour: the strip lies across the plot, where arrows and marker lines would cut the name.
        fig.add_annotation(x=0, xref="paper", y=top + 3, yanchor="top", xanchor="left", showarrow=False, text=label,
                           bgcolor=LIGHT["paper"], font={"size": 12, "color": LIGHT["muted"]})
    else:
        fig.add_annotation(x=0, xref="paper", y=baseline, xanchor="right", xshift=-14, showarrow=False, text=label,
                           font={"size": 13, "color": LIGHT["muted"]})
