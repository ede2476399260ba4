"""Lineage as a layered graph wrapped into bands: releases and descent edges in, box positions and edge paths out.

A Sugiyama-style layout with time along the reading axis. Layering: releases in date order; a release
joins the current layer when it is within LAYER_DAYS of the layer's first, the layer has room, and it
does not descend from a release in it, so same-week clusters stand together and every edge points
forward in time. Ordering: within a layer, releases sort by the barycentre of their parents' slots (one
sweep in time order, the usual crossing-reduction heuristic). Positioning: as many layers side by side
as fit the width at a readable box width (two at least, so phones get a compact two-column form),
bands of layers top to bottom as text reads; each band as tall as its fullest layer, with room above
for the arcs of edges that skip a layer. Every step is linear in the releases after the date sort.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from generators.model.events import Event

LAYER_DAYS = 10
MAX_PER_LAYER = 4
TARGET_BOX = 150  # px: wide enough for a long name in three lines of 12 px text
MAX_BOX = 200
GAP, VGAP = 34, 14
LANE, MAX_LANES = 7, 5  # px between the lanes edges run along above a band, and how many
Rect = tuple[float, float, float, float]  # x0, y0, x1, y1 in px, y down


@dataclass(frozen=True)
class Band:
    """One row of layers: its extent in px (y down) and the release ids it holds, left to right."""

    top: float
    bottom: float
    ids: tuple[str, ...]


def layers(events: Sequence[Event], parents: dict[str, list[str]]) -> list[list[Event]]:
    """Releases (in date order) grouped into layers, each layer ordered by its parents' barycentre."""
    out: list[list[Event]] = []
    for event in events:
        layer = out[-1] if out else None
        if (layer is not None and len(layer) < MAX_PER_LAYER and (event.date.start - layer[0].date.start).days <= LAYER_DAYS
                and not any(p == e.id for e in layer for p in parents.get(event.id, ()))):
            layer.append(event)
        else:
            out.append([event])
    slot: dict[str, float] = {}
    for layer in out:
        def centre(at: int, e: Event) -> float:
            known = [slot[p] for p in parents.get(e.id, ()) if p in slot]
            return sum(known) / len(known) if known else float(at)
        keys = {e.id: (centre(at, e), e.date.start, e.id) for at, e in enumerate(layer)}
        layer.sort(key=lambda e: keys[e.id])
        slot.update({e.id: float(i) for i, e in enumerate(layer)})
    return out


def columns(plot_w: float) -> tuple[int, float]:
    """(layers per band, box width) for a plot `plot_w` px wide."""
    # Half a gap is kept free at each side: edges run down the gap columns, the outer ones too.
    per_band = max(2, int(plot_w // (TARGET_BOX + GAP)))
    return per_band, min(MAX_BOX, (plot_w - per_band * GAP) / per_band)


def place(grouped: list[list[Event]], heights: Mapping[str, float], plot_w: float, arc_room: Callable[[set[str]], float],
          gap_after: Callable[[Band], float]) -> tuple[dict[str, Rect], list[Band], float]:
    """Box rectangles by release id, the bands, and the y below the last band.

    `arc_room(ids)` is the px a band needs above it for arcs among `ids`; `gap_after(band)` the px drawn
    under a band (its people bars) before the next begins.
    """
    per_band, box_w = columns(plot_w)
    left = (plot_w - per_band * box_w - (per_band - 1) * GAP) / 2
    rects: dict[str, Rect] = {}
    bands: list[Band] = []
    y = 4.0
    for start in range(0, len(grouped), per_band):
        chunk = grouped[start:start + per_band]
        ids = {e.id for layer in chunk for e in layer}
        top = y + arc_room(ids)
        bottom = top
        for column, layer in enumerate(chunk):
            x0, cy = left + column * (box_w + GAP), top
            for event in layer:
                rects[event.id] = (x0, cy, x0 + box_w, cy + heights[event.id])
                cy += heights[event.id] + VGAP
            bottom = max(bottom, cy - VGAP)
        band = Band(top, bottom, tuple(e.id for layer in chunk for e in layer))
        bands.append(band)
        y = bottom + gap_after(band) + 12
    return rects, bands, y - 12


def arc_room(spans: Sequence[int], enters: bool) -> float:
    """Px a band needs above it: the orthogonal arcs of its edges that skip layers nest one lane apart
    (lane by span, see `lane_y`), and edges entering from an earlier band run along one lane above those."""
    return 3 - lane_y(0.0, max(spans, default=1), enters) if spans or enters else 0.0


def lane_y(band_top: float, span: int, crossing: bool) -> float:
    """The y of the lane an edge runs along above its band: nearer the band the shorter its span; edges
    from an earlier band above every arc."""
    return band_top - 6 - LANE * ((MAX_LANES + 2) if crossing else min(span - 1, MAX_LANES))


def routed_path(a: Any, b: Any, span: int, lane: float, offset: float) -> tuple[str, float, float]:
    """An orthogonal path from box `a` to box `b` (boxes with x0, y0, x1, y1, cx, cy), and its end point.

    Neighbouring layers in one band (`span` 1): a curve from a's right side to b's left side. Otherwise
    out of a's right side into the gap column, up or down to the y `lane` (above b's band), along it,
    and down the gap left of b into b's left side. `offset` spreads edges sharing a gap column.
    """
    if span == 1:
        mid = (a.x1 + b.x0) / 2
        return f"M {a.x1},{a.cy} C {mid},{a.cy} {mid},{b.cy} {b.x0 - 7},{b.cy}", b.x0 - 7, b.cy
    out_x, in_x = a.x1 + GAP / 2 - offset, b.x0 - GAP / 2 + offset
    return (f"M {a.x1},{a.cy} L {out_x},{a.cy} L {out_x},{lane} L {in_x},{lane} L {in_x},{b.cy} L {b.x0 - 7},{b.cy}",
            b.x0 - 7, b.cy)
