"""F5, `lineage`: a subject's releases joined by descent edges, with the people and units who made them.

In: the store and a LineageSpec. Out: a Plotly figure drawn in pixel coordinates (one axis unit = one px),
in the first of these forms that fits: one row of readable boxes (`lineage_rowcol`); on a phone, a
column of them; readable boxes in a layered graph wrapped into bands (`lineage_bands`); and, once boxes
would take more than BOXES_SHARE of the height bound (`max_height`), marks on a layered time axis
wrapped into rows (`lineage_marks`), whose least prominent releases fold into counts once even those
would be taller than the bound (`lineage_fold`). Boxes are bordered by their licence posture, edges dashed by descent kind, and the
people layer spans the releases each person or unit is credited on.
"""

from __future__ import annotations

import plotly.graph_objects as go

from generators.figures import lineage_layers
from generators.figures.canvas import BatchedFigure, scatter
from generators.figures.claims import RING_KEY, STATUS_KEY, date_notes, disputed_licences, legend_keys
from generators.figures.kind import releases_selected
from generators.figures.lineage_bands import banded
from generators.figures.lineage_boxes import EDGE_DASH, EDGE_LABEL, LINE, PAD, Credited, Edges, arrowhead, draw_boxes, text_rows
from generators.figures.lineage_fold import marks_note
from generators.figures.lineage_marks import marks
from generators.figures.lineage_rowcol import GAP, MIN_BOX, column_bars, column_boxes, draw_edge, row_bars, row_boxes
from generators.figures.registry_widths import is_narrow
from generators.figures.style import LIGHT, POSTURE_COLOUR, POSTURE_DASH, POSTURE_LABEL, POSTURE_ORDER, base_layout, hidden_axis
from generators.figures.text import esc, text_width, wrap
from generators.figures.timeline_common import legend_height, posture_legend
from generators.model.events import Event
from generators.model.figures import LineageSpec
from generators.model.store import Store

MARGIN = {"l": 12, "r": 12, "t": 12, "b": 12}
COLUMN_MAX = 12  # a phone shows up to this many releases as one column; more take the banded layered layout
LISTED = 8  # releases named in a person's text before the rest are counted
MAX_HEIGHT = 1800  # px: no lineage is drawn taller at the desktop plan, whatever its release count
BOXES_KEY = 120  # px the boxes' key may take under them
# Boxes while they take at most this share of the bound: past it, marks show the same releases in far less height.
BOXES_SHARE = 0.6
NOTE_PX = 20


def build(store: Store, spec: LineageSpec, width: int) -> go.Figure:
    events = store.chronological(releases_selected(store, spec))
    names = {e.id: spec.labels.get(e.id, e.short) for e in events}
    credited = _credited(store, spec, events, names)
    edges: Edges = [(d.release, e.id, str(d.kind)) for e in events if e.release for d in e.release.descends_from if d.release in names]
    plot_w = width - MARGIN["l"] - MARGIN["r"]
    fig = BatchedFigure()
    in_row = len(events) * MIN_BOX + (len(events) - 1) * GAP <= plot_w
    if in_row or (plot_w < 480 and len(events) <= COLUMN_MAX):
        boxes, bottom = (row_boxes if in_row else column_boxes)(events, names, edges, credited, plot_w)
        draw_boxes(fig, store, boxes, names, credited)
        for src, dst, kind in edges:
            draw_edge(fig, boxes, src, dst, kind, in_row)
        bottom = (row_bars if in_row else column_bars)(fig, boxes, credited, bottom, plot_w)
    elif _bands_at_least(events, plot_w) > BOXES_SHARE * max_height(width):
        return _marks_figure(store, spec, events, names, edges, credited, width)
    else:
        bottom = banded(fig, store, events, names, edges, credited, plot_w)
        if bottom > BOXES_SHARE * max_height(width) - BOXES_KEY:
            return _marks_figure(store, spec, events, names, edges, credited, width)
    height = _draw_key(fig, store, events, edges, bottom + 14, plot_w)
    fig.update_layout(**base_layout(int(height) + MARGIN["t"] + MARGIN["b"], margin=MARGIN))
    # A few px of slack round the drawing so the outer boxes' borders are not clipped.
    fig.update_layout(xaxis=hidden_axis(-3, plot_w + 3), yaxis=hidden_axis(height, -3), hovermode="closest")
    return fig.flush()


