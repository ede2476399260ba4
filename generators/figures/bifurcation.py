"""F4, `bifurcation`: a subject's releases by generation (x) and licence posture (y), one line per tier or branch.

In: the store and a BifurcationSpec. Out: a Plotly figure in which the releases up to the fork are
one shared line, after which the base tier's line and the flagship tier's line part (each running on
to the last generation), or, with `options.branches`, any number of lines parting at any number of forks
(bifurcation_lines.py); every fork annotated, the posture levels labelled on the left, every line named
clear of the marks (bifurcation_labels.py) and every release marked by its posture's colour and symbol
(hollow when not confirmed). With more releases than slanted lines can show, posture is held in steps,
the lines run side by side, and the releases left unnamed are counted.
"""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

from generators.figures import bifurcation_lines
from generators.figures.bifurcation_labels import (
    BOLD,
    LINE,
    Geometry,
    block_arrow,
    board_for,
    end_labels,
    end_texts,
    fork_note,
    fork_rows,
    line_key,
    shared_label,
)
from generators.figures.bifurcation_lines import Line, owners
from generators.figures.bifurcation_ticks import tick_texts
from generators.figures.canvas import BatchedFigure, scatter
from generators.figures.claims import LEVEL_KEY, disputed_licences, legend_keys
from generators.figures.ghosts import outline, ring_trace
from generators.figures.kind import releases_selected
from generators.figures.placement import LabelBoard
from generators.figures.prominence import ranks, unlabelled_note
from generators.figures.registry_widths import is_narrow
from generators.figures.style import LIGHT, POSTURE_COLOUR, POSTURE_SYMBOL, base_layout, hidden_axis, symbol_for
from generators.figures.text import esc, hover_card, status_note, text_width, wrap
from generators.model.events import Event
from generators.model.figures import BifurcationSpec
from generators.model.store import Store

LEVEL = {"permissive": 3, "restricted": 2, "paper": 1, "closed": 0, "unknown": -1}
LEVEL_LABEL = {
    "permissive": "Permissive (Apache/MIT)",
    "restricted": "Restricted (licence conditions)",
    "paper": "Paper only (no weights)",
    "closed": "Closed (API-only)",
    "unknown": "Undisclosed",
}
DENSE_SLOT = 24  # px per release below which slanted lines zig-zag and marks touch: the plan draws steps


@dataclass(frozen=True)
class Plan:
    """Sizes planned for one width: margins, pixels per slot and per level, fonts and tick layout."""

    narrow: bool
    margin: dict[str, int]
    slot: float  # px per generation
    spacing: float  # px per posture level
    y_range: tuple[float, float]
    size: int
    ticks: list[str]
    tick_angle: int
    label_px: dict[str, float]  # widest a line's name may be, by line key
    level_text: dict[str, str]  # wrapped level names, by posture
    forks: list[tuple[int, list[str], float]]  # each fork note: release index, its lines (plain text), px above the plot
    key: list[str]  # the status key, wrapped (plain text); empty when every release is confirmed
    dense: bool  # too many releases for slanted lines: posture held in steps, lines side by side, small marks
    mark: int  # marker size in px
    tick_h: float  # px the tick labels take under the plot

    def geometry(self, width: int) -> Geometry:
        plot_w = width - self.margin["l"] - self.margin["r"]
        return Geometry(self.slot, self.spacing, self.y_range[1], plot_w, self.spacing * (self.y_range[1] - self.y_range[0]),
                        self.margin["r"] - 2, self.size, self.dense)


