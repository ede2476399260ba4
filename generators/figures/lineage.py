"""F5, `lineage`: a subject's releases as boxes joined by descent edges, with the people and units beneath.

In: the store and a LineageSpec. Out: a Plotly figure drawn in pixel coordinates (one axis unit = one px):
boxes in time order, left to right when a readable row fits the width and top to bottom otherwise,
each bordered by its licence posture, joined by arrows whose dash gives the descent kind, and one bar
per credited person or unit spanning the boxes they are credited on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import plotly.graph_objects as go

from generators.figures import lineage_layers
from generators.figures.canvas import BatchedFigure, scatter
from generators.figures.claims import RING_KEY, STATUS_KEY, date_notes, disputed_licences, legend_keys
from generators.figures.ghosts import ring_boxes
from generators.figures.style import LIGHT, POSTURE_COLOUR, POSTURE_DASH, POSTURE_LABEL, POSTURE_ORDER, base_layout, hidden_axis
from generators.figures.text import esc, hover_card, status_note, text_width
from generators.model.events import Event
from generators.model.figures import LineageSpec
from generators.model.store import Store

MARGIN = {"l": 12, "r": 12, "t": 12, "b": 12}
GAP = 34  # between boxes: room for an arrow
MIN_BOX = 104  # the narrowest box whose name and motif stay readable at 11-12 px
PAD = 7
LINE, SMALL = 16, 14  # px per line of 12 px and 11 px text
BAR_STEP = 30  # px between the vertical bars of the column layout
COLUMN_MAX = 12  # a phone shows up to this many releases as one column; more take the banded layered layout
LISTED = 8  # releases named in a person's text before the rest are counted
BAND_BAR = LINE + 14  # px per person's bar under a band: the name, then the bar
# Dash lengths in px so that even the short arrow between neighbouring boxes shows its pattern.
Edges = list[tuple[str, str, str]]  # (from release id, to release id, descent kind)
EDGE_DASH = {"successor": "solid", "upgrade": "6px,4px", "variant": "2px,3px"}
EDGE_LABEL = {"successor": "successor: next generation", "upgrade": "upgrade: same generation, improved",
              "variant": "variant: sibling built from it"}


@dataclass
class Box:
    event: Event
    x0: float
    y0: float
    x1: float
    y1: float
    head: list[str]
    motif: list[str]

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass(frozen=True)
class Credited:
    """A person or unit of the continuity layer and the shown releases they are credited on."""

    ref: str
    name: str
    person: bool
    releases: tuple[str, ...]
    text: str


def build(store: Store, spec: LineageSpec, width: int) -> go.Figure:
    events = store.chronological(e for e in store.drawn(spec) if e.release)
    names = {e.id: spec.labels.get(e.id, e.short) for e in events}
    credited = _credited(store, spec, events, names)
    edges: Edges = [(d.release, e.id, str(d.kind)) for e in events if e.release for d in e.release.descends_from if d.release in names]
    plot_w = width - MARGIN["l"] - MARGIN["r"]
    fig = BatchedFigure()
    in_row = len(events) * MIN_BOX + (len(events) - 1) * GAP <= plot_w
    if in_row or (plot_w < 480 and len(events) <= COLUMN_MAX):
        boxes, bottom = (_row_boxes if in_row else _column_boxes)(events, names, edges, credited, plot_w)
        _draw_boxes(fig, store, boxes, names, credited)
        for src, dst, kind in edges:
            _draw_edge(fig, boxes, src, dst, kind, in_row)
        bottom = (_row_bars if in_row else _column_bars)(fig, boxes, credited, bottom, plot_w)
    else:
        bottom = _banded(fig, store, events, names, edges, credited, plot_w)
    height = _draw_key(fig, store, events, edges, bottom + 14, plot_w)
    fig.update_layout(**base_layout(int(height) + MARGIN["t"] + MARGIN["b"], margin=MARGIN))
    # A few px of slack round the drawing so the outer boxes' borders are not clipped.
    fig.update_layout(xaxis=hidden_axis(-3, plot_w + 3), yaxis=hidden_axis(height, -3), hovermode="closest")
    return fig.flush()


def _banded(fig: go.Figure, store: Store, events: list[Event], names: dict[str, str], edges: Edges,
            credited: list[Credited], plot_w: float) -> float:
    """A layered graph wrapped into bands (`lineage_layers`), each band's people as bars beneath it; the y below."""
    parents: dict[str, list[str]] = {}
    for src, dst, _ in edges:
        parents.setdefault(dst, []).append(src)
    grouped = lineage_layers.layers(events, parents)
    layer_of = {e.id: k for k, layer in enumerate(grouped) for e in layer}
    box_w = lineage_layers.columns(plot_w)[1]
    texts = {e.id: _box_text(e, names[e.id], box_w - 2 * PAD) for e in events}
    if plot_w < 480:  # the compact form on phones: name and date, the motif in the hover card
        texts = {i: (head, []) for i, (head, _) in texts.items()}
    heights = {i: 2 * PAD + len(h) * LINE + len(m) * SMALL for i, (h, m) in texts.items()}
    spans = [r for r in credited if r.releases]
    # Indexes, so that sizing each band looks only at its own releases (the layout stays linear).
    into: dict[str, list[str]] = {}
    for src, dst, _ in edges:
        into.setdefault(dst, []).append(src)
    rows_on: dict[str, set[int]] = {}
    for k, row in enumerate(spans):
        for i in row.releases:
            rows_on.setdefault(i, set()).add(k)

    def room(ids: set[str]) -> float:
        skips = [layer_of[d] - layer_of[s] for d in ids for s in into.get(d, ()) if s in ids]
        return lineage_layers.arc_room([s for s in skips if s > 1], any(s not in ids for d in ids for s in into.get(d, ())))

    def under(band: lineage_layers.Band) -> float:
        count = len(set().union(*(rows_on.get(i, set()) for i in band.ids)))
        return count * BAND_BAR + (8 if count else 0)

    rects, bands, bottom = lineage_layers.place(grouped, heights, plot_w, room, under)
    boxes = {e.id: Box(e, *rects[e.id], *texts[e.id]) for e in events}
    _draw_boxes(fig, store, boxes, names, credited)
    band_of = {i: k for k, band in enumerate(bands) for i in band.ids}
    for n, (src, dst, kind) in enumerate(edges):
        crossing = band_of[src] != band_of[dst]
        span = 0 if crossing else layer_of[dst] - layer_of[src]
        lane = lineage_layers.lane_y(bands[band_of[dst]].top, span, crossing)
        path, x1, y1 = lineage_layers.routed_path(boxes[src], boxes[dst], span, lane, (n % 3) * 3.0)
        fig.add_shape(type="path", path=path, line={"color": LIGHT["muted"], "width": 2 if span == 1 else 1.5,
                                                    "dash": EDGE_DASH[kind]}, name=f"edge {src}>{dst} {kind}")
        fig.add_shape(type="path", path=_arrowhead(x1 + 7, y1, (1, 0)), fillcolor=LIGHT["muted"], line={"width": 0},
                      name=f"arrow {src}>{dst}")
    _band_bars(fig, boxes, bands, spans, plot_w)
    return _text_rows(fig, [r for r in credited if not r.releases], bottom, plot_w, "Also named (not credited on these releases)")


