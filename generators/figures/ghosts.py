"""Disputed claims as marks: ghost dates, licence rings, and the key that explains them.

In: where a figure kind puts an event's main mark, the alternative claims from `claims.py`, and the
text boxes the kind has already placed. Out: Plotly shapes, traces and annotations added to the
figure. A ghost is the main mark's shape with a dotted outline at the other date, joined to the main
mark by a thin dotted line; its short label is placed on the kind's `LabelBoard`, after every main label,
only where it collides with no text or mark on the board, and every ghost keeps a hover card.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import plotly.graph_objects as go

from generators.figures.canvas import scatter
from generators.figures.claims import (
    GHOST_KEY,
    NOTE_KEY,
    RING_KEY,
    SPAN_KEY,
    STATUS_KEY,
    GhostDate,
    is_hollow,
)
from generators.figures.placement import Box as TextBox
from generators.figures.placement import LabelBoard
from generators.figures.style import LIGHT, POSTURE_COLOUR, symbol_for
from generators.figures.text import esc, text_width
from generators.model.store import Store

Box = tuple[float, float, float, float]  # left, top, right, bottom in screen px (y down)
GHOST_FONT = 11
GHOST_LINE = 14  # px of one line of the ghost label


@dataclass(frozen=True)
class GhostMark:
    """One ghost as a kind places it: the ghost record, its y (data units), the main mark's point and
    look, and the ghost's centre in screen px (for the label search)."""

    ghost: GhostDate
    y: float
    main_x: str
    main_y: float
    symbol: str  # the main mark's base symbol, e.g. "diamond"
    colour: str
    px: tuple[float, float]


def marker_box(x: float, y: float, size: float) -> Box:
    return (x - size / 2, y - size / 2, x + size / 2, y + size / 2)


def place_ghost_labels(marks: Sequence[GhostMark], board: LabelBoard, plot: Box, size: float = 15,
                       order: Mapping[str, tuple[object, ...]] | None = None) -> list[tuple[str, Box] | None]:
    """For each ghost, the side its label goes ('right', 'left', 'below', 'above') and the box it takes, or
    None when no side is clear: the labels are placed on `board`, the kind's own board in the same px as
    `GhostMark.px` (y down), after every main label on it, so a ghost label never touches other text.

    Every ghost's mark goes on the board first, so no label covers a ghost either. Ghost labels take their
    turn by their event's importance (`order`, from `prominence.ranks`), then by the number of reports.
    """
    for mark in marks:
        board.block(TextBox(*marker_box(*mark.px, size), text=False))
    sides: list[list[tuple[str, Box]]] = []
    for i, mark in enumerate(marks):
        x, y = mark.px
        w, h = text_width(mark.ghost.label, GHOST_FONT) * 1.05, GHOST_LINE
        r = size / 2 + board.gap + 1  # clear of the ghost's own mark by the board's gap
        around = {"right": (x + r, y - h / 2, x + r + w, y + h / 2), "left": (x - r - w, y - h / 2, x - r, y + h / 2),
                  "below": (x - w / 2, y + r, x + w / 2, y + r + h), "above": (x - w / 2, y - r - h, x + w / 2, y - r)}
        sides.append([(side, box) for side, box in around.items()
                      if box[0] >= plot[0] and box[2] <= plot[2] and box[1] >= plot[1] and box[3] <= plot[3]])
        event = mark.ghost.event
        rank = (*(order or {}).get(event.id, ()), -len(mark.ghost.sources), mark.ghost.at, event.id, i)
        board.request(("ghost", i), [[TextBox(*box)] for _, box in sides[-1]], rank)
    chosen = board.place()
    out: list[tuple[str, Box] | None] = []
    for i, options in enumerate(sides):
        k = chosen.get(("ghost", i))
        out.append(None if k is None else options[k])
    return out


def block_marks(board: LabelBoard, points: Iterable[tuple[float, float]], size: float) -> None:
    """Put marks of `size` px centred on `points` on a board as boxes that text must keep clear of."""
    for x, y in points:
        board.block(TextBox(*marker_box(x, y, size), text=False))


