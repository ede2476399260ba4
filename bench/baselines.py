"""Baseline pages: the seven releases of figure qwen-f1 in, four self-contained pages drawing them with other tools out.

Each page shows the same seven events (title, date, licence posture, summary) the way a writer would
with that tool: plotly.py `write_html` with its defaults (full plotly.js inlined), Plotly with the
basic bundle and no template, TimelineJS 3 and vis-timeline, both self-hosted from bench/node_modules.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import plotly.graph_objects as go

from bench.common import ROOT
from generators.figures.style import POSTURE_COLOUR
from generators.model.store import Store

NODE = ROOT / "bench" / "node_modules"
PLOTLY_BASIC = ROOT / "node_modules" / "plotly.js-basic-dist-min" / "plotly-basic.min.js"
TIMELINEJS = NODE / "@knight-lab" / "timelinejs" / "dist"
VIS = NODE / "vis-timeline" / "standalone" / "umd" / "vis-timeline-graph2d.min.js"


@dataclass(frozen=True)
class Baseline:
    name: str
    label: str
    path: str  # relative to the served root
    drawn: str  # JS expression, true once the chart is on screen


BASELINES = (
    Baseline("plotly-default", "plotly.py write_html() defaults (full plotly.js inlined)", "baselines/plotly-default/index.html",
             "!!document.querySelector('.main-svg')"),
    Baseline("plotly-basic", "Plotly, plotly.js-basic-dist-min, template none", "baselines/plotly-basic/index.html",
             "!!document.querySelector('.main-svg')"),
    Baseline("timelinejs", "TimelineJS 3 (npm @knight-lab/timelinejs, self-hosted)", "baselines/timelinejs/index.html",
             "!!document.querySelector('.tl-timemarker')"),
    Baseline("vis-timeline", "vis-timeline (npm, standalone build)", "baselines/vis-timeline/index.html",
             "!!document.querySelector('.vis-item')"),
)


def seven_releases(store: Store) -> list[dict[str, str]]:
    """The events of figure qwen-f1 as plain rows every baseline draws from."""
    spec = store.figures["qwen-f1"]
    return [{"id": e.id, "title": e.title, "date": e.date.start.isoformat(), "posture": store.posture_of(e.licence),
             "licence": store.licence_name(e.licence), "summary": e.summary or ""}
            for e in store.select(spec.subject, spec.select)]


def _plotly_figure(rows: list[dict[str, str]], template: str | None) -> go.Figure:
    fig = go.Figure(go.Scatter(
        x=[r["date"] for r in rows], y=[(1 if i % 2 else -1) for i in range(len(rows))], mode="markers+text",
        text=[r["title"] for r in rows], textposition=["top center" if i % 2 else "bottom center" for i in range(len(rows))],
        marker={"size": 14, "color": [POSTURE_COLOUR[r["posture"]] for r in rows]},
        customdata=[[r["licence"], r["summary"]] for r in rows],
        hovertemplate="<b>%{text}</b><br>%{x}<br>%{customdata[0]}<extra></extra>"))
    fig.update_layout(title="Qwen audio releases and their licences", height=420, yaxis={"visible": False, "range": [-2.5, 2.5]},
                      xaxis={"type": "date"})
    if template:
        fig.update_layout(template=template)
    return fig


def write(www: Path, store: Store) -> list[dict[str, str]]:
    """Write the four baseline pages and their vendored scripts under `www/baselines/`; returns the rows drawn."""
    rows = seven_releases(store)
    base = www / "baselines"
    vendor = base / "vendor"
    vendor.mkdir(parents=True, exist_ok=True)
    shutil.copy2(PLOTLY_BASIC, vendor / PLOTLY_BASIC.name)
    shutil.copy2(VIS, vendor / VIS.name)
    shutil.copytree(TIMELINEJS, vendor / "timelinejs", ignore=shutil.ignore_patterns("*.map", "embed"))

    (base / "plotly-default").mkdir()
    _plotly_figure(rows, None).write_html(base / "plotly-default" / "index.html")

    (base / "plotly-basic").mkdir()
    html = _plotly_figure(rows, "none").to_html(include_plotlyjs=f"../vendor/{PLOTLY_BASIC.name}", full_html=True,
                                                div_id="chart")
    (base / "plotly-basic" / "index.html").write_text(html, encoding="utf-8")

    (base / "timelinejs").mkdir()
    (base / "timelinejs" / "index.html").write_text(_timelinejs(rows), encoding="utf-8")
    (base / "vis-timeline").mkdir()
    (base / "vis-timeline" / "index.html").write_text(_vis(rows), encoding="utf-8")
    return rows


def _page(head: str, body: str) -> str:
    return (f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Qwen audio releases</title>'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">{head}</head>'
            f"<body>{body}</body></html>\n")


def _timelinejs(rows: list[dict[str, str]]) -> str:
    def when(iso: str) -> dict[str, str]:
        y, m, d = iso.split("-")
        return {"year": y, "month": m, "day": d}
    data = {"title": {"text": {"headline": "Qwen audio releases and their licences"}},
            "events": [{"unique_id": r["id"], "start_date": when(r["date"]),
                        "text": {"headline": r["title"], "text": f"{r['licence']}. {r['summary']}"}} for r in rows]}
    # Self-hosted means its font stylesheet too (the default script_path is Knight Lab's CDN); the web fonts
    # that stylesheet names on fonts.gstatic.com are blocked like every other outside request.
    head = '<link rel="stylesheet" href="../vendor/timelinejs/css/timeline.css"><script src="../vendor/timelinejs/js/timeline.js"></script>'
    body = ('<div id="timeline-embed" style="width:100%;height:600px"></div>'
            f"<script>window.timeline = new TL.Timeline('timeline-embed', {json.dumps(data)}, "
            "{script_path: new URL('../vendor/timelinejs/js/', location.href).href});</script>")
    return _page(head, body)


def _vis(rows: list[dict[str, str]]) -> str:
    items = [{"id": r["id"], "content": r["title"], "start": r["date"], "title": f"{r['licence']}. {r['summary']}"} for r in rows]
    head = f'<script src="../vendor/{VIS.name}"></script>'
    body = ('<h1>Qwen audio releases and their licences</h1><div id="vis"></div>'
            f"<script>new vis.Timeline(document.getElementById('vis'), new vis.DataSet({json.dumps(items)}), {{}});</script>")
    return _page(head, body)
