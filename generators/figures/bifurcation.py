"""F4, `bifurcation`: a subject's releases by generation (x) and licence posture (y), one line per tier.

In: the store and a BifurcationSpec. Out: a Plotly figure in which the releases up to the fork are
one shared line, after which the base tier's line and the flagship tier's line part (each running on
to the last generation), with the fork point annotated, the posture levels labelled on the left and
every release marked by its posture's colour and symbol (hollow when not confirmed).
"""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

from generators.figures.canvas import BatchedFigure, scatter
from generators.figures.claims import LEVEL_KEY, disputed_licences, legend_keys
from generators.figures.ghosts import outline, ring_trace
from generators.figures.placement import Box as TextBox
from generators.figures.placement import LabelBoard
from generators.figures.prominence import ranks
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
OPEN = ("permissive", "restricted")
LINE = 1.3  # Plotly's line height for multi-line text, in ems
BOLD = 1.1  # bold text runs about a tenth wider than `text_width` estimates


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
    label_px: float  # widest a line label may be
    level_text: dict[str, str]  # wrapped level names, by posture
    fork_lines: list[str]  # the fork label, wrapped (plain text)
    key: list[str]  # the status key, wrapped (plain text); empty when every release is confirmed


@dataclass(frozen=True)
class Lines:
    """Indices of the releases each line passes through; `fork` is None when the tiers never part."""

    fork: int | None
    trunk: list[int]
    base: list[int]
    flagship: list[int]


def build(store: Store, spec: BifurcationSpec, width: int) -> go.Figure:
    events = [e for e in store.drawn(spec) if e.release]
    postures = [store.posture_of(e.licence) for e in events]
    # A disputed licence is drawn at its own posture level, so that level is shown too.
    levelled = postures + [p for e in events for p, _, _ in disputed_licences(store, e)]
    lines = _lines(events, postures, spec.options.fork)
    plan = _plan(store, spec, events, levelled, lines, width, len(levelled) > len(postures))
    fig = BatchedFigure()
    height = int(plan.spacing * (plan.y_range[1] - plan.y_range[0])) + plan.margin["t"] + plan.margin["b"]
    fig.update_layout(**base_layout(height, margin=plan.margin), hovermode="closest")
    fig.update_layout(xaxis=_x_axis(plan, len(events)), yaxis=hidden_axis(*plan.y_range))
    _levels(fig, plan, levelled)
    _draw_lines(fig, plan, events, postures, lines)
    _markers(fig, store, events, postures, plan)
    _licence_ghosts(fig, store, events, postures, plan)
    if lines.fork is not None:
        _fork_note(fig, plan, lines.fork, LEVEL[postures[lines.fork]], width)
    if plan.key:
        fig.add_annotation(x=0, y=0, xref="paper", yref="paper", xanchor="left", yanchor="top", showarrow=False,
                           xshift=8 - plan.margin["l"], yshift=-(plan.margin["b"] - 14 - plan.size * LINE * len(plan.key)), align="left",
                           text="<br>".join(esc(line) for line in plan.key), font={"size": plan.size - 1, "color": LIGHT["muted"]})
    return fig.flush()


def _lines(events: list[Event], postures: list[str], fork_id: str | None) -> Lines:
    """The shared trunk up to the fork, then each tier's releases after it, both starting from the fork."""
    ids = [e.id for e in events]
    fork = ids.index(fork_id) if fork_id in ids else _default_fork(events, postures)
    tiers = [e.release.tier if e.release else "base" for e in events]
    if fork is None:
        return Lines(None, [], [i for i, t in enumerate(tiers) if t == "base"], [i for i, t in enumerate(tiers) if t == "flagship"])
    after = range(fork + 1, len(events))
    return Lines(fork, list(range(fork + 1)), [fork] + [i for i in after if tiers[i] == "base"],
                 [fork] + [i for i in after if tiers[i] == "flagship"])


def _default_fork(events: list[Event], postures: list[str]) -> int | None:
    """Without `options.fork`: the release just before the first flagship release that is not open."""
    for i, (event, posture) in enumerate(zip(events, postures, strict=True)):
        if i and event.release and event.release.tier == "flagship" and posture not in OPEN:
            return i - 1
    return None


