"""The people layer of a dense lineage: credited people and units in, a named bar per row they are credited in out.

Under each wrapped row, each person or unit credited on releases in it gets a bar from their first to
their last mark there (a thin line, thick where their credits run close together), with a dot at every
release they are credited on (the roles in its hover), and
their name on the bar's line: before the bar where there is room, else after it, else over its start
on the paper's colour. Bars whose extents (name included) do not meet share a line (interval packing,
as vis-timeline stacks items), so the layer is as tall as the most people credited at one point of the row.
A layer given `max_lines` (the lineage's last resort when even one folded row is taller than its bound)
keeps the bars of those credited most often there and lists the rest on one more line, in its hover.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

import plotly.graph_objects as go

from generators.figures.canvas import scatter
from generators.figures.lineage_boxes import Credited, bar, credit_dots
from generators.figures.lineage_grid import Grid
from generators.figures.placement import assign_rows
from generators.figures.style import LIGHT
from generators.figures.text import esc, text_width

LINE_PX = 16  # px per line of the layer: a bar and the name (11 px) beside it
NAME_PX = 11
RUN_GAP = 2  # columns: credits further apart are joined by the bar's thin line only, so that a run of work shows
MORE_LISTED = 30  # names in the hover of a row's "+N more credited" line


@dataclass(frozen=True)
class Span:
    """One bar: who, the ids it is dotted at, its x extent, where its name starts and its width, and its line in the layer."""

    who: Credited
    ids: tuple[str, ...]
    x0: float
    x1: float
    name_x: float
    name_w: float
    line: int


@dataclass
class PeopleLayer:
    """Measures each row's layer while the grid is laid out, then draws them all."""

    rows: list[Credited]
    mark: float
    plot_w: float
    max_lines: int | None = None  # past this many lines, the least credited of a row are listed on one more line
    spans: dict[int, list[Span]] = field(default_factory=dict)
    more: dict[int, list[Credited]] = field(default_factory=dict)  # row -> those listed instead of drawn
    on: dict[str, list[int]] = field(default_factory=dict)  # release id -> indexes of the rows credited on it

    widths: list[float] = field(default_factory=list)  # each row's name, in px

    def __post_init__(self) -> None:
        self.widths = [text_width(who.name, NAME_PX) * 1.1 for who in self.rows]
        for k, who in enumerate(self.rows):
            for i in who.releases:
                self.on.setdefault(i, []).append(k)

    def measure(self, r: int, ids: list[str], at: dict[str, tuple[float, float]]) -> float:
        """The px the layer under row `r` (holding `ids`, centred at `at`) takes, its bars packed into lines."""
        mine_by: dict[int, list[str]] = {}
        for i in ids:
            for k in self.on.get(i, ()):
                mine_by.setdefault(k, []).append(i)
        found = []
        for k in sorted(mine_by):
            who, mine = self.rows[k], tuple(mine_by[k])
            x0 = min(at[i][0] for i in mine) - self.mark / 2
            x1 = max(at[i][0] for i in mine) + self.mark / 2
            wide = self.widths[k]
            if x0 - 5 - wide >= 0:
                name_x = x0 - 5 - wide
            elif x1 + 5 + wide <= self.plot_w:
                name_x = x1 + 5
            else:
                name_x = max(0.0, min(x0, self.plot_w - wide))
            found.append((who, mine, x0, x1, name_x, min(x0, name_x), max(x1, name_x + wide), wide))
        found.sort(key=lambda f: f[5])
        lines = assign_rows([(f[5], f[6]) for f in found], gap=8, max_rows=len(found) + 1)
        extra = 0
        if self.max_lines is not None and lines and max(lines) >= self.max_lines:
            found, lines, self.more[r] = _most_credited(found, self.max_lines - 1)
            extra = 1
        self.spans[r] = [Span(who, mine, x0, x1, name_x, wide, line)
                         for (who, mine, x0, x1, name_x, _, _, wide), line in zip(found, lines, strict=True)]
        return (max(lines, default=-1) + 1 + extra) * LINE_PX

    def draw(self, fig: go.Figure, laid: Grid) -> None:
        """Every row's bars, names and credit dots, at the y the grid gave the layer."""
        shown, points = [], []
        runs: dict[bool, tuple[list[float | None], list[float | None]]] = {True: ([], []), False: ([], [])}
        for r, spans in self.spans.items():
            top = laid.rows[r].people
            for s in spans:
                bar_y = top + s.line * LINE_PX + LINE_PX / 2
                # No room beside the bar: the name covers part of it, on the paper's colour.
                over = s.name_x < s.x1 + 1 and s.name_x + s.name_w > s.x0 - 1
                fig.add_annotation(x=s.name_x, y=bar_y, text=f"<b>{esc(s.who.name)}</b>", showarrow=False, xanchor="left",
                                   yanchor="middle", font={"size": NAME_PX, "color": LIGHT["ink"]},
                                   **({"bgcolor": LIGHT["paper"]} if over else {}))
                bar(fig, s.who, s.x0, s.x1, bar_y - 1, bar_y + 1)
                shown.append(s.who)
                points.append(list(dict.fromkeys((laid.at[i][0], bar_y) for i in s.ids)))  # a count's releases share a dot
                xs, ys = runs[s.who.person]
                for x0, x1 in _runs(sorted({x for x, _ in points[-1]}), RUN_GAP * laid.col):
                    xs += [x0 - self.mark / 2, x1 + self.mark / 2, None]
                    ys += [bar_y, bar_y, None]
        for r, listed in self.more.items():
            y = laid.rows[r].people + (max((s.line for s in self.spans[r]), default=-1) + 1.5) * LINE_PX
            names = [esc(who.name) for who in listed]
            fig.add_annotation(x=0, y=y, text=f"+{len(listed)} more credited in this row", showarrow=False, xanchor="left",
                               yanchor="middle", font={"size": NAME_PX, "color": LIGHT["muted"]},
                               hovertext="<br>".join(names[:MORE_LISTED] + ([f"and {len(names) - MORE_LISTED} more"]
                                                                           if len(names) > MORE_LISTED else [])))
        for person, (xs, ys) in runs.items():
            if xs:
                fig.add_trace(scatter(x=xs, y=ys, mode="lines", hoverinfo="skip", showlegend=False, name=f"runs {'people' if person else 'units'}",
                                      line={"color": LIGHT["ink"] if person else LIGHT["muted"], "width": 5}))
        if shown:
            credit_dots(fig, shown, points)