def _band_bars(fig: go.Figure, boxes: dict[str, Box], bands: list[lineage_layers.Band], rows: list[Credited],
               plot_w: float) -> None:
    """Under each band, a named bar per person or unit credited there, from their first to their last box in it."""
    shown, points = [], []
    band_of = {i: k for k, band in enumerate(bands) for i in band.ids}
    # Each row's releases bucketed by band once, in the row's own order: (band, row) -> ids.
    in_band: dict[tuple[int, int], list[str]] = {}
    for r, row in enumerate(rows):
        for i in row.releases:
            in_band.setdefault((band_of[i], r), []).append(i)
    for k, band in enumerate(bands):
        y = band.bottom + 8
        for r, row in enumerate(rows):
            ids = in_band.get((k, r))
            if not ids:
                continue
            x0, x1 = min(boxes[i].x0 for i in ids), max(boxes[i].x1 for i in ids)
            wide = text_width(row.name, 12) * 1.1
            fig.add_annotation(x=x0 if x0 + wide <= plot_w else max(0.0, plot_w - wide), y=y, text=f"<b>{esc(row.name)}</b>",
                               showarrow=False, xanchor="left", yanchor="top", font={"size": 12, "color": LIGHT["ink"]})
            bar_y = y + LINE + 6
            _bar(fig, row, x0, x1, bar_y - 3, bar_y + 3)
            shown.append(row)
            points.append([(boxes[i].cx, bar_y) for i in ids])
            y += BAND_BAR
    if shown:
        _credit_dots(fig, shown, points)


