"""Lineage for a few dozen releases: readable boxes in a layered graph wrapped into bands (`lineage_layers`).

In: the releases, names, descent edges, credited people and the plot width. Out: the boxes, the routed
edges and, under each band, a named bar per person or unit credited there, drawn on the figure; the y below.
"""

from __future__ import annotations

import plotly.graph_objects as go

from generators.figures import lineage_layers
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
    draw_boxes,
    text_rows,
)
from generators.figures.style import LIGHT
from generators.figures.text import esc, text_width
from generators.model.events import Event
from generators.model.store import Store

BAND_BAR = LINE + 14  # px per person's bar under a band: the name, then the bar


def banded(fig: go.Figure, store: Store, events: list[Event], names: dict[str, str], edges: Edges,
            credited: list[Credited], plot_w: float) -> float:
    """A layered graph wrapped into bands (`lineage_layers`), each band's people as bars beneath it; the y below."""
    parents: dict[str, list[str]] = {}
    for src, dst, _ in edges:
        parents.setdefault(dst, []).append(src)
    grouped = lineage_layers.layers(events, parents)
    layer_of = {e.id: k for k, layer in enumerate(grouped) for e in layer}
    box_w = lineage_layers.columns(plot_w)[1]
    texts = {e.id: box_text(e, names[e.id], box_w - 2 * PAD) for e in events}
    if plot_w < 480:  # the compact form on phones: name and date, the motif in the hover card
        texts = {i: (head, []) for i, (head, _) in texts.items()}
    heights = {i: 2 * PAD + len(h) * LINE + len(m) * SMALL for i, (h, m) in texts.items()}
    spans = [r for r in credited if r.releases]
    # Indexes, so that sizing each band looks only at its own releases (the layout stays linear).
    rows_on: dict[str, set[int]] = {}
    for k, row in enumerate(spans):
        for i in row.releases:
            rows_on.setdefault(i, set()).add(k)

    def room(ids: set[str]) -> float:
        skips = [layer_of[d] - layer_of[s] for d in ids for s in parents.get(d, ()) if s in ids]
        return lineage_layers.arc_room([s for s in skips if s > 1], any(s not in ids for d in ids for s in parents.get(d, ())))

    def under(band: lineage_layers.Band) -> float:
        count = len(set().union(*(rows_on.get(i, set()) for i in band.ids)))
        return count * BAND_BAR + (8 if count else 0)

    rects, bands, bottom = lineage_layers.place(grouped, heights, plot_w, room, under)
    boxes = {e.id: Box(e, *rects[e.id], *texts[e.id]) for e in events}
    draw_boxes(fig, store, boxes, names, credited)
    band_of = {i: k for k, band in enumerate(bands) for i in band.ids}
    for n, (src, dst, kind) in enumerate(edges):
        crossing = band_of[src] != band_of[dst]
        span = 0 if crossing else layer_of[dst] - layer_of[src]
        lane = lineage_layers.lane_y(bands[band_of[dst]].top, span, crossing)
        path, x1, y1 = lineage_layers.routed_path(boxes[src], boxes[dst], span, lane, (n % 3) * 3.0)
        fig.add_shape(type="path", path=path, line={"color": LIGHT["muted"], "width": 2 if span == 1 else 1.5,
                                                    "dash": EDGE_DASH[kind]}, name=f"edge {src}>{dst} {kind}")
        fig.add_shape(type="path", path=arrowhead(x1 + 7, y1, (1, 0)), fillcolor=LIGHT["muted"], line={"width": 0},
                      name=f"arrow {src}>{dst}")
    _band_bars(fig, boxes, bands, spans, plot_w)
    return text_rows(fig, [r for r in credited if not r.releases], bottom, plot_w, "Also named (not credited on these releases)")


def _band_bars(fig: go.Figure, boxes: dict[str, Box], bands: list[lineage_layers.Band], rows: list[Credited],
               plot_w: float) -> None:
    """Under each band, a named bar per person or unit credited there, from their first to their last box in it."""
    shown, points = [], []
    band_of = {i: k for k, band in enumerate(bands) for i in band.ids}
    # Each row's releases bucketed by band once, in the row's own order: (band, row) -> ids.
    in_band: dict[tuple[int, int], list[str]] = {}
    for r, row in enumerate(rows):
        for i in row.releases:
            in_band.setdefault((band_of[i], r), []).append(i)
    for k, band in enumerate(bands):
        y = band.bottom + 8
        for r, row in enumerate(rows):
            ids = in_band.get((k, r))
            if not ids:
                continue
            x0, x1 = min(boxes[i].x0 for i in ids), max(boxes[i].x1 for i in ids)
            wide = text_width(row.name, 12) * 1.1
            fig.add_annotation(x=x0 if x0 + wide <= plot_w else max(0.0, plot_w - wide), y=y, text=f"<b>{esc(row.name)}</b>",
                               showarrow=False, xanchor="left", yanchor="top", font={"size": 12, "color": LIGHT["ink"]})
            bar_y = y + LINE + 6
            bar(fig, row, x0, x1, bar_y - 3, bar_y + 3)
            shown.append(row)
            points.append([(boxes[i].cx, bar_y) for i in ids])
            y += BAND_BAR
    if shown:
        credit_dots(fig, shown, points)
