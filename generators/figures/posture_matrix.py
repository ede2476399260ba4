"""F2, `posture-matrix`: labs' licensing postures as a table drawn with shapes, scatter and annotations.

In: the store and a PostureMatrixSpec. Out: a Plotly figure with one row per lab and cells for its
base-tier licence, flagship-tier licence and overall posture; each licence cell is tinted by the
licence's posture and carries its symbol, cells without a sourced licence are hatched with a dashed
border, and every cell has a hover card. Geometry is planned in pixels for the given width (the
axes map one unit to one pixel), so the text wrapping holds when the figure is shown at that width; cells
wrap between words (posture_cells.py) and a table of tens of labs repeats its headings every screenful.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import plotly.graph_objects as go

from generators.figures.canvas import BatchedFigure, scatter
from generators.figures.claims import STATUS_KEY, STATUS_NOTE
from generators.figures.posture_cells import cell_words, fit, licence_hover, posture_hover, status
from generators.figures.registry_widths import is_narrow
from generators.figures.style import LIGHT, POSTURE_COLOUR, POSTURE_LABEL, POSTURE_ORDER, base_layout, hidden_axis, symbol_for
from generators.figures.text import esc, text_width, wrap
from generators.model.events import LabPosture, TierLicence
from generators.model.figures import PostureMatrixSpec
from generators.model.postures import matrix_rows
from generators.model.store import Store

MARGIN = {"l": 8, "r": 8, "t": 8, "b": 8}
GAP = 3.0  # px between neighbouring cells
BAR = 5.0  # px of the posture cell's bottom bar
LINE = 1.3  # Plotly's line height for multi-line text, in ems
BOLD = 1.1  # bold text runs about a tenth wider than `text_width` estimates for regular
TINT = 0.16  # opacity of a cell's posture fill: enough to see the hue, light enough to read ink on it
REPEAT_PX = 600  # a tall table repeats its column headings after about a screen of rows
HEADERS = {False: ("Lab", "Base-tier licence", "Flagship-tier licence", "Posture"), True: ("Lab", "Base", "Flagship", "Posture")}
TIERS = ("base", "flagship")
Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in px, y growing downwards


@dataclass(frozen=True)
class Plan:
    """Column edges and font sizes planned for one width."""

    narrow: bool
    plot_w: float
    lab: tuple[float, float]  # on narrow screens the lab name is a strip above the row's cells
    cols: tuple[tuple[float, float], ...]  # base, flagship, posture
    size: int  # body text
    pad: float  # inside a cell around its text
    symbol_px: float  # room left of a licence cell's text for its posture symbol

    @property
    def line_px(self) -> float:
        return self.size * LINE


@dataclass
class Parts:
    """Shapes, annotations and traces collected first and handed to Plotly at once (adding a hundred
    shapes one by one re-validates the whole list each time, which costs over a second)."""

    shapes: list[dict[str, Any]] = field(default_factory=list)
    notes: list[dict[str, Any]] = field(default_factory=list)
    traces: list[go.Scatter] = field(default_factory=list)

    def shape(self, **kwargs: Any) -> None:
        self.shapes.append({"xref": "x", "yref": "y", **kwargs})

    def note(self, **kwargs: Any) -> None:
        self.notes.append({"xref": "x", "yref": "y", "showarrow": False, **kwargs})

    def trace(self, trace: go.Scatter) -> None:
        self.traces.append(trace)


@dataclass(frozen=True)
class Row:
    """One lab: its posture record and the wrapped text of each cell."""

    posture: LabPosture
    lab: list[str]
    cells: tuple[list[str], list[str], list[str]]  # html lines: base, flagship, posture
    sizes: tuple[int, int, int]  # font size of each cell: a size smaller where a word would not fit whole


def build(store: Store, spec: PostureMatrixSpec, width: int) -> go.Figure:
    plan = _plan(width)
    rows = [_row(store, p, plan) for p in _postures(store, spec)]
    out = Parts()
    y = heading = _header(out, plan, 0.0)
    for i, row in enumerate(rows):
        # A reader far down a table of tens of labs still sees which column is which.
        if i and y - heading > REPEAT_PX and len(rows) - i > 2:
            y = heading = _header(out, plan, y + plan.pad)
        y = _draw_row(out, store, plan, row, y)
    y = _key(out, store, plan, rows, y + 10)
    layout = base_layout(int(y) + MARGIN["t"] + MARGIN["b"], margin=MARGIN)
    layout.update(hovermode="closest", xaxis=hidden_axis(0, plan.plot_w), yaxis=hidden_axis(y, 0),
                  shapes=out.shapes, annotations=out.notes)
    return BatchedFigure(data=out.traces, layout=layout)


def _postures(store: Store, spec: PostureMatrixSpec) -> list[LabPosture]:
    """Rows in the spec's order, or every lab with a posture; a lab's latest posture, or its derived one."""
    return matrix_rows(store, spec)


def _plan(width: int) -> Plan:
    plot_w = float(width - MARGIN["l"] - MARGIN["r"])
    if is_narrow(width):
        third = plot_w / 3
        cols: tuple[tuple[float, float], ...] = ((0.0, third), (third, 2 * third), (2 * third, plot_w))
        return Plan(True, plot_w, (0.0, plot_w), cols, 11, 6.0, 16.0)
    edges = [0.0] + [plot_w * f for f in (0.18, 0.45, 0.72)] + [plot_w]
    cols = tuple((edges[i], edges[i + 1]) for i in range(1, 4))
    return Plan(False, plot_w, (edges[0], edges[1]), cols, 13, 8.0, 24.0)


def _text_px(plan: Plan, col: int) -> float:
    """Width left for text in column `col` (0 base, 1 flagship, 2 posture)."""
    x0, x1 = plan.cols[col]
    return x1 - x0 - 2 * GAP - 2 * plan.pad - (plan.symbol_px if col < 2 else 0)


def _row(store: Store, posture: LabPosture, plan: Plan) -> Row:
    lab_px = plan.lab[1] - plan.lab[0] - 2 * plan.pad
    lab = [f"<b>{esc(line)}</b>" for line in wrap(store.name_of(posture.lab), lab_px, (plan.size + 1) * BOLD)]
    sizes = [fit(cell_words(store, getattr(posture, t)), _text_px(plan, i), plan.size) for i, t in enumerate(TIERS)]
    tiers = [_cell_lines(store, posture, getattr(posture, t), _text_px(plan, i), sizes[i]) for i, t in enumerate(TIERS)]
    words = posture.label + STATUS_NOTE[posture.status]
    size = fit([words], _text_px(plan, 2), plan.size)
    label = [f"<b>{esc(line)}</b>" for line in wrap(words, _text_px(plan, 2), size * BOLD)]
    return Row(posture, lab, (tiers[0], tiers[1], label), (sizes[0], sizes[1], size))


def _cell_lines(store: Store, posture: LabPosture, cell: TierLicence, px: float, size: int) -> list[str]:
    """A licence cell's text: licence (bold), qualifier, model; 'source needed' leads when the licence is
    missing and closes the cell when a named licence lacks a source."""
    unsourced = status(posture, cell) == "source-needed"
    head = store.licence_name(cell.licence) if cell.licence else "Source needed" if unsourced else "Licence unknown"
    lines = [f"<b>{esc(line)}</b>" for line in wrap(head, px, size * BOLD)]
    if cell.note:
        lines += [f"<i>{esc(line)}</i>" for line in wrap(cell.note, px, size)]
    if cell.model:
        lines += [esc(line) for line in wrap(cell.model, px, size)]
    if unsourced and cell.licence:
        lines += [f"<b><i>{esc(line)}</i></b>" for line in wrap("source needed", px, size * BOLD)]
    return lines


def _marked(posture: LabPosture, cell: TierLicence) -> bool:
    """Cells the reader must not take at face value: no licence recorded, or no source for it."""
    return cell.licence is None or status(posture, cell) == "source-needed"


def _header(out: Parts, plan: Plan, top: float) -> float:
    """Column headings from `top` (px from the figure's top); returns the y where the next row starts."""
    names = HEADERS[plan.narrow]
    spans = ([] if plan.narrow else [plan.lab]) + list(plan.cols)
    heads = names[1:] if plan.narrow else names
    lines = [wrap(h, x1 - x0 - 2 * plan.pad, plan.size * BOLD) for h, (x0, x1) in zip(heads, spans, strict=True)]
    height = max(len(ls) for ls in lines) * plan.line_px + 2 * plan.pad
    for ls, (x0, _) in zip(lines, spans, strict=True):
        out.note(x=x0 + plan.pad, y=top + height - plan.pad / 2, xanchor="left", yanchor="bottom", align="left",
                 text="<br>".join(f"<b>{esc(line)}</b>" for line in ls), font={"size": plan.size, "color": LIGHT["muted"]})
    out.shape(type="line", x0=0, x1=plan.plot_w, y0=top + height, y1=top + height, line={"color": LIGHT["muted"], "width": 1})
    return top + height + GAP


def _draw_row(out: Parts, store: Store, plan: Plan, row: Row, top: float) -> float:
    """Draw one lab's row from `top`; returns the y where the next row starts."""
    lab_h = len(row.lab) * (plan.size + 1) * LINE + plan.pad
    if plan.narrow:
        _text(out, plan.lab[0] + plan.pad, top + lab_h / 2, row.lab, plan.size + 1)
        top += lab_h
    height = max([len(c) * s * LINE for c, s in zip(row.cells, row.sizes, strict=True)] + [2 * plan.line_px]) + 2 * (plan.pad + GAP)
    if not plan.narrow:
        height = max(height, lab_h + plan.pad)
        _text(out, plan.lab[0] + plan.pad, top + height / 2, row.lab, plan.size + 1)
    box = lambda col: (plan.cols[col][0] + GAP, top + GAP, plan.cols[col][1] - GAP, top + height - GAP)  # noqa: E731
    for col, tier in enumerate(TIERS):
        _licence_cell(out, store, plan, row, tier, box(col))
    _posture_cell(out, store, plan, row, box(2))
    bottom = top + height
    out.shape(type="line", x0=0, x1=plan.plot_w, y0=bottom, y1=bottom, line={"color": LIGHT["faint"], "width": 1})
    return bottom


def _licence_cell(out: Parts, store: Store, plan: Plan, row: Row, tier: str, box: Box) -> None:
    posture, cell = row.posture, getattr(row.posture, tier)
    kind = store.posture_of(cell.licence)
    x0, y0, x1, y1 = box
    colour, marked = POSTURE_COLOUR[kind], _marked(posture, cell)
    _fill(out, box, colour)
    if marked:
        _hatch(out, box)
    out.shape(type="rect", x0=x0, y0=y0, x1=x1, y1=y1, layer="above",
              line={"color": colour, "width": 2 if marked else 1.5, "dash": "dash" if marked else "solid"})
    marker = {"size": 13 if plan.narrow else 15, "color": colour, "symbol": symbol_for(kind, status(posture, cell)),
              "line": {"width": 2, "color": colour}}
    out.trace(scatter(x=[x0 + plan.pad + plan.symbol_px / 2 - 2], y=[(y0 + y1) / 2], mode="markers", marker=marker,
                         hoverinfo="skip", showlegend=False))
    _text(out, x0 + plan.pad + plan.symbol_px, (y0 + y1) / 2, row.cells[TIERS.index(tier)], row.sizes[TIERS.index(tier)])
    _hover(out, box, licence_hover(store, posture, cell, tier))


def _posture_cell(out: Parts, store: Store, plan: Plan, row: Row, box: Box) -> None:
    """The combined posture: left half in the base tier's posture colour, right half in the flagship's."""
    x0, y0, x1, y1 = box
    base, flagship = (store.posture_of(getattr(row.posture, t).licence) for t in TIERS)
    mid = (x0 + x1) / 2
    for (a, b), kind in (((x0, mid), base), ((mid, x1), flagship)):
        _fill(out, (a, y0, b, y1), POSTURE_COLOUR[kind])
        # A solid bar along the bottom edge shows the split clearly without crossing the text.
        out.shape(type="rect", x0=a, x1=b, y0=y1 - BAR, y1=y1, fillcolor=POSTURE_COLOUR[kind], line={"width": 0}, layer="below")
    out.shape(type="rect", x0=x0, y0=y0, x1=x1, y1=y1, line={"color": LIGHT["muted"], "width": 1})
    _text(out, x0 + plan.pad, (y0 + y1 - BAR) / 2, row.cells[2], row.sizes[2])
    _hover(out, box, posture_hover(store, row.posture, base, flagship))


def _fill(out: Parts, box: Box, colour: str) -> None:
    # The tint comes from the shape's opacity, so the colour stays an exact palette string for `retheme`.
    x0, y0, x1, y1 = box
    out.shape(type="rect", x0=x0, y0=y0, x1=x1, y1=y1, fillcolor=colour, opacity=TINT, line={"width": 0}, layer="below")


def _hatch(out: Parts, box: Box, step: float = 9.0) -> None:
    """Diagonal hatching across a box, one path of segments clipped to its edges."""
    x0, y0, x1, y1 = box
    parts: list[str] = []
    offset = step
    while offset < (x1 - x0) + (y1 - y0):
        # The segment x - x0 + (y - y0) = offset, clipped to the box.
        ax, ay = x0 + min(offset, x1 - x0), y0 + max(0.0, offset - (x1 - x0))
        bx, by = x0 + max(0.0, offset - (y1 - y0)), y0 + min(offset, y1 - y0)
        parts.append(f"M{ax:.1f},{ay:.1f}L{bx:.1f},{by:.1f}")
        offset += step
    out.shape(type="path", path="".join(parts), opacity=0.35, layer="below", line={"color": LIGHT["muted"], "width": 1})


def _text(out: Parts, x: float, y: float, lines: list[str], size: int) -> None:
    out.note(x=x, y=y, xanchor="left", yanchor="middle", align="left", text="<br>".join(lines), font={"size": size, "color": LIGHT["ink"]})


def _hover(out: Parts, box: Box, card: str) -> None:
    # An invisible filled polygon: Plotly shows a fill's (string) text when the pointer is anywhere inside it.
    x0, y0, x1, y1 = box
    out.trace(scatter(x=[x0, x1, x1, x0, x0], y=[y0, y0, y1, y1, y0], mode="lines", fill="toself",
                         fillcolor="rgba(0,0,0,0)", line={"width": 0, "color": "rgba(0,0,0,0)"}, hoveron="fills",
                         text=card, hoverinfo="text", showlegend=False, name=""))


def _key_items(store: Store, plan: Plan, rows: list[Row]) -> list[tuple[str, str, str]]:
    """(kind, symbol, text) for each posture shown, hollow marks and hatching, when the table has them."""
    cells = [(r.posture, getattr(r.posture, t)) for r in rows for t in TIERS]
    shown = {store.posture_of(c.licence) for _, c in cells}
    # On phones the short form ("Closed") keeps the key to two lines; the cells name the licences anyway.
    items = [(p, symbol_for(p, "confirmed"), POSTURE_LABEL[p].split(" (")[0] if plan.narrow else POSTURE_LABEL[p])
             for p in POSTURE_ORDER if p in shown]
    # Status as every kind keys it: filled when confirmed, hollow otherwise, the row's note after its posture.
    statuses = {status(p, c) for p, c in cells}
    items += [("status", "circle" if s == "confirmed" else "circle-open", STATUS_KEY[s])
              for s in STATUS_KEY if s in statuses and (s != "confirmed" or len(statuses) > 1)]
    if any(_marked(p, c) for p, c in cells):
        items.append(("hatch", "", "Hatched, dashed: licence source needed"))
    return items


def _key(out: Parts, store: Store, plan: Plan, rows: list[Row], top: float) -> float:
    """A key under the table, packed into lines that fit the width; returns the y of its bottom."""
    size = plan.size - 1
    x, y = 0.0, top + size * LINE / 2
    for kind, symbol, label in _key_items(store, plan, rows):
        item_w = 18 + text_width(label, size)
        if x > 0 and x + item_w > plan.plot_w:
            x, y = 0.0, y + size * LINE + 6
        if kind == "hatch":
            _hatch_swatch(out, x, y)
        else:
            colour = POSTURE_COLOUR.get(kind, LIGHT["muted"])
            out.trace(scatter(x=[x + 6], y=[y], mode="markers", hoverinfo="skip", showlegend=False,
                                 marker={"size": 11, "symbol": symbol, "color": colour, "line": {"width": 2, "color": colour}}))
        out.note(x=x + 16, y=y, xanchor="left", yanchor="middle", text=esc(label), font={"size": size, "color": LIGHT["muted"]})
        x += item_w + 14
    return y + size * LINE / 2 + 2


def _hatch_swatch(out: Parts, x: float, y: float) -> None:
    box = (x, y - 6, x + 12, y + 6)
    _hatch(out, box, step=4.0)
    out.shape(type="rect", x0=box[0], y0=box[1], x1=box[2], y1=box[3], line={"color": LIGHT["unknown"], "width": 1.5, "dash": "dash"})