def _credited(store: Store, spec: LineageSpec, events: list[Event], names: dict[str, str]) -> list[Credited]:
    """The continuity layer: the spec's people and units, or everyone credited, each with roles by release.

    Someone the spec names who is credited on none of the shown releases gets no span (`releases` is
    empty); their text says where else they are credited, or who they are.
    """
    roles = _roles(events)
    people = spec.options.people or [ref for is_person, ref in roles if is_person]
    units = spec.options.units or [ref for is_person, ref in roles if not is_person]
    rows = []
    for key in [(True, ref) for ref in people] + [(False, ref) for ref in units]:
        name = store.name_of(key[1])
        if key not in roles:
            rows.append(Credited(key[1], name, key[0], (), f"{name} — {_elsewhere(store, spec, key, names)}"))
            continue
        by_role = roles[key]
        credited_on = {i for ids in by_role.values() for i in ids}
        ids = tuple(e.id for e in events if e.id in credited_on)
        parts = "; ".join(f"{role}: {_listed([names[i] for i in role_ids])}" for role, role_ids in by_role.items())
        rows.append(Credited(key[1], name, key[0], ids, f"{name} — {parts}"))
    return rows


def _listed(names: list[str]) -> str:
    """Names joined by commas; past LISTED of them, the count of the rest (a bar's text repeats on every dot)."""
    if len(names) <= LISTED:
        return ", ".join(names)
    return f"{', '.join(names[:LISTED])} and {len(names) - LISTED} more"


def _roles(events: list[Event]) -> dict[tuple[bool, str], dict[str, list[str]]]:
    """(is a person, id) -> role -> ids of the releases credited with it, in the order of `events`."""
    roles: dict[tuple[bool, str], dict[str, list[str]]] = {}
    for event in events:
        for credit in event.release.credits if event.release else []:
            key = (credit.person is not None, credit.person or credit.unit or "")
            roles.setdefault(key, {}).setdefault(credit.role, []).append(event.id)
    return roles


def _elsewhere(store: Store, spec: LineageSpec, key: tuple[bool, str], names: dict[str, str]) -> str:
    """For someone not credited on the shown releases: their roles on the subject's other releases, or who they are."""
    others = [e for e in store.releases(spec.subject) if e.id not in names]
    by_role = _roles(others).get(key, {})
    if by_role:
        shown = {e.id: e.short for e in others}
        return "; ".join(f"{role}: {_listed([shown[i] for i in ids])}" for role, ids in by_role.items()) + " (outside this line)"
    record = store.people.get(key[1]) if key[0] else store.units.get(key[1])
    return record.summary if record and record.summary else "not credited on these releases"