def unit_points(symbol: str) -> list[tuple[float, float]]:
    """A marker shape's outline as points in units of its radius about its centre (y up), for the polygon shapes."""
    return {
        "diamond": [(0, 1.3), (1.3, 0), (0, -1.3), (-1.3, 0)],
        "triangle-up": [(-1.15, -0.75), (1.15, -0.75), (0, 1.25)],
        "triangle-down": [(-1.15, 0.75), (1.15, 0.75), (0, -1.25)],
        "hexagon": [(math.cos(math.pi / 6 + k * math.pi / 3) * 1.1, math.sin(math.pi / 6 + k * math.pi / 3) * 1.1) for k in range(6)],
        "star": [((1.25 if k % 2 == 0 else 0.5) * math.sin(k * math.pi / 5), (1.25 if k % 2 == 0 else 0.5) * math.cos(k * math.pi / 5))
                 for k in range(10)],
    }.get(symbol, [(0, 1), (1, 0), (0, -1), (-1, 0)])


def _symbol_shape(symbol: str, size: float) -> dict[str, Any]:
    """A pixel-sized shape of the marker `symbol` centred on its anchor (pixel y runs upward)."""
    r = size / 2
    if symbol == "circle":
        return {"type": "circle", "x0": -r, "x1": r, "y0": -r, "y1": r}
    if symbol == "square":
        return {"type": "rect", "x0": -r, "x1": r, "y0": -r, "y1": r}
    path = "M " + " L ".join(f"{px * r:.2f},{py * r:.2f}" for px, py in unit_points(symbol)) + " Z"
    return {"type": "path", "path": path}


def outline(fig: go.Figure, x: Any, y: float, symbol: str, colour: str, size: float, name: str) -> None:
    """The dotted outline of a marker shape at (x, y), paper-filled so that lines behind it stop at its edge."""
    fig.add_shape(xref="x", yref="y", xsizemode="pixel", ysizemode="pixel", xanchor=x, yanchor=y, fillcolor=LIGHT["paper"],
                  line={"color": colour, "width": 1.5, "dash": "dot"}, layer="above", name=name, **_symbol_shape(symbol, size))


def draw_ghosts(fig: go.Figure, store: Store, marks: Sequence[GhostMark], labels: Sequence[tuple[str, Box] | None],
                *, size: float = 15) -> None:
    """Links, dotted outlines, spans of imprecise alternative dates, the labels that fit, and hover cards."""
    if not marks:
        return
    for mark, label in zip(marks, labels, strict=True):
        ghost, x = mark.ghost, mark.ghost.at.isoformat()
        name = f"ghost {ghost.event.id} {ghost.when.text}"
        fig.add_shape(type="line", xref="x", yref="y", x0=mark.main_x, y0=mark.main_y, x1=x, y1=mark.y, layer="below",
                      line={"color": mark.colour, "width": 1, "dash": "dot"}, name=f"ghost link {ghost.event.id}")
        if not ghost.when.exact:
            fig.add_shape(type="line", xref="x", yref="y", x0=ghost.when.start.isoformat(), y0=mark.y, layer="below",
                          x1=(ghost.when.end + timedelta(days=1)).isoformat(), y1=mark.y, name=f"ghost span {ghost.event.id}",
                          line={"color": LIGHT["muted"], "width": 4, "dash": "dot"})
        outline(fig, x, mark.y, mark.symbol, mark.colour, size, name)
        if label is not None:
            side, box = label
            px, py = mark.px
            # The offset the label was placed at, from its box (px, y down) to Plotly's shifts (y up).
            xshift = {"right": box[0] - px, "left": box[2] - px}.get(side, 0.0)
            yshift = {"below": py - box[1], "above": py - box[3]}.get(side, 0.0)
            fig.add_annotation(x=x, y=mark.y, xref="x", yref="y", showarrow=False, xshift=xshift, yshift=yshift,
                               xanchor={"right": "left", "left": "right"}.get(side, "center"),
                               yanchor={"below": "top", "above": "bottom"}.get(side, "middle"),
                               text=f"<i>{esc(ghost.label)}</i>", name=f"ghost label {ghost.event.id}",
                               bgcolor=LIGHT["paper"], borderpad=0,  # a dotted link may pass behind the label
                               font={"size": GHOST_FONT, "color": LIGHT["muted"]})
    fig.add_trace(scatter(
        x=[m.ghost.at.isoformat() for m in marks], y=[m.y for m in marks], mode="markers", name="ghost dates",
        customdata=[m.ghost.event.id for m in marks], hoverinfo="text", showlegend=False,
        hovertext=[ghost_card(store, m.ghost) for m in marks],
        marker={"size": size + 4, "opacity": 0, "color": LIGHT["paper"]}))


