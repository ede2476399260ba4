"""Where a bifurcation's words go: the planned geometry, the lines and the marks in; end labels, the shared
line's name and the fork notes drawn on the figure, clear of every mark and of each other, out.

Every mark (and each fork note's arrow) is blocked on one `LabelBoard` in plot pixels; each line's name
then asks for a place at its right end, above or below the line as its height suggests, and moves left
(further from the end, then a line further out) until it clears them. A name that finds no place is listed
in the figure's key instead. Fork notes sit in the top margin, in as many rows as keep them apart.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import plotly.graph_objects as go

from generators.figures.bifurcation_lines import Line
from generators.figures.placement import Box, LabelBoard
from generators.figures.style import LIGHT
from generators.figures.text import esc, text_width, wrap

LINE = 1.3  # Plotly's line height for multi-line text, in ems
BOLD = 1.1  # bold text runs about a tenth wider than `text_width` estimates
LIFT = 10  # px between a line and the name written above or below it
STROKES = {"solid": "━━", "dot": "┉┉", "dashdot": "━┉", "longdashdot": "━━┉"}  # a key's stroke, drawn as its line is


@dataclass(frozen=True)
class Geometry:
    """What placement needs of the plan: px per slot and per level, the top level, the plot's size, the font."""

    slot: float
    spacing: float
    top: float  # the y value at the plot's top edge
    plot_w: float
    plot_h: float
    right: float  # px of right margin a name may reach into
    size: int
    dense: bool

    def x(self, index: float) -> float:
        return (index + 0.5) * self.slot

    def y(self, value: float) -> float:
        return (self.top - value) * self.spacing


def board_for(geo: Geometry, marks: list[tuple[float, float, float]]) -> LabelBoard:
    """A board over the plot with every mark (x index, y value, half size in px) blocked."""
    board = LabelBoard(bounds=(0, 0, geo.plot_w + geo.right, geo.plot_h), gap=1, cell=max(24.0, 4 * geo.slot))
    for i, value, half in marks:
        x, y = geo.x(i), geo.y(value)
        board.block(Box(x - half, y - half, x + half, y + half, text=False))
    return board


def end_texts(label: str, label_px: float, size: int) -> list[str]:
    return wrap(label, label_px, (size + 1) * BOLD)


def _candidates(geo: Geometry, last: int, level: float, lines: list[str], above: bool) -> Iterator[tuple[tuple[Box], float, bool, int]]:
    """Places for a name ending at release `last`: (its box, x shift in px, above?, extra lift) in order of preference."""
    w = max(text_width(line, (geo.size + 1) * BOLD) for line in lines)
    h = len(lines) * (geo.size + 1) * LINE
    right = geo.x(last) + 0.35 * geo.slot
    step = max(24.0, geo.slot)
    shift = 0.0
    while right - shift - w >= 0 or shift == 0:
        for side in (above, not above):
            for lift in (0, int(h + 4)):
                y = geo.y(level)
                y0, y1 = (y - LIFT - lift - h, y - LIFT - lift) if side else (y + LIFT + lift, y + LIFT + lift + h)
                yield (Box(right - shift - w, y0, right - shift, y1),), shift, side, lift
        shift += step


def end_labels(fig: go.Figure, geo: Geometry, board: LabelBoard,
               ends: list[tuple[Line, float, str, int, float, str]]) -> list[tuple[str, str, str]]:
    """Name each line at its right end (ends: line, end level, colour, last index, label px, dash), except in a dense
    plan, where marks leave no room; the names (with colours and dashes) left out, for the key."""
    order = sorted(range(len(ends)), key=lambda k: (-ends[k][1], ends[k][0].key != "base"))
    texts = {k: end_texts(ends[k][0].label, ends[k][4], geo.size) for k in order}
    found = {k: list(_candidates(geo, ends[k][3], ends[k][1], texts[k], rank == 0)) for rank, k in enumerate(order)}
    for rank, k in enumerate(order):
        board.request(k, [c[0] for c in found[k]], (rank,))
    chosen = board.place() if not geo.dense else {}
    missing = []
    for k in order:
        line, level, colour, last, _, dash = ends[k]
        pick = chosen.get(k)
        if pick is None:
            missing.append((line.label, colour, dash))
            continue
        _, shift, above, lift = found[k][pick]
        text = "<br>".join(f"<b>{esc(t)}</b>" for t in texts[k])
        fig.add_annotation(x=last + 0.35 - shift / geo.slot, y=level, xref="x", yref="y", xanchor="right",
                           yanchor="bottom" if above else "top", yshift=(LIFT + lift) if above else -(LIFT + lift),
                           showarrow=False, align="right", text=text, font={"size": geo.size + 1, "color": colour})
    return missing