def _wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Greedy word wrap to `width` px; a word too long for a line is split after its hyphens."""
    factor = 1.1 if bold else 1.0
    words = [part for word in text.split() for part in
             (re.findall(r"[^-]+-?|-", word) if text_width(word, size) * factor > width else [word])]
    lines: list[str] = []
    for word in words:
        joiner = "" if lines and lines[-1].endswith("-") else " "
        if lines and text_width(lines[-1] + joiner + word, size) * factor <= width:
            lines[-1] += joiner + word
        else:
            lines.append(word)
    return lines or [""]


def _box_text(event: Event, name: str, inner: float) -> tuple[list[str], list[str]]:
    """Escaped lines of a box: the name (bold), the date as written with any status note, the motif."""
    head = [f"<b>{esc(line)}</b>" for line in _wrap(name, inner, 12, bold=True)]
    head += [esc(line) for line in _wrap(event.date.label() + status_note(event), inner, 12)]
    head += [f"<i>{esc(line)}</i>" for note in date_notes(event) for line in _wrap(note, inner, 12)]
    motif = event.release.motif if event.release and event.release.motif else ""
    return head, [esc(line) for line in _wrap(motif, inner, 11)] if motif else []


def _arc_reach(edges: Edges, order: dict[str, int]) -> float:
    """How far the longest arc bulges out from the boxes (edges between non-neighbours go round them)."""
    spans = [abs(order[dst] - order[src]) for src, dst, _ in edges if order[dst] - order[src] != 1]
    return 0.75 * _arc_height(max(spans)) + 6 if spans else 0.0


def _arc_height(span: int) -> float:
    """Longer arcs bulge further, so arcs over overlapping spans nest instead of running together."""
    return min(60.0, 16 + 10 * (span - 2))


def _row_boxes(events: list[Event], names: dict[str, str], edges: Edges,
               credited: list[Credited], plot_w: float) -> tuple[dict[str, Box], float]:
    """Boxes side by side, all as tall as the tallest, under room for the arcs."""
    n = max(1, len(events))
    box_w = min(200.0, (plot_w - (n - 1) * GAP) / n)
    left = (plot_w - n * box_w - (n - 1) * GAP) / 2
    texts = [_box_text(e, names[e.id], box_w - 2 * PAD) for e in events]
    box_h = max((2 * PAD + len(h) * LINE + len(m) * SMALL for h, m in texts), default=0)
    top = _arc_reach(edges, {e.id: i for i, e in enumerate(events)}) + 4
    boxes = {e.id: Box(e, left + i * (box_w + GAP), top, left + i * (box_w + GAP) + box_w, top + box_h, *texts[i])
             for i, e in enumerate(events)}
    return boxes, top + box_h


def _column_boxes(events: list[Event], names: dict[str, str], edges: Edges,
                  credited: list[Credited], plot_w: float) -> tuple[dict[str, Box], float]:
    """Boxes stacked top to bottom, room for arcs at the left and the people's bars at the right."""
    left = _arc_reach(edges, {e.id: i for i, e in enumerate(events)})
    box_w = max(MIN_BOX, min(260.0, plot_w - left - 12 - BAR_STEP * sum(1 for c in credited if c.releases)))
    boxes: dict[str, Box] = {}
    y = 4.0
    for event in events:
        head, motif = _box_text(event, names[event.id], box_w - 2 * PAD)
        height = 2 * PAD + len(head) * LINE + len(motif) * SMALL
        boxes[event.id] = Box(event, left, y, left + box_w, y + height, head, motif)
        y += height + GAP
    return boxes, y - GAP


