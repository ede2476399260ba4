"""Lineage pieces every layout shares: release boxes, their text, hover points, people bars and text rows.

In: releases, credited people and units, and px positions chosen by a layout (`lineage_rowcol`,
`lineage_bands`). Out: Plotly shapes, annotations and traces added to the figure being built.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import plotly.graph_objects as go

from generators.figures.canvas import scatter
from generators.figures.claims import date_notes
from generators.figures.ghosts import ring_boxes
from generators.figures.style import LIGHT, POSTURE_COLOUR, POSTURE_DASH
from generators.figures.text import esc, hover_card, status_note, text_width
from generators.model.events import Event
from generators.model.store import Store

PAD = 7
LINE, SMALL = 16, 14  # px per line of 12 px and 11 px text
# Dash lengths in px so that even the short arrow between neighbouring boxes shows its pattern.
Edges = list[tuple[str, str, str]]  # (from release id, to release id, descent kind)
EDGE_DASH = {"successor": "solid", "upgrade": "6px,4px", "variant": "2px,3px"}
EDGE_LABEL = {"successor": "successor: next generation", "upgrade": "upgrade: same generation, improved",
              "variant": "variant: sibling built from it"}


@dataclass
class Box:
    event: Event
    x0: float
    y0: float
    x1: float
    y1: float
    head: list[str]
    motif: list[str]

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass(frozen=True)
class Credited:
    """A person or unit of the continuity layer and the shown releases they are credited on."""

    ref: str
    name: str
    person: bool
    releases: tuple[str, ...]
    text: str


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Greedy word wrap to `width` px; a word too long for a line is split after its hyphens."""
    factor = 1.1 if bold else 1.0
    words = [part for word in text.split() for part in
             (re.findall(r"[^-]+-?|-", word) if text_width(word, size) * factor > width else [word])]
    lines: list[str] = []
    for word in words:
        joiner = "" if lines and lines[-1].endswith("-") else " "
        if lines and text_width(lines[-1] + joiner + word, size) * factor <= width:
            lines[-1] += joiner + word
        else:
            lines.append(word)
    return lines or [""]


def box_text(event: Event, name: str, inner: float) -> tuple[list[str], list[str]]:
    """Escaped lines of a box: the name (bold), the date as written with any status note, the motif."""
    head = [f"<b>{esc(line)}</b>" for line in wrap(name, inner, 12, bold=True)]
    head += [esc(line) for line in wrap(event.date.label() + status_note(event), inner, 12)]
    head += [f"<i>{esc(line)}</i>" for note in date_notes(event) for line in wrap(note, inner, 12)]
    motif = event.release.motif if event.release and event.release.motif else ""
    return head, [esc(line) for line in wrap(motif, inner, 11)] if motif else []


def draw_boxes(fig: go.Figure, store: Store, boxes: dict[str, Box], names: dict[str, str],
                credited: list[Credited]) -> None:
    """Each box: a posture-coloured border (tinted inside only when confirmed), its text, and a hover point."""
    for box in boxes.values():
        event = box.event
        posture = store.posture_of(event.licence)
        colour = POSTURE_COLOUR[posture]
        if event.status == "confirmed":
            fig.add_shape(type="rect", x0=box.x0, x1=box.x1, y0=box.y0, y1=box.y1, fillcolor=colour, opacity=0.1,
                          line={"width": 0}, layer="below", name=f"tint {event.id}")
        fig.add_shape(type="rect", x0=box.x0, x1=box.x1, y0=box.y0, y1=box.y1, name=f"box {event.id}",
                      line={"color": colour, "width": 2.5 if event.status == "confirmed" else 1.5,
                            "dash": POSTURE_DASH[posture]})
        fig.add_annotation(x=box.cx, y=box.y0 + PAD - 1, text="<br>".join(box.head), showarrow=False, yanchor="top",
                           font={"size": 12, "color": LIGHT["ink"]})
        if box.motif:
            fig.add_annotation(x=box.cx, y=box.y0 + PAD - 1 + len(box.head) * LINE, text="<br>".join(box.motif),
                               showarrow=False, yanchor="top", font={"size": 11, "color": LIGHT["muted"]})
    ring_boxes(fig, store, [(b.event, b.x0, b.y0, b.x1, b.y1) for b in boxes.values()])
    on: dict[str, list[str]] = {}
    for c in credited:
        for i in c.releases:
            on.setdefault(i, []).append(c.name)
    fig.add_trace(scatter(
        x=[b.cx for b in boxes.values()], y=[b.cy for b in boxes.values()], mode="markers", name="releases",
        marker={"size": [min(b.x1 - b.x0, b.y1 - b.y0) for b in boxes.values()], "opacity": 0, "color": LIGHT["paper"]},
        hovertext=[hover_card(store, b.event, hover_extra(store, b.event, on.get(b.event.id, []))) for b in boxes.values()],
        hoverinfo="text", customdata=list(boxes), showlegend=False))