def build(store: Store, spec: BifurcationSpec, width: int) -> go.Figure:
    events = releases_selected(store, spec)
    postures = [store.posture_of(e.licence) for e in events]
    # A disputed licence is drawn at its own posture level, so that level is shown too.
    levelled = postures + [p for e in events for p, _, _ in disputed_licences(store, e)]
    drawn = bifurcation_lines.lines(store, spec, events, postures)
    plan = _plan(store, spec, events, levelled, drawn, width, len(levelled) > len(postures))
    fig = BatchedFigure()
    height = int(plan.spacing * (plan.y_range[1] - plan.y_range[0])) + plan.margin["t"] + plan.margin["b"]
    fig.update_layout(**base_layout(height, margin=plan.margin), hovermode="closest")
    fig.update_layout(xaxis=_x_axis(plan, len(events)), yaxis=hidden_axis(*plan.y_range))
    _levels(fig, plan, levelled)
    ys = _ys(plan, drawn, postures)
    geo = plan.geometry(width)
    board = board_for(geo, [(i, y, plan.mark / 2 + 1) for i, y in enumerate(ys)] + _ghost_marks(store, events, postures, plan))
    for index, _, _ in plan.forks:
        block_arrow(board, geo, index, ys[index])
    missing = _draw_lines(fig, plan, geo, board, postures, drawn, ys)
    _markers(fig, store, events, postures, plan, ys)
    _licence_ghosts(fig, store, events, postures, plan, ys)
    for index, lines, above in plan.forks:
        fork_note(fig, geo, plan.margin["l"], width, index, ys[index], lines, above)
    # Lines that could not be named at their ends (every line, in a dense plan) are named in a key under the ticks.
    keyed = line_key(fig, missing, width, plan.margin["l"], plan.size - 1, plan.tick_h + 8)
    if plan.key:
        fig.add_annotation(x=0, y=0, xref="paper", yref="paper", xanchor="left", yanchor="top", showarrow=False,
                           xshift=8 - plan.margin["l"], yshift=-(plan.margin["b"] - 14 - plan.size * LINE * len(plan.key) + keyed),
                           align="left", text="<br>".join(esc(line) for line in plan.key),
                           font={"size": plan.size - 1, "color": LIGHT["muted"]})
    if keyed:
        fig.update_layout(height=height + int(keyed), margin={**plan.margin, "b": plan.margin["b"] + int(keyed)})
    return fig.flush()


def _ys(plan: Plan, drawn: list[Line], postures: list[str]) -> list[float]:
    """Each release's height: its posture's level, and in a dense plan its line's lane beside the other lines."""
    ys: list[float] = [LEVEL[p] for p in postures]
    if not plan.dense or len(drawn) < 2:
        return ys
    step = min(6.0, 18.0 / len(drawn)) / plan.spacing
    for i, k in enumerate(owners(drawn, len(postures))):
        ys[i] += ((len(drawn) - 1) / 2 - k) * step
    return ys


def _plan(store: Store, spec: BifurcationSpec, events: list[Event], postures: list[str], drawn: list[Line], width: int,
          disputed: bool) -> Plan:
    narrow = is_narrow(width)
    size = 11 if narrow else 12
    level_lines = {k: wrap(LEVEL_LABEL[k], 84 if narrow else 220, size) for k in _shown_levels(postures)}
    left = max(text_width(line, size) for lines_ in level_lines.values() for line in lines_)
    margin = {"l": int(left) + 16, "r": 10 if narrow else 20, "t": 0, "b": 0}
    slot = (width - margin["l"] - margin["r"]) / max(1, len(events))
    dense = slot < DENSE_SLOT
    names = [spec.labels.get(e.id, e.short) + status_note(e) for e in events]
    forks = sorted({line.fork for line in drawn if line.fork is not None})
    order = ranks(store, events, {**spec.labels, **{events[f].id: "" for f in forks}})
    ticks, angle, tick_h, unlabelled = tick_texts(names, slot, size, [order[e.id] for e in events])
    notes = _fork_notes(drawn, forks, narrow, size)
    rows = fork_rows(notes, Geometry(slot, 0, 0, 0, 0, 0, size, dense), margin["l"], width)
    heights = [max((len(n[1]) for n, r in zip(notes, rows, strict=True) if r == row), default=0) * size * LINE for row in range(max(rows, default=-1) + 1)]
    margin["t"] = int(sum(heights) + 8 * (len(heights) - 1) + 26) if notes else 12
    keys = legend_keys(events, spans=False) + [LEVEL_KEY] * disputed
    keys += [unlabelled_note(unlabelled, len(events), narrow)] if unlabelled else []
    key = wrap(" · ".join(keys), width - 24, size - 1) if keys else []
    margin["b"] = int(tick_h + 14 + (len(key) * (size - 1) * LINE + 8 if key else 0))
    spacing = 56.0 if narrow else 64.0
    label_px = {line.key: max((len(events) - 0.5 - (line.points[0] + 0.3)) * slot, 72.0) for line in drawn}
    # Room above the top line and below the bottom one for the lines' end labels, however many lines they wrap to
    # (a narrow figure wraps "Base tier stays open" into three), so the top one stays below the fork note.
    end_lines = max((len(end_texts(text, label_px[line.key], size)) for line in drawn for text in _name_forms(spec, line)), default=1)
    pad = (max(2, end_lines) * (size + 1) * LINE + 16) / spacing
    levels = [LEVEL[k] for k in _shown_levels(postures)]
    level_text = {k: "<br>".join(esc(line) for line in v) for k, v in level_lines.items()}
    placed = [(index, lines, 6 + sum(heights[r + 1:]) + 8 * (len(heights) - 1 - r)) for (index, lines), r in zip(notes, rows, strict=True)]
    return Plan(narrow, margin, slot, spacing, (min(levels) - pad, max(levels) + pad), size, ticks, angle, label_px,
                level_text, placed, key, dense, min(13 if narrow else 15, max(6, int(slot * 1.6))) if dense else 13 if narrow else 15,
                tick_h)