def _draw_boxes(fig: go.Figure, store: Store, boxes: dict[str, Box], names: dict[str, str],
                credited: list[Credited]) -> None:
    """Each box: a posture-coloured border (tinted inside only when confirmed), its text, and a hover point."""
    for box in boxes.values():
        event = box.event
        posture = store.posture_of(event.licence)
        colour = POSTURE_COLOUR[posture]
        if event.status == "confirmed":
            fig.add_shape(type="rect", x0=box.x0, x1=box.x1, y0=box.y0, y1=box.y1, fillcolor=colour, opacity=0.1,
                          line={"width": 0}, layer="below", name=f"tint {event.id}")
        fig.add_shape(type="rect", x0=box.x0, x1=box.x1, y0=box.y0, y1=box.y1, name=f"box {event.id}",
                      line={"color": colour, "width": 2.5 if event.status == "confirmed" else 1.5,
                            "dash": POSTURE_DASH[posture]})
        fig.add_annotation(x=box.cx, y=box.y0 + PAD - 1, text="<br>".join(box.head), showarrow=False, yanchor="top",
                           font={"size": 12, "color": LIGHT["ink"]})
        if box.motif:
            fig.add_annotation(x=box.cx, y=box.y0 + PAD - 1 + len(box.head) * LINE, text="<br>".join(box.motif),
                               showarrow=False, yanchor="top", font={"size": 11, "color": LIGHT["muted"]})
    ring_boxes(fig, store, [(b.event, b.x0, b.y0, b.x1, b.y1) for b in boxes.values()])
    on: dict[str, list[str]] = {}
    for c in credited:
        for i in c.releases:
            on.setdefault(i, []).append(c.name)
    fig.add_trace(scatter(
        x=[b.cx for b in boxes.values()], y=[b.cy for b in boxes.values()], mode="markers", name="releases",
        marker={"size": [min(b.x1 - b.x0, b.y1 - b.y0) for b in boxes.values()], "opacity": 0, "color": LIGHT["paper"]},
        hovertext=[hover_card(store, b.event, _hover_extra(store, b.event, on.get(b.event.id, []))) for b in boxes.values()],
        hoverinfo="text", customdata=list(boxes), showlegend=False))


def _hover_extra(store: Store, event: Event, credited: list[str]) -> list[str]:
    """Hover lines beyond the card: motif, size, descent and the names (in layer order) credited on `event`."""
    assert event.release is not None
    lines = [f"Motif: {event.release.motif}"] if event.release.motif else []
    lines += [f"Size: {event.release.size}"] if event.release.size else []
    lines += [f"Descends from: {store.name_of(d.release)} ({d.kind})" for d in event.release.descends_from]
    lines += [f"Credited: {', '.join(credited)}"] if credited else []
    return lines


def _draw_edge(fig: go.Figure, boxes: dict[str, Box], src: str, dst: str, kind: str, in_row: bool) -> None:
    """A straight arrow between neighbours; an arc round the boxes (above a row, left of a column) otherwise."""
    a, b = boxes[src], boxes[dst]
    order = list(boxes)
    span = order.index(dst) - order.index(src)
    line = {"color": LIGHT["muted"], "width": 2, "dash": EDGE_DASH[kind]}
    name = f"edge {src}>{dst} {kind}"
    if span == 1:
        (x0, y0), (x1, y1), d = ((a.x1, a.cy), (b.x0, b.cy), (1, 0)) if in_row else ((a.cx, a.y1), (b.cx, b.y0), (0, 1))
        fig.add_shape(type="line", x0=x0, y0=y0, x1=x1 - 7 * d[0], y1=y1 - 7 * d[1], line=line, name=name)
    else:
        h = _arc_height(abs(span))
        if in_row:
            (x0, y0), (x1, y1), d = (a.cx + 0.15 * (a.x1 - a.x0), a.y0), (b.cx - 0.15 * (b.x1 - b.x0), b.y0), (0, 1)
            path = f"M {x0},{y0} C {x0},{y0 - h} {x1},{y1 - h} {x1},{y1 - 7}"
        else:
            (x0, y0), (x1, y1), d = (a.x0, a.cy + 6), (b.x0, b.cy - 6), (1, 0)
            path = f"M {x0},{y0} C {x0 - h},{y0} {x1 - h},{y1} {x1 - 7},{y1}"
        fig.add_shape(type="path", path=path, line=line, name=name)
    fig.add_shape(type="path", path=_arrowhead(x1, y1, d), fillcolor=LIGHT["muted"], line={"width": 0},
                  name=f"arrow {src}>{dst}")


def _arrowhead(x: float, y: float, d: tuple[int, int]) -> str:
    bx, by = x - 8 * d[0], y - 8 * d[1]
    px, py = -d[1] * 4.5, d[0] * 4.5
    return f"M {x},{y} L {bx + px},{by + py} L {bx - px},{by - py} Z"


