"""The counts of a crowded release timeline and what the live figure needs to open them on zoom.

In: the releases, their stacking at each zoom (`timeline_counts.levels`), the window and the y of the
stack's rows. Out: a `counts` trace ("+23" over the marks it holds, their names in its hover) and, in
`layout.meta.labfigZoom`, each level's mark heights, counts and leader ends, which labfig-zoom.js shows
as the reader zooms (a click or tap on a count zooms to the span where it opens; the note at the top
then says how to go back). The static image shows the figure's own scale.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

import plotly.graph_objects as go

from generators.figures.canvas import scatter
from generators.figures.style import LIGHT
from generators.figures.text import esc
from generators.figures.timeline_common import Window, iso, place_date
from generators.figures.timeline_counts import COUNT_PX, ZOOMS, Count, Stacked
from generators.model.events import Event

LISTED = 12  # releases a count's hover names before it says how many more
LIFT = 4  # px a count sits above its row's centre, clear of the marks under it


def when_at(window: Window, px: float, zoom: float) -> str:
    """The date-time at `px` of a plot drawn `zoom` times the window's width."""
    moment = datetime.combine(window.start, datetime.min.time()) + timedelta(days=px / (window.plot_px * zoom) * (window.end - window.start).days)
    return moment.strftime("%Y-%m-%d %H:%M")


def _opens_at(count: Count, levels: Sequence[Stacked], level: int) -> int:
    """The first level after `level` where every mark of `count` has a row of its own (the last level otherwise)."""
    for k in range(level + 1, len(levels)):
        if all(levels[k].rows[i] is not None for i in count.members):
            return k
    return len(levels) - 1


def count_hover(events: Sequence[Event], members: Sequence[int], narrow: bool, noun: str = "releases", tail: str | None = None,
                notes: Mapping[str, str] | None = None) -> str:
    """A count's hover card: how many it holds, the first LISTED by name and date (with any note from `notes`, by
    event id, escaped here), how many more, and `tail` (by default how to zoom in)."""
    notes = notes or {}
    names = [f"{esc(events[i].short)} · {esc(events[i].date.label())}{esc(notes.get(events[i].id, ''))}" for i in members[:LISTED]]
    more = [f"and {len(members) - LISTED} more"] if len(members) > LISTED else []
    act = "Tap" if narrow else "Click"
    return "<br>".join([f"<b>{len(members)} {noun} here</b>", *names, *more, tail or f"{act} to zoom in and see each one"])


def level_data(events: Sequence[Event], levels: Sequence[Stacked], window: Window, row_y: Callable[[int, int], float],
               leaders: Sequence[tuple[int, float]], narrow: bool) -> list[dict[str, Any]]:
    """Per zoom: the marks' y (None when hidden), the counts (x, y, text, hover, the range that opens each)
    and the leaders' y pairs for the labelled marks (`leaders`: mark index and the label row's y)."""
    days = (window.end - window.start).days
    out = []
    for k, (zoom, stacked) in enumerate(zip(ZOOMS, levels, strict=True)):
        counts: dict[str, list[Any]] = {"x": [], "y": [], "text": [], "hovertext": [], "customdata": []}
        for count in stacked.counts:
            # The span it opens in, widened where its marks spread wider than that (they all stay in view).
            first, last = (datetime.combine(place_date(events[i]), datetime.min.time()) for i in (count.members[0], count.members[-1]))
            half = max(timedelta(days=days / ZOOMS[_opens_at(count, levels, k)] / 2), (last - first) * 0.6 + timedelta(days=1))
            start = datetime.combine(window.start, datetime.min.time())
            lo = max(start, first + (last - first) / 2 - half)
            hi = min(lo + 2 * half, start + timedelta(days=days))
            counts["x"].append(when_at(window, count.x, zoom))
            counts["y"].append(row_y(stacked.spread, stacked.spread) + LIFT)
            counts["text"].append(f"<b>+{len(count.members)}</b>")
            counts["hovertext"].append(count_hover(events, count.members, narrow))
            counts["customdata"].append([lo.strftime("%Y-%m-%d %H:%M"), hi.strftime("%Y-%m-%d %H:%M")])
        ys = [None if r is None else row_y(r, stacked.spread) for r in stacked.rows]
        ends: list[float | None] = []
        for i, top in leaders:
            ends += [ys[i] if ys[i] is not None else row_y(stacked.spread, stacked.spread), top, None]
        out.append({"z": zoom, "y": ys, "counts": counts, "leaders": ends})
    return out


def draw_counts(fig: go.Figure, level: dict[str, Any]) -> None:
    """The counts of the figure's own scale, as the static image shows them."""
    counts = level["counts"]
    fig.add_trace(scatter(
        x=counts["x"], y=counts["y"], text=counts["text"], hovertext=counts["hovertext"], customdata=counts["customdata"],
        mode="markers+text", name="counts", hoverinfo="text", showlegend=False, textposition="middle center",
        textfont={"size": COUNT_PX, "color": LIGHT["ink"]}, cliponaxis=False,
        marker={"size": 20, "symbol": "square", "color": LIGHT["paper"], "opacity": 0.01}))


def zoom_meta(window: Window, levels: list[dict[str, Any]], traces: dict[str, int], note: int, narrow: bool) -> dict[str, Any]:
    """What labfig-zoom.js needs: the full range, the levels, the indexes of the traces it restyles and of the note."""
    act = "tap" if narrow else "click"
    return {"labfigZoom": {"range": [iso(window.start), iso(window.end)], "levels": levels, "traces": traces, "note": note,
                           "zoomed": f"Zoomed in: {act} here to see the whole span"}}
