"""Lineage for a few releases: one row of boxes when they fit the width, one column on a phone.

In: the releases, their names, descent edges and credited people, and the plot width. Out: box positions,
then the edges (straight between neighbours, arcs round the boxes otherwise) and the people layer
(bars under the row, or beside the column) drawn on the figure; each function returns the y below it.
"""

from __future__ import annotations

import plotly.graph_objects as go

from generators.figures.lineage_boxes import (
    EDGE_DASH,
    LINE,
    PAD,
    SMALL,
    Box,
    Credited,
    Edges,
    arrowhead,
    bar,
    box_text,
    credit_dots,
    label_lines,
    layer_heading,
    text_rows,
)
from generators.figures.style import LIGHT
from generators.figures.text import esc, text_width
from generators.model.events import Event

GAP = 34  # between boxes: room for an arrow
MIN_BOX = 104  # the narrowest box whose name and motif stay readable at 11-12 px
BAR_STEP = 30  # px between the vertical bars of the column layout


def _arc_reach(edges: Edges, order: dict[str, int]) -> float:
    """How far the longest arc bulges out from the boxes (edges between non-neighbours go round them)."""
    spans = [abs(order[dst] - order[src]) for src, dst, _ in edges if order[dst] - order[src] != 1]
    return 0.75 * _arc_height(max(spans)) + 6 if spans else 0.0


def _arc_height(span: int) -> float:
    """Longer arcs bulge further, so arcs over overlapping spans nest instead of running together."""
    return min(60.0, 16 + 10 * (span - 2))


def row_boxes(events: list[Event], names: dict[str, str], edges: Edges,
               credited: list[Credited], plot_w: float) -> tuple[dict[str, Box], float]:
    """Boxes side by side, all as tall as the tallest, under room for the arcs."""
    n = max(1, len(events))
    box_w = min(200.0, (plot_w - (n - 1) * GAP) / n)
    left = (plot_w - n * box_w - (n - 1) * GAP) / 2
    texts = [box_text(e, names[e.id], box_w - 2 * PAD) for e in events]
    box_h = max((2 * PAD + len(h) * LINE + len(m) * SMALL for h, m in texts), default=0)
    top = _arc_reach(edges, {e.id: i for i, e in enumerate(events)}) + 4
    boxes = {e.id: Box(e, left + i * (box_w + GAP), top, left + i * (box_w + GAP) + box_w, top + box_h, *texts[i])
             for i, e in enumerate(events)}
    return boxes, top + box_h


def column_boxes(events: list[Event], names: dict[str, str], edges: Edges,
                  credited: list[Credited], plot_w: float) -> tuple[dict[str, Box], float]:
    """Boxes stacked top to bottom, room for arcs at the left and the people's bars at the right."""
    left = _arc_reach(edges, {e.id: i for i, e in enumerate(events)})
    box_w = max(MIN_BOX, min(260.0, plot_w - left - 12 - BAR_STEP * sum(1 for c in credited if c.releases)))
    boxes: dict[str, Box] = {}
    y = 4.0
    for event in events:
        head, motif = box_text(event, names[event.id], box_w - 2 * PAD)
        height = 2 * PAD + len(head) * LINE + len(motif) * SMALL
        boxes[event.id] = Box(event, left, y, left + box_w, y + height, head, motif)
        y += height + GAP
    return boxes, y - GAP