def shared_label(fig: go.Figure, geo: Geometry, board: LabelBoard, line: Line, levels: list[float]) -> None:
    """A shared line's name over its first stretch, where there is room for it."""
    if len(line.points) < 2 or text_width(line.label, geo.size) > (line.points[1] - line.points[0]) * geo.slot - 12:
        return
    a, b = line.points[0], line.points[1]
    x, y = (a + b) / 2, (levels[a] + levels[b]) / 2
    w, h = text_width(line.label, geo.size), geo.size * LINE
    board.block(Box(geo.x(x) - w / 2, geo.y(y) - 6 - h, geo.x(x) + w / 2, geo.y(y) - 6))
    fig.add_annotation(x=x, y=y, xref="x", yref="y", yanchor="bottom", yshift=6, showarrow=False,
                       text=esc(line.label), font={"size": geo.size, "color": LIGHT["muted"]})


def fork_rows(notes: list[tuple[int, list[str]]], geo: Geometry, left: float, width: int) -> list[int]:
    """A row (0 at the top) for each fork note (release index, its wrapped lines): no two notes share room, and no
    arrow runs down through a note in a lower row where another row avoids it."""
    spans = []
    for index, lines in notes:
        arrow = left + geo.x(index)
        spans.append((*_span(arrow, max(text_width(line, geo.size * BOLD) for line in lines), width), arrow))
    # A note over other notes' arrows must sit above them: the notes over the most arrows take the top rows first.
    over = [sum(1 for j, (_, _, ax) in enumerate(spans) if j != i and x0 - 4 <= ax <= x1 + 4) for i, (x0, x1, _) in enumerate(spans)]
    rows: dict[int, int] = {}
    for i in sorted(range(len(notes)), key=lambda i: (-over[i], i)):
        x0, x1, arrow = spans[i]

        def clear(row: int, x0: float = x0, x1: float = x1, arrow: float = arrow) -> bool:
            for j, r in rows.items():
                a, b, ax = spans[j]
                if (r == row and not (x1 + 8 <= a or b + 8 <= x0)) or (r < row and x0 - 4 <= ax <= x1 + 4) \
                        or (r > row and a - 4 <= arrow <= b + 4):
                    return False
            return True

        # Where every row crosses an arrow, the note goes under all the others.
        rows[i] = next((r for r in range(len(notes)) if clear(r)), max(rows.values(), default=-1) + 1)
    return [rows[i] for i in range(len(notes))]


def _span(centre: float, w: float, width: int) -> tuple[float, float]:
    if centre - w / 2 < 4:
        return centre, centre + w
    if centre + w / 2 > width - 4:
        return centre - w, centre
    return centre - w / 2, centre + w / 2


def fork_note(fig: go.Figure, geo: Geometry, left: float, width: int, index: int, level: float, lines: list[str],
              above_px: float) -> None:
    """One fork label in the top margin, `above_px` over the plot's top, with an arrow down to the fork release."""
    text_w = max(text_width(line, geo.size * BOLD) for line in lines)
    centre = left + geo.x(index)
    anchor = "left" if centre - text_w / 2 < 4 else "right" if centre + text_w / 2 > width - 4 else "center"
    drop = (geo.top - level) * geo.spacing + above_px
    fig.add_annotation(x=index, y=level, xref="x", yref="y", ax=0, ay=-drop, axref="pixel", ayref="pixel",
                       xanchor=anchor, yanchor="bottom", showarrow=True, arrowhead=2, arrowsize=1, arrowwidth=1.5,
                       arrowcolor=LIGHT["marker"], standoff=10, align="center",
                       text="<br>".join(f"<b>{esc(line)}</b>" for line in lines), font={"size": geo.size, "color": LIGHT["marker"]})


def block_arrow(board: LabelBoard, geo: Geometry, index: int, level: float) -> None:
    """The fork note's arrow, from the plot's top down to the fork release, kept clear of names."""
    x = geo.x(index)
    board.block(Box(x - 1.5, 0, x + 1.5, geo.y(level) - 8, text=False))


def line_key(fig: go.Figure, entries: list[tuple[str, str, str]], width: int, left: int, size: int, below_px: float) -> float:
    """The lines' names as a key under the plot, `below_px` below its bottom edge, each in its line's colour
    after a stroke of it (dashed as the line is), packed into rows across the figure; the height the key takes."""
    if not entries:
        return 0.0
    x, row, gap = 8.0, 0, 14.0
    for name, colour, dash in entries:
        text = f"{STROKES.get(dash, STROKES['solid'])} {name}"
        w = text_width(text, size)
        if x > 8 and x + w > width - 8:
            x, row = 8.0, row + 1
        fig.add_annotation(x=0, y=0, xref="paper", yref="paper", xanchor="left", yanchor="top", showarrow=False,
                           xshift=x - left, yshift=-(below_px + row * size * LINE), text=esc(text),
                           font={"size": size, "color": colour}, name="line key")
        x += w + gap
    return (row + 1) * size * LINE + 6