def _name_forms(spec: BifurcationSpec, line: Line) -> list[str]:
    """The names a line may carry: a tier's every verdict (so the plan does not hang on the data), a branch's own label."""
    if spec.options.branches:
        return [line.label]
    return [f"{tier} tier {verdict}" for tier in ("Base", "Flagship")
            for verdict in ("stays open", "opens", "closes", "goes paper-only", "undisclosed")]


def _fork_notes(drawn: list[Line], forks: list[int], narrow: bool, size: int) -> list[tuple[int, list[str]]]:
    """Each fork release with its note's lines: the notes of the lines parting there, one after another."""
    out = []
    for index in forks:
        texts = list(dict.fromkeys(line.fork_label for line in drawn if line.fork == index and line.fork_label))
        out.append((index, [piece for text in texts for piece in wrap(text, 200 if narrow else 320, size * BOLD)]))
    return out


def _shown_levels(postures: list[str]) -> list[str]:
    """The four levels always, so that a drop reads as a fall; 'undisclosed' only when a release has it."""
    return [k for k in LEVEL if k != "unknown" or k in postures]


def _x_axis(plan: Plan, count: int) -> dict[str, object]:
    return {"range": [-0.5, max(count, 1) - 0.5], "tickmode": "array", "tickvals": list(range(count)), "ticktext": plan.ticks,
            "tickangle": plan.tick_angle, "showgrid": False, "zeroline": False, "fixedrange": True, "automargin": False,
            "showline": True, "linecolor": LIGHT["faint"], "ticks": "outside", "tickcolor": LIGHT["faint"], "ticklen": 4,
            "tickfont": {"size": plan.size, "color": LIGHT["ink"]}}


def _levels(fig: go.Figure, plan: Plan, postures: list[str]) -> None:
    """A faint guide line per posture level, named on the left."""
    for kind in _shown_levels(postures):
        y = LEVEL[kind]
        fig.add_shape(type="line", xref="paper", yref="y", x0=0, x1=1, y0=y, y1=y, layer="below",
                      line={"color": LIGHT["faint"], "width": 1, "dash": "dot"})
        fig.add_annotation(x=0, y=y, xref="paper", yref="y", xanchor="right", yanchor="middle", xshift=-8, showarrow=False,
                           align="right", text=plan.level_text[kind], font={"size": plan.size, "color": LIGHT["ink"]})


def _draw_lines(fig: go.Figure, plan: Plan, geo: Geometry, board: LabelBoard, postures: list[str], drawn: list[Line],
                ys: list[float]) -> list[tuple[str, str, str]]:
    """Each line, its dashed run-on to the last generation when it ships nothing newer, and its name; the names left out."""
    last = len(postures) - 1
    ends = []
    shape = "hv" if plan.dense else "linear"  # in a dense plan a posture holds until the line's next release
    styles = bifurcation_lines.looks(drawn, postures)
    for line in [line for line in drawn if not line.shared]:
        idx = line.points
        colour, dash = styles[line.key]
        name = f"{line.key} tier" if line.key in ("base", "flagship") and line.parent in ("trunk", None) and line.label.startswith(
            line.key.capitalize()) else line.label
        fig.add_trace(_path(idx, [ys[i] for i in idx], colour, dash, name, shape))
        end = ys[idx[-1]] if line.fork != idx[-1] or len(idx) == 1 else ys[idx[-1]]
        if idx[-1] < last:
            # No newer release in this line: what it last shipped stays available under its licence.
            fig.add_trace(_path([idx[-1], last], [end, end], colour, "dash", f"{name}, no newer release", "linear"))
        ends.append((line, end, colour, last, plan.label_px[line.key], dash))
    for line in [line for line in drawn if line.shared and len(line.points) > 1]:
        fig.add_trace(_path(line.points, [ys[i] for i in line.points], LIGHT["muted"], "solid",
                            "both tiers" if line.key == "trunk" else line.label, shape))
        shared_label(fig, geo, board, line, ys)
    return end_labels(fig, geo, board, ends)


