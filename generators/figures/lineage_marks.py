"""Lineage for more releases than boxes can hold: marks on a layered time axis wrapped into rows (`lineage_grid`).

In: the store, the releases (date order), their names, descent edges, credited people and units, the spec's
chosen labels and the plot width. Out: the drawing added to the figure, and the y below it.

A mark's colour and shape give its licence posture (hollow when not confirmed), as on the timelines. An
edge within a row runs between the lanes, from parent to child, arcing over the marks it skips; an edge
from an earlier row leaves its parent at the row's right end and enters the child from the row's left
end (arrowheads at both), so edges never reach a row's people layer, which lies below its date ticks. A
parent outside the figure (another subject's release, another family) is a short stub with its name in
the hover. Labels (names) go in a strip above each row, most prominent first (`prominence.ranks`), each
with a leader down to its mark; the rest keep their hover card and are counted in a note.
"""

from __future__ import annotations

from collections.abc import Mapping

import plotly.graph_objects as go

from generators.figures import lineage_layers
from generators.figures.canvas import scatter
from generators.figures.ghosts import ring_trace
from generators.figures.lineage_boxes import EDGE_DASH, Credited, Edges, hover_extra
from generators.figures.lineage_fold import Folded, draw_counts, folded_grid
from generators.figures.lineage_grid import LABEL_ROW, Grid, grid
from generators.figures.lineage_people import people_layer
from generators.figures.placement import Box, LabelBoard
from generators.figures.prominence import ranks
from generators.figures.style import LIGHT, POSTURE_COLOUR, symbol_for
from generators.figures.text import esc, hover_card, text_width
from generators.model.events import Event
from generators.model.store import Store

MARK = 10
PITCH = 14  # px between the centres of stacked marks
COLS = (22.0, 18.0, 15.0, 12.0)  # column pitches tried, widest first, until the drawing fits the height
LABEL_PX = 11


def marks(fig: go.Figure, store: Store, events: list[Event], names: dict[str, str], edges: Edges,
          credited: list[Credited], chosen: Mapping[str, str], plot_w: float, max_h: float) -> tuple[float, int, int]:
    """Draw the marks form at the widest column pitch whose drawing is at most `max_h` px tall; when even the
    narrowest is taller, fold the least prominent releases into counts (`lineage_fold`) until it fits. The y
    below the drawing, how many releases with a mark of their own are unlabelled, and how many are counted."""
    parents: dict[str, list[str]] = {}
    for src, dst, _ in edges:
        parents.setdefault(dst, []).append(src)
    grouped = lineage_layers.layers(events, parents)
    spans = [c for c in credited if c.releases]
    rank = ranks(store, events, chosen)
    folded = Folded([], {})
    for col in COLS:  # the widest pitch that fits
        layer = people_layer(spans, MARK, plot_w)
        laid = grid(grouped, plot_w, col, PITCH, layer.measure)
        if laid.rows[-1].bottom <= max_h:
            break
    else:
        laid, layer, folded = folded_grid(grouped, plot_w, max_h, spans, MARK, PITCH, rank)
    counted = {e.id for members in folded.counted.values() for e in members}
    shown = [e for e in events if e.id not in counted]
    _lanes(fig, laid, plot_w)
    _ticks(fig, laid, plot_w)
    _edges(fig, laid, edges, plot_w)
    _outside(fig, store, events, names, laid)
    _marks(fig, store, shown, laid, credited)
    draw_counts(fig, folded, laid, names)
    unlabelled = _labels(fig, shown, names, rank, laid, plot_w)
    layer.draw(fig, laid)
    return laid.rows[-1].bottom, unlabelled, folded.hidden


def _lanes(fig: go.Figure, laid: Grid, plot_w: float) -> None:
    """Each lane's name at its top left and a faint rule under the row's last lane."""
    for row in laid.rows:
        for lane, top in row.lanes.items():
            fig.add_annotation(x=0, y=top, text=f"<i>{esc(lane)}</i>", showarrow=False, xanchor="left", yanchor="top",
                               font={"size": 11, "color": LIGHT["muted"]})
            fig.add_shape(type="line", x0=0, x1=plot_w, y0=top + 1, y1=top + 1, layer="below",
                          line={"color": LIGHT["faint"], "width": 1})


