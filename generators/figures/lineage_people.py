"""The people layer of a dense lineage: credited people and units in, a named bar per row they are credited in out.

Under each wrapped row, each person or unit credited on releases in it gets a bar from their first to
their last mark there, with a dot at every release they are credited on (the roles in its hover), and
their name on the bar's line: before the bar where there is room, else after it, else over its start
on the paper's colour. Bars whose extents (name included) do not meet share a line (interval packing,
as vis-timeline stacks items), so the layer is as tall as the most people credited at one point of the row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import plotly.graph_objects as go

from generators.figures.lineage_boxes import Credited, bar, credit_dots
from generators.figures.lineage_grid import Grid
from generators.figures.placement import assign_rows
from generators.figures.style import LIGHT
from generators.figures.text import esc, text_width

LINE_PX = 16  # px per line of the layer: a bar and the name (11 px) beside it
NAME_PX = 11


@dataclass(frozen=True)
class Span:
    """One bar: who, the ids it is dotted at, its x extent, where its name starts, and its line in the layer."""

    who: Credited
    ids: tuple[str, ...]
    x0: float
    x1: float
    name_x: float
    line: int


@dataclass
class PeopleLayer:
    """Measures each row's layer while the grid is laid out, then draws them all."""

    rows: list[Credited]
    mark: float
    plot_w: float
    spans: dict[int, list[Span]] = field(default_factory=dict)
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
            found.append((who, mine, x0, x1, name_x, min(x0, name_x), max(x1, name_x + wide)))
        found.sort(key=lambda f: f[5])
        lines = assign_rows([(f[5], f[6]) for f in found], gap=8, max_rows=len(found) + 1)
        self.spans[r] = [Span(who, mine, x0, x1, name_x, line)
                         for (who, mine, x0, x1, name_x, *_), line in zip(found, lines, strict=True)]
        return (max(lines) + 1) * LINE_PX if lines else 0.0

    def draw(self, fig: go.Figure, laid: Grid) -> None:
        """Every row's bars, names and credit dots, at the y the grid gave the layer."""
        shown, points = [], []
        for r, spans in self.spans.items():
            top = laid.rows[r].people
            for s in spans:
                bar_y = top + s.line * LINE_PX + LINE_PX / 2
                over = s.x0 - 1 < s.name_x < s.x1 + 1  # no room beside the bar: the name covers its start
                fig.add_annotation(x=s.name_x, y=bar_y, text=f"<b>{esc(s.who.name)}</b>", showarrow=False, xanchor="left",
                                   yanchor="middle", font={"size": NAME_PX, "color": LIGHT["ink"]},
                                   **({"bgcolor": LIGHT["paper"]} if over else {}))
                bar(fig, s.who, s.x0, s.x1, bar_y - 2.5, bar_y + 2.5)
                shown.append(s.who)
                points.append([(laid.at[i][0], bar_y) for i in s.ids])
        if shown:
            credit_dots(fig, shown, points)


def people_layer(rows: list[Credited], mark: float, plot_w: float) -> PeopleLayer:
    """A layer for `rows` (those credited on shown releases), measured and packed as the grid is laid out."""
    return PeopleLayer(rows, mark, plot_w)