def draw_edge(fig: go.Figure, boxes: dict[str, Box], src: str, dst: str, kind: str, in_row: bool) -> None:
    """A straight arrow between neighbours; an arc round the boxes (above a row, left of a column) otherwise."""
    a, b = boxes[src], boxes[dst]
    order = list(boxes)
    span = order.index(dst) - order.index(src)
    line = {"color": LIGHT["muted"], "width": 2, "dash": EDGE_DASH[kind]}
    name = f"edge {src}>{dst} {kind}"
    if span == 1:
        (x0, y0), (x1, y1), d = ((a.x1, a.cy), (b.x0, b.cy), (1, 0)) if in_row else ((a.cx, a.y1), (b.cx, b.y0), (0, 1))
        fig.add_shape(type="line", x0=x0, y0=y0, x1=x1 - 7 * d[0], y1=y1 - 7 * d[1], line=line, name=name)
    else:
        h = _arc_height(abs(span))
        if in_row:
            (x0, y0), (x1, y1), d = (a.cx + 0.15 * (a.x1 - a.x0), a.y0), (b.cx - 0.15 * (b.x1 - b.x0), b.y0), (0, 1)
            path = f"M {x0},{y0} C {x0},{y0 - h} {x1},{y1 - h} {x1},{y1 - 7}"
        else:
            (x0, y0), (x1, y1), d = (a.x0, a.cy + 6), (b.x0, b.cy - 6), (1, 0)
            path = f"M {x0},{y0} C {x0 - h},{y0} {x1 - h},{y1} {x1 - 7},{y1}"
        fig.add_shape(type="path", path=path, line=line, name=name)
    fig.add_shape(type="path", path=arrowhead(x1, y1, d), fillcolor=LIGHT["muted"], line={"width": 0},
                  name=f"arrow {src}>{dst}")


def row_bars(fig: go.Figure, boxes: dict[str, Box], rows: list[Credited], top: float, plot_w: float) -> float:
    """Horizontal bars under the row of boxes, one per credited person or unit, each labelled above."""
    spans = [r for r in rows if r.releases]
    y = layer_heading(fig, top + 12, "People and teams credited") if spans else top
    points = []
    for row in spans:
        first, last = boxes[row.releases[0]], boxes[row.releases[-1]]
        text = label_lines(row, plot_w)
        wide = text_width(row.text, 12) * 1.05
        # Start the label over the bar; slide it left when it would run off the right edge.
        x = first.x0 if first.x0 + wide <= plot_w else max(0.0, last.x1 - wide)
        fig.add_annotation(x=x, y=y, text=text, showarrow=False, xanchor="left", yanchor="top", align="left",
                           font={"size": 12, "color": LIGHT["ink"]})
        bar_y = y + (text.count("<br>") + 1) * LINE + 8
        bar(fig, row, first.x0, last.x1, bar_y - 3, bar_y + 3)
        points.append([(boxes[r].cx, bar_y) for r in row.releases])
        y = bar_y + 14
    if spans:
        _guides(fig, boxes, top, y, True)
        credit_dots(fig, spans, points)
    return text_rows(fig, [r for r in rows if not r.releases], y, plot_w, "Also named (not credited on these releases)")


def column_bars(fig: go.Figure, boxes: dict[str, Box], rows: list[Credited], top: float, plot_w: float) -> float:
    """Vertical bars right of the column of boxes, each named along its length; the roles listed beneath."""
    spans = [r for r in rows if r.releases]
    right = max((b.x1 for b in boxes.values()), default=0.0)
    step = min(BAR_STEP, (plot_w - right - 8) / max(1, len(spans)))
    points = []
    for i, row in enumerate(spans):
        first, last = boxes[row.releases[0]], boxes[row.releases[-1]]
        x = right + 14 + i * step
        bar(fig, row, x - 2.5, x + 2.5, first.y0, last.y1)
        points.append([(x, boxes[r].cy) for r in row.releases])
        if step >= 22:
            fig.add_annotation(x=x + 5, y=(first.y0 + last.y1) / 2, text=f"<b>{esc(row.name)}</b>", textangle=-90,
                               showarrow=False, xanchor="left", font={"size": 11, "color": LIGHT["ink"]})
    if spans:
        _guides(fig, boxes, right, right + 14 + (len(spans) - 1) * step, False)
        credit_dots(fig, spans, points)
    y = text_rows(fig, spans, top + 6, plot_w, "People and teams credited")
    return text_rows(fig, [r for r in rows if not r.releases], y, plot_w, "Also named (not credited on these releases)")


def _guides(fig: go.Figure, boxes: dict[str, Box], start: float, end: float, in_row: bool) -> None:
    """Faint lines from each box into the people layer, so a bar's ends can be read against the boxes."""
    for box in boxes.values():
        x0, y0, x1, y1 = (box.cx, box.y1, box.cx, end) if in_row else (box.x1, box.cy, end, box.cy)
        fig.add_shape(type="line", x0=x0, y0=y0, x1=x1, y1=y1, layer="below",
                      line={"color": LIGHT["faint"], "width": 1, "dash": "dot"})