def _ticks(fig: go.Figure, laid: Grid, plot_w: float) -> None:
    """Under each row, the month of its first column and of each column that starts a new month, where there is room."""
    last_right: dict[int, float] = {}
    previous: tuple[int, int] | None = None
    for x, r, event in laid.firsts:
        month = (event.date.start.year, event.date.start.month)
        label = event.date.start.strftime("%b %Y")
        left = x - 2
        new_row = r not in last_right
        fits = left + text_width(label, 11) * 1.05 <= plot_w
        if fits and (new_row or month != previous) and (new_row or left >= last_right[r] + 10):
            fig.add_annotation(x=left, y=laid.rows[r].ticks + 4, text=esc(label), showarrow=False, xanchor="left", yanchor="top",
                               font={"size": 11, "color": LIGHT["muted"]})
            fig.add_shape(type="line", x0=x, x1=x, y0=laid.rows[r].ticks, y1=laid.rows[r].ticks + 4,
                          line={"color": LIGHT["muted"], "width": 1})
            last_right[r] = left + text_width(label, 11) * 1.05
        previous = month


def _edges(fig: go.Figure, laid: Grid, edges: Edges, plot_w: float) -> None:
    """One line trace per descent kind: within a row a curve from parent to child, arched over the marks
    it skips; across rows, out at the parent row's right end and in at the child row's left end."""
    half = MARK / 2 + 1
    heads: tuple[list[float], list[float]] = ([], [])
    for kind, dash in EDGE_DASH.items():
        xs: list[float | None] = []
        ys: list[float | None] = []
        seen: set[tuple[float, float, float, float]] = set()
        for src, dst, k in edges:
            if k != kind:
                continue
            (x0, y0), (x1, y1) = laid.at[src], laid.at[dst]
            if (x0, y0, x1, y1) in seen or (x0, y0) == (x1, y1):  # drawn already, or both in one count
                continue
            seen.add((x0, y0, x1, y1))
            if laid.row_of[src] == laid.row_of[dst] and abs(x1 - x0) < 1:  # one folded column: a bracket on its left
                xs += [x0 - half, x0 - half - 5, x1 - half - 4, None]
                ys += [y0, (y0 + y1) / 2, y1, None]
            elif laid.row_of[src] == laid.row_of[dst]:
                skip = round((x1 - x0) / laid.col) - 1
                lift = min(laid.pitch * 0.9, 4.0 + 2 * skip) if skip > 0 and abs(y1 - y0) < 1 else 0.0
                xs += [x0 + half, (x0 + x1) / 2, x1 - half - 4, None]
                ys += [y0, min(y0, y1) - lift if lift else (y0 + y1) / 2, y1, None]
            else:
                xs += [x0 + half, plot_w - 4, None, 4, x1 - half - 4, None]
                ys += [y0, y0, None, y1, y1, None]
                heads[0].append(plot_w - 2)
                heads[1].append(y0)
            heads[0].append(x1 - half - 2)
            heads[1].append(y1)
        if xs:
            fig.add_trace(scatter(x=xs, y=ys, mode="lines", line={"color": LIGHT["muted"], "width": 1.2, "dash": dash, "shape": "spline"},
                                  hoverinfo="skip", showlegend=False, name=f"edges {kind}"))
    if heads[0]:
        fig.add_trace(scatter(x=heads[0], y=heads[1], mode="markers", hoverinfo="skip", showlegend=False, name="arrowheads",
                              marker={"symbol": "triangle-right", "size": 6, "color": LIGHT["muted"]}))


