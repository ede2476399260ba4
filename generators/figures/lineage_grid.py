"""Where the marks of a dense lineage go: releases in layers in, rows of columns and family lanes out (px, y down).

The layers of `lineage_layers` (same-week releases without a parent among them, ordered by their
parents' barycentre) become narrow columns, `col` px apart, time running left to right and wrapping
into rows as text does. Each row holds one lane per family (the largest families each get their own,
the rest share one), a release sitting in its family's lane, the releases of one family in one layer
stacked. Above a row's lanes is a strip for labels; below, the date ticks and then the people layer,
whose height the caller measures (`people_px`), so that edges, which stay between a row's lanes, never
cross a person's bar. Linear in the releases.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from generators.model.events import Event

MAX_LANES = 6  # families with a lane of their own (the rest share the last lane)
OTHER_LANE = "other families"
GUTTER = 12  # px kept free at each side of a row: edges that continue in another row run there
LABEL_ROW = 16  # px per line of the label strip
LABEL_LINES = (2, 3)  # lines of the label strip on narrow plans and from WIDE px of plot up
WIDE = 600
LANE_HEAD = 15  # px of a lane's name above its marks
TICKS = 20  # px of date ticks under the lanes
ROW_GAP = 18


@dataclass(frozen=True)
class Row:
    """One wrapped row: the y of its parts and the lanes' tops (by lane name)."""

    top: float
    lanes: dict[str, float]
    ticks: float
    people: float
    bottom: float


@dataclass(frozen=True)
class Grid:
    """The whole layout: a mark centre per release id, its row, the rows, and the column pitch."""

    at: dict[str, tuple[float, float]]
    row_of: dict[str, int]
    rows: list[Row]
    col: float
    pitch: float
    firsts: list[tuple[float, int, Event]]  # (x, row, first release) per column, for the date ticks
    label_lines: int


def lanes_for(events: Sequence[Event]) -> dict[str, str]:
    """The lane of each release: its family's, when the family is among the MAX_LANES - 1 largest (or
    there are at most MAX_LANES families), else the shared lane of the other families."""
    sizes = Counter(e.release.family for e in events if e.release)
    own = {f for f, _ in sizes.most_common(MAX_LANES if len(sizes) <= MAX_LANES else MAX_LANES - 1)}
    return {e.id: e.release.family if e.release and e.release.family in own else OTHER_LANE for e in events}


def grid(grouped: list[list[Event]], plot_w: float, col: float, pitch: float,
         people_px: Callable[[int, list[str], dict[str, tuple[float, float]]], float],
         lane_of: dict[str, str] | None = None, counted: Mapping[str, Sequence[Event]] | None = None) -> Grid:
    """Rows of `col`-px columns, one per layer, and each mark's centre; `people_px(row, ids, at)` is the
    height of the people layer under row `row` holding `ids`, whose centres are in `at`.

    A folded layout (`lineage_fold`) passes the lanes of every release (`lane_of`) and, by the id of the
    release standing for each count, the releases it holds (`counted`): they take the count's centre and row.
    """
    lane_of = lane_of or lanes_for([e for layer in grouped for e in layer])
    counted = counted or {}
    order = list(dict.fromkeys(lane_of[e.id] for layer in grouped for e in layer))
    order = [lane for lane in order if lane != OTHER_LANE] + ([OTHER_LANE] if OTHER_LANE in order else [])
    fits = max(1, int((plot_w - 2 * GUTTER) // col))
    # As many rows as the columns need, the layers shared evenly between them (no last row of one column).
    per_row = -(-len(grouped) // max(1, -(-len(grouped) // fits)))
    label_lines = LABEL_LINES[plot_w >= WIDE]
    at: dict[str, tuple[float, float]] = {}
    row_of: dict[str, int] = {}
    rows: list[Row] = []
    firsts: list[tuple[float, int, Event]] = []
    y = 0.0
    for r, start in enumerate(range(0, len(grouped), per_row)):
        chunk = grouped[start:start + per_row]
        # Plain dicts, not Counters: this runs once per layer for every pitch tried.
        depth: dict[str, int] = {}
        for layer in chunk:
            here: dict[str, int] = {}
            for e in layer:
                here[lane_of[e.id]] = here.get(lane_of[e.id], 0) + 1
            for lane, n in here.items():
                depth[lane] = max(depth.get(lane, 0), n)
        lanes_top = y + LABEL_ROW * label_lines
        lanes: dict[str, float] = {}
        cursor = lanes_top
        for lane in order:
            if depth.get(lane):
                lanes[lane] = cursor
                cursor += LANE_HEAD + depth[lane] * pitch
        ids: list[str] = []
        for c, layer in enumerate(chunk):
            x = GUTTER + (c + 0.5) * col
            firsts.append((x, r, layer[0]))
            slot: dict[str, int] = {}
            for event in layer:
                lane = lane_of[event.id]
                k = slot.get(lane, 0)
                at[event.id] = (x, lanes[lane] + LANE_HEAD + (k + 0.5) * pitch)
                slot[lane] = k + 1
                row_of[event.id] = r
                ids.append(event.id)
                for member in counted.get(event.id, ()):
                    if member.id != event.id:
                        at[member.id], row_of[member.id] = at[event.id], r
                        ids.append(member.id)
        ticks = cursor + 2
        people = ticks + TICKS
        bottom = people + people_px(r, ids, at)
        rows.append(Row(y, lanes, ticks, people, bottom))
        y = bottom + ROW_GAP
    return Grid(at, row_of, rows, col, pitch, firsts, label_lines)