def _plan(store: Store, spec: BifurcationSpec, events: list[Event], postures: list[str], lines: Lines, width: int,
          disputed: bool) -> Plan:
    narrow = width < 600
    size = 11 if narrow else 12
    level_lines = {k: wrap(LEVEL_LABEL[k], 84 if narrow else 220, size) for k in _shown_levels(postures)}
    left = max(text_width(line, size) for lines_ in level_lines.values() for line in lines_)
    margin = {"l": int(left) + 16, "r": 10 if narrow else 20, "t": 0, "b": 0}
    slot = (width - margin["l"] - margin["r"]) / max(1, len(events))
    names = [spec.labels.get(e.id, e.short) + status_note(e) for e in events]
    order = ranks(store, events, {**spec.labels, **({spec.options.fork: ""} if spec.options.fork else {})})
    ticks, angle, tick_h = _ticks(names, slot, size, [order[e.id] for e in events])
    fork_lines = wrap(_fork_text(spec, events[lines.fork]), 200 if narrow else 320, size * BOLD) if lines.fork is not None else []
    margin["t"] = int(len(fork_lines) * size * LINE + 26) if fork_lines else 12
    keys = legend_keys(events, spans=False) + [LEVEL_KEY] * disputed
    key = wrap(" · ".join(keys), width - 24, size - 1) if keys else []
    margin["b"] = int(tick_h + 14 + (len(key) * (size - 1) * LINE + 8 if key else 0))
    spacing = 56.0 if narrow else 64.0
    room = (len(events) - 0.5 - ((lines.fork or 0) + 0.3)) * slot
    label_px = max(room, 72.0)
    # Room above the top line and below the bottom one for the tiers' end labels, however many lines they wrap to
    # (a narrow figure wraps "Base tier stays open" into three), so the top one stays below the fork note.
    end_lines = max(len(wrap(f"{tier} tier {verdict}", label_px, (size + 1) * BOLD)) for tier in ("Base", "Flagship")
                    for verdict in ("stays open", "opens", "closes", "goes paper-only", "undisclosed"))
    pad = (max(2, end_lines) * (size + 1) * LINE + 16) / spacing
    levels = [LEVEL[k] for k in _shown_levels(postures)]
    level_text = {k: "<br>".join(esc(line) for line in v) for k, v in level_lines.items()}
    return Plan(narrow, margin, slot, spacing, (min(levels) - pad, max(levels) + pad), size, ticks, angle, label_px,
                level_text, fork_lines, key)


def _shown_levels(postures: list[str]) -> list[str]:
    """The four levels always, so that a drop reads as a fall; 'undisclosed' only when a release has it."""
    return [k for k in LEVEL if k != "unknown" or k in postures]


def _ticks(names: list[str], slot: float, size: int, ranks_: list[tuple[object, ...]]) -> tuple[list[str], int, float]:
    """Tick texts, their angle and the height they take: level when each fits its slot in two lines,
    else slanted, else upright."""
    # Two lines hold at most twice the slot, less the one space a break drops: a longer name rules level ticks out
    # without wrapping each name into slot-wide pieces (which costs a name's length squared in a narrow slot).
    fits_two = all(text_width(n, size) - text_width(" ", size) <= 2 * (slot - 8) for n in names)
    wrapped = [wrap(n, slot - 8, size) for n in names] if fits_two else []
    if fits_two and all(len(w) <= 2 and max(text_width(line, size) for line in w) <= slot - 8 for w in wrapped):
        return ["<br>".join(esc(line) for line in w) for w in wrapped], 0, max((len(w) for w in wrapped), default=1) * size * LINE + 4
    widest = max((text_width(n, size) for n in names), default=0.0)
    if slot >= 2 * size:
        return [esc(n) for n in names], -45, (widest + size) * 0.71 + 4
    if slot >= size * LINE:
        return [esc(n) for n in names], -90, widest + 6
    # Too many generations for a name each: upright names where they clear each other, the most prominent first
    # (the fork's and the spec's chosen labels lead); the rest keep their hover cards.
    board = LabelBoard(gap=2)
    for i, rank in enumerate(ranks_):
        board.request(i, [[TextBox(i * slot - size * LINE / 2, 0, i * slot + size * LINE / 2, 1)]], rank)
    chosen = board.place()
    kept = [esc(n) if chosen[i] is not None else "" for i, n in enumerate(names)]
    return kept, -90, max((text_width(n, size) for n, k in zip(names, kept, strict=True) if k), default=0.0) + 6


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