def _bar(fig: go.Figure, row: Credited, x0: float, x1: float, y0: float, y1: float) -> None:
    fig.add_shape(type="rect", x0=x0, x1=x1, y0=y0, y1=y1, fillcolor=LIGHT["ink"] if row.person else LIGHT["muted"],
                  line={"width": 0}, name=f"bar {row.ref}")


def _credit_dots(fig: go.Figure, rows: list[Credited], points: list[list[tuple[float, float]]]) -> None:
    """A dot on each bar at each release it is credited on, with the role in its hover."""
    xs = [x for pts in points for x, _ in pts]
    ys = [y for pts in points for _, y in pts]
    colours = [LIGHT["ink"] if r.person else LIGHT["muted"] for r, pts in zip(rows, points, strict=True) for _ in pts]
    hover = [esc(r.text) for r, pts in zip(rows, points, strict=True) for _ in pts]
    fig.add_trace(scatter(x=xs, y=ys, mode="markers", hovertext=hover, hoverinfo="text", showlegend=False,
                             name="credits", marker={"size": 11, "color": colours, "line": {"width": 2, "color": LIGHT["paper"]}}))


def _label_lines(row: Credited, width: float) -> str:
    """The bar's label, wrapped, with the name in bold."""
    lines = [esc(line) for line in _wrap(row.text, width, 12)]
    name = esc(row.name)
    lines[0] = f"<b>{name}</b>{lines[0][len(name):]}" if lines[0].startswith(name) else lines[0]
    return "<br>".join(lines)


def _row_bars(fig: go.Figure, boxes: dict[str, Box], rows: list[Credited], top: float, plot_w: float) -> float:
    """Horizontal bars under the row of boxes, one per credited person or unit, each labelled above."""
    spans = [r for r in rows if r.releases]
    y = _layer_heading(fig, top + 12, "People and teams credited") if spans else top
    points = []
    for row in spans:
        first, last = boxes[row.releases[0]], boxes[row.releases[-1]]
        text = _label_lines(row, plot_w)
        wide = text_width(row.text, 12) * 1.05
        # Start the label over the bar; slide it left when it would run off the right edge.
        x = first.x0 if first.x0 + wide <= plot_w else max(0.0, last.x1 - wide)
        fig.add_annotation(x=x, y=y, text=text, showarrow=False, xanchor="left", yanchor="top", align="left",
                           font={"size": 12, "color": LIGHT["ink"]})
        bar_y = y + (text.count("<br>") + 1) * LINE + 8
        _bar(fig, row, first.x0, last.x1, bar_y - 3, bar_y + 3)
        points.append([(boxes[r].cx, bar_y) for r in row.releases])
        y = bar_y + 14
    if spans:
        _guides(fig, boxes, top, y, True)
        _credit_dots(fig, spans, points)
    return _text_rows(fig, [r for r in rows if not r.releases], y, plot_w, "Also named (not credited on these releases)")


def _column_bars(fig: go.Figure, boxes: dict[str, Box], rows: list[Credited], top: float, plot_w: float) -> float:
    """Vertical bars right of the column of boxes, each named along its length; the roles listed beneath."""
    spans = [r for r in rows if r.releases]
    right = max((b.x1 for b in boxes.values()), default=0.0)
    step = min(BAR_STEP, (plot_w - right - 8) / max(1, len(spans)))
    points = []
    for i, row in enumerate(spans):
        first, last = boxes[row.releases[0]], boxes[row.releases[-1]]
        x = right + 14 + i * step
        _bar(fig, row, x - 2.5, x + 2.5, first.y0, last.y1)
        points.append([(x, boxes[r].cy) for r in row.releases])
        if step >= 22:
            fig.add_annotation(x=x + 5, y=(first.y0 + last.y1) / 2, text=f"<b>{esc(row.name)}</b>", textangle=-90,
                               showarrow=False, xanchor="left", font={"size": 11, "color": LIGHT["ink"]})
    if spans:
        _guides(fig, boxes, right, right + 14 + (len(spans) - 1) * step, False)
        _credit_dots(fig, spans, points)
    y = _text_rows(fig, spans, top + 6, plot_w, "People and teams credited")
    return _text_rows(fig, [r for r in rows if not r.releases], y, plot_w, "Also named (not credited on these releases)")