def ghost_card(store: Store, ghost: GhostDate) -> str:
    """The hover card of a ghost: which event, the other date and who gives it, and the main claim."""
    event = ghost.event
    return "<br>".join([
        f"<b>{esc(event.title)}</b>",
        esc(f"Another reported date: {ghost.when.label()} — {', '.join(store.outlets(ghost.sources)) or 'no source recorded'}"),
        esc(f"Main claim: {event.date.label()} — {', '.join(store.outlets(event.sources)) or 'source needed'}"),
    ])


def ring_trace(store: Store, xs: Sequence[Any], ys: Sequence[float], events: Sequence[Any], size: float = 15) -> go.Scatter | None:
    """A ring round each release whose licence is disputed, in the other licence's shape and colour."""
    from generators.figures.claims import disputed_licences

    pts = [(x, y, e, alt) for x, y, e in zip(xs, ys, events, strict=True) for alt in disputed_licences(store, e)[:1]]
    if not pts:
        return None
    colours = [POSTURE_COLOUR[alt[0]] for *_, alt in pts]
    return scatter(
        x=[p[0] for p in pts], y=[p[1] for p in pts], mode="markers", name="licence disputed", showlegend=False,
        customdata=[p[2].id for p in pts], hoverinfo="text",
        hovertext=[esc(f"{e.title}: licence disputed — also reported as {alt[1]} ({', '.join(store.outlets(alt[2]))})")
                   for *_, e, alt in pts],
        marker={"size": size + 11, "symbol": [symbol_for(alt[0], "reported") for *_, alt in pts], "color": colours,
                "line": {"width": 1.5, "color": colours}})


def key_traces(fig: go.Figure, keys: Sequence[str]) -> None:
    """Legend-only entries for the status, span and dispute keys a figure needs (from `claims.legend_keys`)."""
    looks: dict[str, dict[str, Any]] = {
        STATUS_KEY["confirmed"]: {"symbol": "circle", "color": LIGHT["muted"]},
        SPAN_KEY: {"symbol": "line-ew", "color": LIGHT["muted"], "line": {"width": 5, "color": LIGHT["muted"]}, "opacity": 0.5},
        GHOST_KEY: {"symbol": "circle-open", "color": LIGHT["muted"], "line": {"width": 1}, "opacity": 0.8},
        RING_KEY: {"symbol": "circle-open-dot", "color": LIGHT["muted"], "line": {"width": 2}},
        NOTE_KEY: {"symbol": "asterisk-open", "color": LIGHT["muted"], "line": {"width": 1.5}},
    }
    for key in keys:
        hollow = key in STATUS_KEY.values() and is_hollow(next(s for s, k in STATUS_KEY.items() if k == key))
        look = looks.get(key) or {"symbol": "circle-open" if hollow else "circle", "color": LIGHT["muted"], "line": {"width": 2}}
        fig.add_trace(scatter(x=[None], y=[None], mode="markers", name=key, hoverinfo="skip", showlegend=True,
                              marker={"size": 12, **look}))


def ring_boxes(fig: go.Figure, store: Store, boxes: Sequence[tuple[Any, float, float, float, float]], pad: float = 4) -> None:
    """A dotted second border round each box (event, x0, y0, x1, y1) whose licence is disputed, in the
    other licence's colour: the box shows both postures."""
    from generators.figures.claims import disputed_licences

    for event, x0, y0, x1, y1 in boxes:
        for posture, _, _ in disputed_licences(store, event)[:1]:
            fig.add_shape(type="rect", x0=x0 - pad, x1=x1 + pad, y0=y0 - pad, y1=y1 + pad, name=f"licence disputed {event.id}",
                          line={"color": POSTURE_COLOUR[posture], "width": 2, "dash": "dot"}, layer="below")