def _draw_lines(fig: go.Figure, plan: Plan, events: list[Event], postures: list[str], lines: Lines) -> None:
    last = len(events) - 1
    ends = {}
    for tier, idx in (("base", lines.base), ("flagship", lines.flagship)):
        if not idx:
            continue
        colour = POSTURE_COLOUR[postures[idx[-1]]]
        fig.add_trace(_path(idx, postures, colour, "solid", f"{tier} tier"))
        if idx[-1] < last:
            # No newer release in this tier: what it last shipped stays available under its licence.
            y = LEVEL[postures[idx[-1]]]
            fig.add_trace(_path([idx[-1], last], [], colour, "dash", f"{tier} tier, no newer release", ys=[y, y]))
        ends[tier] = (LEVEL[postures[idx[-1]]], postures[idx[0]], postures[idx[-1]], colour)
    if len(lines.trunk) > 1:
        fig.add_trace(_path(lines.trunk, postures, LIGHT["muted"], "solid", "both tiers"))
        _trunk_label(fig, plan, lines.trunk, postures)
    _end_labels(fig, plan, last, ends)


def _path(idx: list[int], postures: list[str], colour: str, dash: str, name: str, ys: list[float] | None = None) -> go.Scatter:
    return scatter(x=idx, y=ys or [LEVEL[postures[i]] for i in idx], mode="lines", name=name, hoverinfo="skip",
                      showlegend=False, line={"color": colour, "width": 3.5, "dash": dash})


def _trunk_label(fig: go.Figure, plan: Plan, trunk: list[int], postures: list[str]) -> None:
    """'Both tiers' over the first stretch of the shared line, where there is room for it."""
    if text_width("Both tiers", plan.size) > plan.slot - 12:
        return
    y = (LEVEL[postures[trunk[0]]] + LEVEL[postures[trunk[1]]]) / 2
    fig.add_annotation(x=(trunk[0] + trunk[1]) / 2, y=y, xref="x", yref="y", yanchor="bottom", yshift=6, showarrow=False,
                       text="Both tiers", font={"size": plan.size, "color": LIGHT["muted"]})


def _end_labels(fig: go.Figure, plan: Plan, last: int, ends: dict[str, tuple[int, str, str, str]]) -> None:
    """Name each tier's line at its right end: the higher line above it, the lower one below it."""
    order = sorted(ends, key=lambda t: (-ends[t][0], t != "base"))
    for rank, tier in enumerate(order):
        level, start, end, colour = ends[tier]
        above = rank == 0
        words = f"{tier.capitalize()} tier {_verdict(start, end)}"
        text = "<br>".join(f"<b>{esc(line)}</b>" for line in wrap(words, plan.label_px, (plan.size + 1) * BOLD))
        fig.add_annotation(x=last + 0.35, y=level, xref="x", yref="y", xanchor="right", yanchor="bottom" if above else "top",
                           yshift=10 if above else -10, showarrow=False, align="right", text=text,
                           font={"size": plan.size + 1, "color": colour})


def _verdict(start: str, end: str) -> str:
    if end in OPEN:
        return "stays open" if start in OPEN else "opens"
    return "closes" if end == "closed" else "goes paper-only" if end == "paper" else "undisclosed"