def _outside(fig: go.Figure, store: Store, events: list[Event], names: dict[str, str], laid: Grid) -> None:
    """A stub into each release from a parent the figure does not show, the parent named in its hover."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    dots: list[tuple[float, float, str]] = []
    seen: set[tuple[float, float]] = set()
    for event in events:
        for parent in (event.release.descends_from if event.release else []):
            if parent.release in names or laid.at[event.id] in seen:  # a count's releases share one stub
                continue
            x, y = laid.at[event.id]
            seen.add((x, y))
            start = max(2.0, x - laid.col - 4)
            xs += [start, x - MARK / 2 - 1, None]
            ys += [y, y, None]
            other = store.events.get(parent.release)
            where = f" ({store.subjects[other.subject].name})" if other and other.subject in store.subjects else ""
            dots.append((start, y, f"{names[event.id]} descends from {store.name_of(parent.release)}{where} ({parent.kind}), "
                                   "which this figure does not show"))
    if dots:
        fig.add_trace(scatter(x=xs, y=ys, mode="lines", line={"color": LIGHT["muted"], "width": 1.2, "dash": "2px,2px"},
                              hoverinfo="skip", showlegend=False, name="edges from outside"))
        fig.add_trace(scatter(x=[d[0] for d in dots], y=[d[1] for d in dots], mode="markers", name="parents outside",
                              hovertext=[esc(d[2]) for d in dots], hoverinfo="text", showlegend=False,
                              marker={"symbol": "circle-open", "size": 7, "color": LIGHT["muted"], "line": {"width": 1.5}}))


def _marks(fig: go.Figure, store: Store, events: list[Event], laid: Grid, credited: list[Credited]) -> None:
    """Every release as a marker in its posture's colour and shape, its hover card the one the boxes carry."""
    on: dict[str, list[str]] = {}
    for c in credited:
        for i in c.releases:
            on.setdefault(i, []).append(c.name)
    postures = [store.posture_of(e.licence) for e in events]
    xs, ys = [laid.at[e.id][0] for e in events], [laid.at[e.id][1] for e in events]
    ring = ring_trace(store, xs, ys, events, size=MARK)
    if ring is not None:
        fig.add_trace(ring)
    colours = [POSTURE_COLOUR[p] for p in postures]
    fig.add_trace(scatter(
        x=xs, y=ys, mode="markers", name="releases", customdata=[e.id for e in events], hoverinfo="text", showlegend=False,
        hovertext=[hover_card(store, e, hover_extra(store, e, on.get(e.id, []))) for e in events],
        marker={"size": MARK, "color": colours, "symbol": [symbol_for(p, e.status) for p, e in zip(postures, events, strict=True)],
                "line": {"width": 1.5, "color": colours}}))


def _labels(fig: go.Figure, events: list[Event], names: dict[str, str], rank: Mapping[str, tuple[object, ...]],
            laid: Grid, plot_w: float) -> int:
    """Names in the strip above each row, by prominence, each with a leader to its mark; how many are left out."""
    board = LabelBoard(bounds=(0, -1e9, plot_w, 1e9), gap=4)
    options: dict[str, list[tuple[Box, Box, str, float]]] = {}
    for event in events:
        x, y = laid.at[event.id]
        row = laid.rows[laid.row_of[event.id]]
        text = esc(names[event.id])
        width = text_width(names[event.id], LABEL_PX) * 1.05
        found = []
        for line in range(laid.label_lines - 1, -1, -1):
            top = row.top + line * LABEL_ROW
            leader = Box(x - 0.5, top + LABEL_ROW, x + 0.5, y - MARK / 2, text=False)
            for left in (x - 3, x + 3 - width, x - width / 2):
                if 0 <= left and left + width <= plot_w:
                    found.append((Box(left, top, left + width, top + LABEL_ROW - 2), leader, text, left))
        options[event.id] = found
        board.request(event.id, [(t, lead) for t, lead, *_ in found], rank[event.id])
    placed = board.place()
    xs: list[float | None] = []
    ys: list[float | None] = []
    for event in events:
        index = placed.get(event.id)
        if index is None:
            continue
        box, leader, text, left = options[event.id][index]
        fig.add_annotation(x=left, y=box.y0, text=text, showarrow=False, xanchor="left", yanchor="top",
                           font={"size": LABEL_PX, "color": LIGHT["ink"]})
        xs += [leader.x0 + 0.5, leader.x0 + 0.5, None]
        ys += [leader.y0 - 2, leader.y1, None]
    fig.add_trace(scatter(x=xs, y=ys, mode="lines", line={"color": LIGHT["faint"], "width": 1}, hoverinfo="skip",
                          showlegend=False, name="leaders"))
    return sum(1 for e in events if placed.get(e.id) is None)