def _path(idx: list[int], ys: list[float], colour: str, dash: str, name: str, shape: str) -> go.Scatter:
    line = {"color": colour, "width": 3.5 if shape == "linear" else 2.5, "dash": dash}
    if shape != "linear":
        line["shape"] = shape
    return scatter(x=idx, y=ys, mode="lines", name=name, hoverinfo="skip", showlegend=False, line=line)


def _markers(fig: go.Figure, store: Store, events: list[Event], postures: list[str], plan: Plan, ys: list[float]) -> None:
    xs = list(range(len(events)))
    colours = [POSTURE_COLOUR[p] for p in postures]
    size = plan.mark
    # Paper-coloured shapes under the markers, so a hollow marker does not show the line through it.
    fig.add_trace(scatter(x=xs, y=ys, mode="markers", hoverinfo="skip", showlegend=False, name="",
                          marker={"size": size, "color": LIGHT["paper"], "symbol": [POSTURE_SYMBOL[p] for p in postures]}))
    fig.add_trace(scatter(
        x=xs, y=ys, mode="markers", name="releases", showlegend=False, hoverinfo="text", customdata=[e.id for e in events],
        marker={"size": size, "color": colours, "symbol": [symbol_for(p, e.status) for p, e in zip(postures, events, strict=True)],
                "line": {"width": 2.5 if size >= 11 else 1.5, "color": colours}},
        hovertext=[hover_card(store, e, [f"Tier: {e.release.tier}"] if e.release else []) for e in events]))


def _ghost_marks(store: Store, events: list[Event], postures: list[str], plan: Plan) -> list[tuple[float, float, float]]:
    """Where each other reported licence's outline stands (x, y, half size), so that no name covers it."""
    return [(i, LEVEL[other], plan.mark / 2 + 1) for i, (e, p) in enumerate(zip(events, postures, strict=True))
            for other, _, _ in disputed_licences(store, e)[:1] if other != p]


def _licence_ghosts(fig: go.Figure, store: Store, events: list[Event], postures: list[str], plan: Plan, ys: list[float]) -> None:
    """Another reported licence as a dotted outline of its posture's mark at its level, linked to the release;
    a ring round the mark when the other licence has the same posture (there is no other level to point at)."""
    size = plan.mark
    points: list[tuple[int, int, Event, str]] = []
    same = [i for i, (e, p) in enumerate(zip(events, postures, strict=True)) if any(o == p for o, _, _ in disputed_licences(store, e)[:1])]
    ring = ring_trace(store, same, [ys[i] for i in same], [events[i] for i in same], size=size)
    if ring is not None:
        fig.add_trace(ring)
    for i, (event, posture) in enumerate(zip(events, postures, strict=True)):
        for other, name, sources in disputed_licences(store, event)[:1]:
            if other == posture:
                continue
            colour = POSTURE_COLOUR[other]
            fig.add_shape(type="line", xref="x", yref="y", x0=i, x1=i, y0=ys[i], y1=LEVEL[other], layer="below",
                          line={"color": colour, "width": 1, "dash": "dot"}, name=f"licence ghost link {event.id}")
            outline(fig, i, LEVEL[other], POSTURE_SYMBOL[other], colour, size, f"licence ghost {event.id} {other}")
            outlets = ", ".join(store.outlets(sources)) or "no source recorded"
            points.append((i, LEVEL[other], event, f"<b>{esc(event.title)}</b><br>{esc(f'Another reported licence: {name} — {outlets}')}"))
    if points:
        fig.add_trace(scatter(x=[p[0] for p in points], y=[p[1] for p in points], mode="markers", name="licence ghosts",
                              customdata=[p[2].id for p in points], hovertext=[p[3] for p in points], hoverinfo="text",
                              showlegend=False, marker={"size": size + 4, "opacity": 0, "color": LIGHT["paper"]}))