def _markers(fig: go.Figure, store: Store, events: list[Event], postures: list[str], plan: Plan) -> None:
    xs, ys = list(range(len(events))), [LEVEL[p] for p in postures]
    colours = [POSTURE_COLOUR[p] for p in postures]
    size = 13 if plan.narrow else 15
    # Paper-coloured shapes under the markers, so a hollow marker does not show the line through it.
    fig.add_trace(scatter(x=xs, y=ys, mode="markers", hoverinfo="skip", showlegend=False, name="",
                             marker={"size": size, "color": LIGHT["paper"], "symbol": [POSTURE_SYMBOL[p] for p in postures]}))
    fig.add_trace(scatter(
        x=xs, y=ys, mode="markers", name="releases", showlegend=False, hoverinfo="text", customdata=[e.id for e in events],
        marker={"size": size, "color": colours, "symbol": [symbol_for(p, e.status) for p, e in zip(postures, events, strict=True)],
                "line": {"width": 2.5, "color": colours}},
        hovertext=[hover_card(store, e, [f"Tier: {e.release.tier}"] if e.release else []) for e in events]))


def _licence_ghosts(fig: go.Figure, store: Store, events: list[Event], postures: list[str], plan: Plan) -> None:
    """Another reported licence as a dotted outline of its posture's mark at its level, linked to the release;
    a ring round the mark when the other licence has the same posture (there is no other level to point at)."""
    size = 13 if plan.narrow else 15
    points: list[tuple[int, int, Event, str]] = []
    same = [i for i, (e, p) in enumerate(zip(events, postures, strict=True)) if any(o == p for o, _, _ in disputed_licences(store, e)[:1])]
    ring = ring_trace(store, same, [LEVEL[postures[i]] for i in same], [events[i] for i in same], size=size)
    if ring is not None:
        fig.add_trace(ring)
    for i, (event, posture) in enumerate(zip(events, postures, strict=True)):
        for other, name, sources in disputed_licences(store, event)[:1]:
            if other == posture:
                continue
            colour = POSTURE_COLOUR[other]
            fig.add_shape(type="line", xref="x", yref="y", x0=i, x1=i, y0=LEVEL[posture], y1=LEVEL[other], layer="below",
                          line={"color": colour, "width": 1, "dash": "dot"}, name=f"licence ghost link {event.id}")
            outline(fig, i, LEVEL[other], POSTURE_SYMBOL[other], colour, size, f"licence ghost {event.id} {other}")
            outlets = ", ".join(store.outlets(sources)) or "no source recorded"
            points.append((i, LEVEL[other], event, f"<b>{esc(event.title)}</b><br>{esc(f'Another reported licence: {name} — {outlets}')}"))
    if points:
        fig.add_trace(scatter(x=[p[0] for p in points], y=[p[1] for p in points], mode="markers", name="licence ghosts",
                              customdata=[p[2].id for p in points], hovertext=[p[3] for p in points], hoverinfo="text",
                              showlegend=False, marker={"size": size + 4, "opacity": 0, "color": LIGHT["paper"]}))


def _fork_text(spec: BifurcationSpec, fork: Event) -> str:
    return spec.options.fork_label or f"Fork point: {fork.date.label()}"


def _fork_note(fig: go.Figure, plan: Plan, index: int, level: int, width: int) -> None:
    """The fork label in the top margin with an arrow down to the fork release, kept inside the figure."""
    lines = plan.fork_lines
    text_w = max(text_width(line, plan.size * BOLD) for line in lines)
    centre = plan.margin["l"] + (index + 0.5) * plan.slot
    anchor = "left" if centre - text_w / 2 < 4 else "right" if centre + text_w / 2 > width - 4 else "center"
    drop = (plan.y_range[1] - level) * plan.spacing + 6
    fig.add_annotation(x=index, y=level, xref="x", yref="y", ax=0, ay=-drop, axref="pixel", ayref="pixel",
                       xanchor=anchor, yanchor="bottom", showarrow=True, arrowhead=2, arrowsize=1, arrowwidth=1.5,
                       arrowcolor=LIGHT["marker"], standoff=10, align="center",
                       text="<br>".join(f"<b>{esc(line)}</b>" for line in lines), font={"size": plan.size, "color": LIGHT["marker"]})