def _runs(xs: list[float], gap: float) -> list[tuple[float, float]]:
    """The stretches of sorted x positions whose neighbours are at most `gap` apart, as (first, last)."""
    out: list[tuple[float, float]] = []
    for x in xs:
        if out and x - out[-1][1] <= gap:
            out[-1] = (out[-1][0], x)
        else:
            out.append((x, x))
    return out


def _most_credited(found: list[Any], lines: int) -> tuple[list[Any], list[int], list[Credited]]:
    """The bars of those credited most often in a row that fit `lines` lines (first fit, most credited first,
    as timeline counts keep the most prominent marks), in their left-to-right order with their lines, and the rest."""
    placed: list[tuple[list[float], list[float]]] = [([], []) for _ in range(lines)]  # per line: lefts, rights
    kept: list[tuple[Any, int]] = []
    rest: list[Credited] = []
    for f in sorted(found, key=lambda f: (-len(f[1]), f[5])):
        left, right = f[5], f[6]
        for line, (lefts, rights) in enumerate(placed):
            k = bisect.bisect_left(lefts, left)
            if (k == 0 or rights[k - 1] + 8 <= left) and (k == len(lefts) or right + 8 <= lefts[k]):
                lefts.insert(k, left)
                rights.insert(k, right)
                kept.append((f, line))
                break
        else:
            rest.append(f[0])
    kept.sort(key=lambda pair: pair[0][5])
    return [f for f, _ in kept], [line for _, line in kept], rest


def people_layer(rows: list[Credited], mark: float, plot_w: float, max_lines: int | None = None) -> PeopleLayer:
    """A layer for `rows` (those credited on shown releases), measured and packed as the grid is laid out; with
    `max_lines`, a row's layer takes at most that many lines, the last listing who has no bar there."""
    return PeopleLayer(rows, mark, plot_w, max_lines)