def max_height(width: int) -> float:
    """The tallest a lineage is drawn at plan `width`, whatever its release count (about two screenfuls):
    MAX_HEIGHT at the desktop plan, more on narrower plans, where the same releases need more rows (3,670 px at 320)."""
    return MAX_HEIGHT + max(0, 1000 - width) * 2.75


def _bands_at_least(events: list[Event], plot_w: float) -> float:
    """A floor under the banded layout's height (each layer holds at most MAX_PER_LAYER releases, a band's
    layers at least one box of two lines), so that a store far too large for boxes skips drawing them."""
    layers = -(-len(events) // lineage_layers.MAX_PER_LAYER)
    return -(-layers // lineage_layers.columns(plot_w)[0]) * (2 * PAD + 2 * LINE + 12)


def _marks_figure(store: Store, spec: LineageSpec, events: list[Event], names: dict[str, str], edges: Edges,
                  credited: list[Credited], width: int) -> go.Figure:
    """The marks form (`lineage_marks`): its key is the legend the timelines use, plus the descent kinds."""
    fig = BatchedFigure()
    plot_w = width - MARGIN["l"] - MARGIN["r"]
    postures = [store.posture_of(e.licence) for e in events]
    kinds = [k for k in EDGE_DASH if any(kind == k for *_, kind in edges)]
    keys = legend_keys(events, spans=False, rings=any(disputed_licences(store, e) for e in events))
    posture_legend(fig, postures, keys, width=width)
    for kind in kinds:
        fig.add_trace(scatter(x=[None], y=[None], mode="lines", name=EDGE_LABEL[kind], hoverinfo="skip", showlegend=True,
                              line={"color": LIGHT["muted"], "width": 2, "dash": EDGE_DASH[kind]}))
    legend_px = legend_height([POSTURE_LABEL[p] for p in POSTURE_ORDER if p in postures] + keys + [EDGE_LABEL[k] for k in kinds], width)
    n = len(events)
    lines = max(wrap(marks_note(n, 0, n, is_narrow(width)), plot_w, 12), wrap(marks_note(n, n, n, is_narrow(width)), plot_w, 12), key=len)
    note = NOTE_PX + (len(lines) - 1) * LINE
    budget = max_height(width) - MARGIN["t"] - MARGIN["b"] - legend_px - note - 10
    bottom, unlabelled, counted = marks(fig, store, events, names, edges, credited, spec.labels, plot_w, budget)
    bottom = text_rows(fig, [r for r in credited if not r.releases], bottom, plot_w, "Also named (not credited on these releases)")
    if unlabelled or counted:
        text = "<br>".join(esc(line) for line in wrap(marks_note(unlabelled, counted, len(events), is_narrow(width)), plot_w, 12))
        fig.add_annotation(x=0, y=1, xref="paper", yref="paper", yanchor="bottom", yshift=4, xanchor="left", showarrow=False,
                           font={"size": 12, "color": LIGHT["muted"]}, text=text, align="left")
    margin = {**MARGIN, "t": MARGIN["t"] + note, "b": MARGIN["b"] + legend_px}
    height = bottom + 6
    fig.update_layout(**base_layout(int(height + margin["t"] + margin["b"]), margin=margin))
    fig.update_layout(xaxis=hidden_axis(-3, plot_w + 3), yaxis=hidden_axis(height, -3), hovermode="closest", showlegend=True)
    return fig.flush()


def _credited(store: Store, spec: LineageSpec, events: list[Event], names: dict[str, str]) -> list[Credited]:
    """The continuity layer: the spec's people and units, or everyone credited, each with roles by release.

    Someone the spec names who is credited on none of the shown releases gets no span (`releases` is
    empty); their text says where else they are credited, or who they are.
    """
    roles = _roles(events)
    order = {e.id: k for k, e in enumerate(events)}
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
        ids = tuple(sorted(credited_on, key=order.__getitem__))
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
            fig.add_shape(type="path", path=arrowhead(x + 24, y, (1, 0)), fillcolor=LIGHT["muted"], line={"width": 0})
        else:
            if look["tint"]:
                fig.add_shape(type="rect", x0=x, x1=x + 22, y0=y - 6, y1=y + 6, fillcolor=look["colour"], opacity=0.1, line={"width": 0})
            fig.add_shape(type="rect", x0=x, x1=x + 22, y0=y - 6, y1=y + 6, line={"color": look["colour"], "width": 2, "dash": look["dash"]})
        fig.add_annotation(x=x + 28, y=y, text=esc(label), showarrow=False, xanchor="left", font={"size": 12, "color": LIGHT["ink"]})
        x += width + 18
    return y + 10