def _text_rows(fig: go.Figure, rows: list[Credited], y: float, plot_w: float, heading: str) -> float:
    """A heading and one wrapped line per row; the y below them."""
    if not rows:
        return y
    y = _layer_heading(fig, y + 12, heading)
    for row in rows:
        text = _label_lines(row, plot_w)
        fig.add_annotation(x=0, y=y, text=text, showarrow=False, xanchor="left", yanchor="top", align="left",
                           font={"size": 12, "color": LIGHT["ink"]})
        y += (text.count("<br>") + 1) * LINE + 6
    return y


def _layer_heading(fig: go.Figure, y: float, text: str) -> float:
    fig.add_annotation(x=0, y=y, text=f"<b>{esc(text)}</b>", showarrow=False, xanchor="left", yanchor="top",
                       font={"size": 12, "color": LIGHT["muted"]})
    return y + LINE + 6


def _guides(fig: go.Figure, boxes: dict[str, Box], start: float, end: float, in_row: bool) -> None:
    """Faint lines from each box into the people layer, so a bar's ends can be read against the boxes."""
    for box in boxes.values():
        x0, y0, x1, y1 = (box.cx, box.y1, box.cx, end) if in_row else (box.x1, box.cy, end, box.cy)
        fig.add_shape(type="line", x0=x0, y0=y0, x1=x1, y1=y1, layer="below",
                      line={"color": LIGHT["faint"], "width": 1, "dash": "dot"})


def _draw_key(fig: go.Figure, store: Store, events: list[Event], edges: Edges,
              top: float, plot_w: float) -> float:
    """A key drawn as shapes: the descent kinds and postures shown, and the hollow (unconfirmed) box."""
    postures = {store.posture_of(e.licence) for e in events}
    items: list[tuple[str, str, dict[str, str]]] = [("edge", EDGE_LABEL[k], {"dash": EDGE_DASH[k]})
                                                    for k in EDGE_DASH if any(kind == k for *_, kind in edges)]
    items += [("box", POSTURE_LABEL[p], {"colour": POSTURE_COLOUR[p], "dash": POSTURE_DASH[p], "tint": "1"})
              for p in POSTURE_ORDER if p in postures]
    keys = legend_keys(events, spans=False, date_notes=any(date_notes(e) for e in events),
                       rings=any(disputed_licences(store, e) for e in events))
    items += [("box", key, {"colour": LIGHT["muted"], "dash": "dot" if key == RING_KEY else "solid",
                            "tint": "1" if key == STATUS_KEY["confirmed"] else ""}) for key in keys]
    x, y = 0.0, top
    for kind, label, look in items:
        width = 30 + text_width(label, 12)
        if x > 0 and x + width > plot_w:
            x, y = 0.0, y + LINE + 6
        if kind == "edge":
            fig.add_shape(type="line", x0=x, x1=x + 16, y0=y, y1=y, line={"color": LIGHT["muted"], "width": 2, "dash": look["dash"]})
            fig.add_shape(type="path", path=_arrowhead(x + 24, y, (1, 0)), fillcolor=LIGHT["muted"], line={"width": 0})
        else:
            if look["tint"]:
                fig.add_shape(type="rect", x0=x, x1=x + 22, y0=y - 6, y1=y + 6, fillcolor=look["colour"], opacity=0.1, line={"width": 0})
            fig.add_shape(type="rect", x0=x, x1=x + 22, y0=y - 6, y1=y + 6, line={"color": look["colour"], "width": 2, "dash": look["dash"]})
        fig.add_annotation(x=x + 28, y=y, text=esc(label), showarrow=False, xanchor="left", font={"size": 12, "color": LIGHT["ink"]})
        x += width + 18
    return y + 10
