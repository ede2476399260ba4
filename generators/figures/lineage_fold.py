"""Folding a dense lineage into its height bound: layers in, fewer columns out, each keeping per lane its most
prominent releases and a count ("+12") standing for the rest, with what the count holds.

When even the narrowest column pitch of `lineage_marks` draws more rows than the height bound holds, the
layers are merged into as many columns as the rows that fit can show (contiguous spans of time, so time
still runs left to right), as a timeline's dense span collapses into a count (`timeline_counts`). In each
column a lane keeps its KEEP most prominent releases (`prominence.ranks`: a chosen label, a flagship, a
release with descendants first) as marks in date order, and one count below them for the others; a lane
with one release too many keeps them all, as "+1" would take the room of the mark. A counted release takes
its count's place: its edges and its people's credit dots meet the count, and its hover card is a line of
the count's hover (and a row of the data table). Linear in the releases after the rank sort.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import plotly.graph_objects as go

from generators.figures.canvas import scatter
from generators.figures.lineage_boxes import Credited
from generators.figures.lineage_grid import GUTTER, Grid, grid, lanes_for
from generators.figures.lineage_people import LINE_PX, PeopleLayer, people_layer
from generators.figures.prominence import unlabelled_note
from generators.figures.style import LIGHT
from generators.figures.text import esc, text_width
from generators.model.events import Event

KEEP = 2  # marks per lane in a folded column; the rest of the lane's releases there are counted
COL = 24.0  # px between folded columns: a count's "+38" and a clear gap to its neighbours
COUNT_PX = 10  # its 1.3 line height stays inside the 14 px pitch of a lane slot
LISTED = 20  # releases a count's hover names before it points to the data table


@dataclass(frozen=True)
class Folded:
    """The columns (kept releases and, per count, the release standing for it) and each count's releases by
    the id of the one standing for it (that one included), in date order."""

    layers: list[list[Event]]
    counted: dict[str, tuple[Event, ...]]

    @property
    def hidden(self) -> int:
        """How many releases are drawn as part of a count rather than with a mark of their own."""
        return sum(len(members) for members in self.counted.values())


def fold(grouped: Sequence[Sequence[Event]], columns: int, lane_of: Mapping[str, str],
         rank: Mapping[str, tuple[object, ...]]) -> Folded:
    """`grouped` (layers in time order) merged into `columns` columns of about equal numbers of layers."""
    total = len(grouped)
    columns = max(1, min(columns, total))
    order = {e.id: k for k, layer in enumerate(grouped) for e in layer}
    out: list[list[Event]] = []
    counted: dict[str, tuple[Event, ...]] = {}
    for c in range(columns):
        by_lane: dict[str, list[Event]] = {}
        for layer in grouped[c * total // columns:(c + 1) * total // columns]:
            for event in layer:
                by_lane.setdefault(lane_of[event.id], []).append(event)
        column: list[Event] = []
        for members in by_lane.values():
            if len(members) <= KEEP + 1:
                column += members
                continue
            ranked = sorted(members, key=lambda e: rank[e.id])
            kept = sorted(ranked[:KEEP], key=lambda e: order[e.id])
            rest = tuple(sorted(ranked[KEEP:], key=lambda e: (order[e.id], e.date.start)))
            column += [*kept, rest[0]]
            counted[rest[0].id] = rest
        out.append(column)
    return Folded(out, counted)


def folded_grid(grouped: list[list[Event]], plot_w: float, max_h: float, spans: list[Credited], mark: float, pitch: float,
                rank: Mapping[str, tuple[object, ...]]) -> tuple[Grid, PeopleLayer, Folded]:
    """The most rows of folded columns whose drawing is at most `max_h` px tall (one row when none is): each
    try folds into the rows that fitted the last try's height, so a few tries find it."""
    lane_of = lanes_for([e for layer in grouped for e in layer])
    fits = max(1, int((plot_w - 2 * GUTTER) // COL))
    rows = max(1, -(-len(grouped) // fits) - 1)
    while True:
        folded = fold(grouped, rows * fits, lane_of, rank)
        layer = people_layer(spans, mark, plot_w)
        laid = grid(folded.layers, plot_w, COL, pitch, layer.measure, lane_of, folded.counted)
        bottom = laid.rows[-1].bottom
        if bottom <= max_h or rows == 1:
            break
        rows = max(1, min(rows - 1, int(rows * max_h / bottom)))
    if bottom > max_h:  # so many people credited that one row's layer is too tall: bars for the most credited only
        row = laid.rows[0]
        layer = people_layer(spans, mark, plot_w, max(2, int((row.bottom - row.people - (bottom - max_h)) // LINE_PX)))
        laid = grid(folded.layers, plot_w, COL, pitch, layer.measure, lane_of, folded.counted)
    return laid, layer, folded


def draw_counts(fig: go.Figure, folded: Folded, laid: Grid, names: Mapping[str, str]) -> None:
    """Each count as "+N" where its releases stand, its hover naming them (the data table lists them all)."""
    xs, ys, texts, hovers, sizes, ids = [], [], [], [], [], []
    for rep, members in folded.counted.items():
        x, y = laid.at[rep]
        text = f"+{len(members)}"
        xs.append(x)
        ys.append(y)
        ids.append([e.id for e in members])
        texts.append(f"<b>{text}</b>")
        sizes.append(min(COUNT_PX, (COL - 3) / (text_width(text, 1) * 1.1)))
        listed = [f"{esc(names[e.id])} · {esc(e.date.label())}" for e in members[:LISTED]]
        more = [f"and {len(members) - LISTED} more: see the data table"] if len(members) > LISTED else []
        hovers.append("<br>".join([f"<b>{len(members)} more releases here</b>", *listed, *more]))
    if xs:
        fig.add_trace(scatter(x=xs, y=ys, text=texts, hovertext=hovers, customdata=ids, mode="markers+text", name="counts",
                              hoverinfo="text",
                              showlegend=False, textposition="middle center", cliponaxis=False,
                              textfont={"size": sizes, "color": LIGHT["ink"]},
                              marker={"size": 18, "symbol": "square", "color": LIGHT["paper"], "opacity": 0.01}))


def marks_note(unlabelled: int, counted: int, total: int, narrow: bool) -> str:
    """What the figure says above its marks: how many releases are counted rather than drawn, how many of the
    drawn are unlabelled, and where all of them are named."""
    if not counted:
        return unlabelled_note(unlabelled, total, narrow)
    if narrow:
        return f"{counted:,} of {total:,} in counts (+N), {unlabelled:,} more unlabelled: tap a mark or a count, or see the table"
    return (f"{counted:,} of {total:,} releases drawn in counts (+N) and {unlabelled:,} more unlabelled (no room): "
            "hover a mark or a count, or see the data table")