def hover_extra(store: Store, event: Event, credited: list[str]) -> list[str]:
    """Hover lines beyond the card: motif, size, descent and the names (in layer order) credited on `event`."""
    assert event.release is not None
    lines = [f"Motif: {event.release.motif}"] if event.release.motif else []
    lines += [f"Size: {event.release.size}"] if event.release.size else []
    lines += [f"Descends from: {store.name_of(d.release)} ({d.kind})" for d in event.release.descends_from]
    lines += [f"Credited: {', '.join(credited)}"] if credited else []
    return lines


def arrowhead(x: float, y: float, d: tuple[int, int]) -> str:
    bx, by = x - 8 * d[0], y - 8 * d[1]
    px, py = -d[1] * 4.5, d[0] * 4.5
    return f"M {x},{y} L {bx + px},{by + py} L {bx - px},{by - py} Z"


def bar(fig: go.Figure, row: Credited, x0: float, x1: float, y0: float, y1: float) -> None:
    fig.add_shape(type="rect", x0=x0, x1=x1, y0=y0, y1=y1, fillcolor=LIGHT["ink"] if row.person else LIGHT["muted"],
                  line={"width": 0}, name=f"bar {row.ref}")


def credit_dots(fig: go.Figure, rows: list[Credited], points: list[list[tuple[float, float]]]) -> None:
    """A dot on each bar at each release it is credited on, with the role in its hover."""
    xs = [x for pts in points for x, _ in pts]
    ys = [y for pts in points for _, y in pts]
    colours = [LIGHT["ink"] if r.person else LIGHT["muted"] for r, pts in zip(rows, points, strict=True) for _ in pts]
    hover = [esc(r.text) for r, pts in zip(rows, points, strict=True) for _ in pts]
    fig.add_trace(scatter(x=xs, y=ys, mode="markers", hovertext=hover, hoverinfo="text", showlegend=False,
                             name="credits", marker={"size": 11, "color": colours, "line": {"width": 2, "color": LIGHT["paper"]}}))


def label_lines(row: Credited, width: float) -> str:
    """The bar's label, wrapped, with the name in bold."""
    lines = [esc(line) for line in wrap(row.text, width, 12)]
    name = esc(row.name)
    lines[0] = f"<b>{name}</b>{lines[0][len(name):]}" if lines[0].startswith(name) else lines[0]
    return "<br>".join(lines)


def text_rows(fig: go.Figure, rows: list[Credited], y: float, plot_w: float, heading: str) -> float:
    """A heading and one wrapped line per row; the y below them."""
    if not rows:
        return y
    y = layer_heading(fig, y + 12, heading)
    for row in rows:
        text = label_lines(row, plot_w)
        fig.add_annotation(x=0, y=y, text=text, showarrow=False, xanchor="left", yanchor="top", align="left",
                           font={"size": 12, "color": LIGHT["ink"]})
        y += (text.count("<br>") + 1) * LINE + 6
    return y


def layer_heading(fig: go.Figure, y: float, text: str) -> float:
    fig.add_annotation(x=0, y=y, text=f"<b>{esc(text)}</b>", showarrow=False, xanchor="left", yanchor="top",
                       font={"size": 12, "color": LIGHT["muted"]})
    return y + LINE + 6
