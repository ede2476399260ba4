"""Where a stacked-timelines lane's marks stand: the lane's events (in date order) in; each drawn mark's and ghost
mark's offset in px out, with the counts ("+12") that hold the events a crowded time slot has no row for.

A lane's marks stack in at most `stack_rows(width)` rows (`mark_stack.stack`, the release timeline's
`timeline_counts` rule): in a slot that needs more, the most prominent events (`prominence.ranks`) keep a
row, the last row holds counts, and a counted event is named in its count's hover with its other reported
dates (its ghosts are not drawn) and keeps its row in the data table. The cap keeps the dense subject's F7
(180 events in its window) within about one to two screenfuls at every plan.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import plotly.graph_objects as go

from generators.figures.claims import GhostDate, disputed_licences, ghost_dates
from generators.figures.ghost_rows import Mark, spread_ghosts
from generators.figures.mark_stack import Drawn, extent, stack
from generators.figures.prominence import ranks
from generators.figures.registry_widths import WIDTHS, plan_for
from generators.figures.style import LIGHT, POSTURE_COLOUR, status_symbol, symbol_for
from generators.figures.timeline_common import Window, place_date
from generators.figures.timeline_counts import COUNT_W
from generators.figures.timeline_zoom import count_hover, draw_counts, when_at
from generators.model.events import Event
from generators.model.store import Store

NUDGE_PX = 15  # a ghost mark may step this far at a time from its event's mark to find room
GHOST_ROWS = 40  # sub-rows a ghost mark may move from its event's, each way, to find room
# Rows of marks a lane's time slot may stack, the last kept for counts when more are needed. Chosen so that the
# dense store's F7 (180 events in its window) stays within two phone screenfuls (about 1,550 px) at every plan:
# on a phone a time slot is many days wide, so it stacks less; wider plans spread a slot over more px.
STACK_ROWS = {"small": 3, "phone": 3, "phablet": 4, "tablet": 4, "laptop": 5, "desktop": 6}
assert STACK_ROWS.keys() == WIDTHS.keys()
# Lanes other than `model` have no licence: ink or muted, each with its own shape.
LANE_LOOK = {"org": (LIGHT["ink"], "triangle-up"), "structure": (LIGHT["muted"], "star")}


@dataclass(frozen=True)
class LaneMarks:
    """The drawn events and their offsets, the counts (centre px and the events each holds) and their row's
    offset, and the drawn events' ghosts with theirs. Offsets are px, y down, and may run below 0."""

    drawn: list[Event]
    offsets: list[float]
    counts: list[tuple[float, list[Event]]]
    count_offset: float
    ghosts: list[GhostDate]
    ghost_offsets: list[float]
    reach: float  # the most any drawn mark (its ring included) reaches up or down from its centre, px


def stack_rows(width: float) -> int:
    return STACK_ROWS[plan_for(width)]


def look(store: Store, axis: str, event: Event) -> tuple[str, str]:
    """(symbol, colour) of an event's marker: by licence posture on the model lane, by lane elsewhere."""
    if axis == "model":
        posture = store.posture_of(event.licence)
        return symbol_for(posture, event.status), POSTURE_COLOUR[posture]
    colour, symbol = LANE_LOOK.get(axis, (LIGHT["ink"], "circle"))
    return status_symbol(symbol, event.status), colour


def lane_marks(store: Store, axis: str, events: list[Event], window: Window, max_rows: int, chosen: dict[str, str]) -> LaneMarks:
    """Marks sharing a time slot stacked clear of each other with their rings (`mark_stack`), at most `max_rows`
    rows; then each drawn event's ghost marks, the nearest to its event's, NUDGE_PX steps away, where they clear
    every mark, ring, count and ghost (`spread_ghosts`)."""
    xs = [window.px(place_date(e)) for e in events]
    rings = [disputed_licences(store, e)[:1] for e in events]
    rank = ranks(store, events, chosen)
    shapes = [Drawn(x, look(store, axis, e)[0], 15, 2.5, (symbol_for(r[0][0], "reported"), 26, 1.5) if r else None)
              for e, x, r in zip(events, xs, rings, strict=True)]
    capped = stack(shapes, sorted(range(len(events)), key=lambda i: rank[events[i].id]), max_rows, window.plot_px)
    kept = [i for i, off in enumerate(capped.offsets) if off is not None]
    reach = max((max(up, down) for _, up, _, down in (extent(shapes[i]) for i in kept)), default=0.0)
    offsets = [capped.offsets[i] or 0.0 for i in kept]
    marks = [Mark(xs[i], off, look(store, axis, events[i])[0], 17) for i, off in zip(kept, offsets, strict=True)]
    marks += [Mark(xs[i], off, symbol_for(rings[i][0][0], "reported"), 26) for i, off in zip(kept, offsets, strict=True) if rings[i]]
    marks += [Mark(c.x, capped.count_offset, "square", COUNT_W) for c in capped.counts]
    drawn = [events[i] for i in kept]
    home = {e.id: off for e, off in zip(drawn, offsets, strict=True)}
    ghosts = ghost_dates(drawn, window.start, window.end)
    wanted = [(window.px(g.at), [home[g.event.id] + k * side * NUDGE_PX for k in range(GHOST_ROWS) for side in ((1, -1) if k else (1,))],
               look(store, axis, g.event)[0]) for g in ghosts]
    taken = spread_ghosts(marks, wanted, 15)
    counts = [(c.x, [events[i] for i in c.members]) for c in capped.counts]
    return LaneMarks(drawn, offsets, counts, capped.count_offset, ghosts, [ys[k] for (_, ys, _), k in zip(wanted, taken, strict=True)], reach)


def draw_lane_counts(fig: go.Figure, counts: Sequence[tuple[float, list[Event]]], y: float, window: Window, narrow: bool) -> None:
    """A lane's counts at `y` (px, y down): "+12", its hover naming the events it holds with their other reported
    dates, and the ids it holds as its points' customdata."""
    if not counts:
        return
    tail = "Too many to draw here: each has its row in the data table"
    hovers, ids = [], []
    for _, members in counts:
        others: dict[str, list[str]] = {}
        for ghost in ghost_dates(members):
            others.setdefault(ghost.event.id, []).append(ghost.label)
        notes = {eid: f" (also reported {', '.join(labels)})" for eid, labels in others.items()}
        hovers.append(count_hover(members, range(len(members)), narrow, "events", tail, notes))
        ids.append([e.id for e in members])
    draw_counts(fig, {"counts": {"x": [when_at(window, x, 1) for x, _ in counts], "y": [y] * len(counts),
                                 "text": [f"<b>+{len(m)}</b>" for _, m in counts], "hovertext": hovers, "customdata": ids}})


def counted(counts: Sequence[tuple[float, list[Event]]]) -> int:
    return sum(len(members) for _, members in counts)
