"""The results page: bench/results.json in; bench/results.md and the chart's Plotly JSON (bench/results-chart.json) out.

The chart is drawn the project's way: plotly.graph_objects on `base_layout` with the LIGHT palette and
no template, saved as figure JSON without the template like every figure of the site.

    python -m bench.render_page [bench/results.json]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import plotly.graph_objects as go

from bench import render_readers
from bench.render_history import history_section
from bench.render_scaling import scaling_section, scaling_targets
from generators.figures.style import FONT, LIGHT, base_layout

HERE = Path(__file__).resolve().parent
STATUS_COLOUR = {"met": LIGHT["permissive"], "missed": LIGHT["closed"], "not established": LIGHT["unknown"]}


def _row(rows: list[dict[str, Any]], id: str, name: str, measured: str, budget: str, share: float | None,
         met: bool | None, note: str | None = None, status: str | None = None, short: str | None = None) -> None:
    status = status or ("not established" if met is None else "met" if met else "missed")
    rows.append({"id": id, "name": name, "measured": measured, "short": short or measured, "budget": budget,
                 "share_of_budget": None if share is None else round(share, 3), "status": status, "note": note})


def _ms(x: float) -> str:
    return f"{x:,.0f} ms"


def targets(r: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per target: what was measured, the budget, the measured share of the budget, met or not."""
    rows: list[dict[str, Any]] = []
    pages = r.get("pages", {})
    if "checks" in pages:
        p, c = pages["pages"], pages["checks"]
        q = p["qwen_page"]
        _row(rows, "1a", "Qwen page before interaction: transfer", f"{c['qwen_page_transfer']['value_kb']:,.1f} KB gz, every figure drawn at "
             f"{_ms(q['drawn_ms']['median'])}", "≤ 200 KB gz", c["qwen_page_transfer"]["value_kb"] / 200, c["qwen_page_transfer"]["met"],
             short=f"{c['qwen_page_transfer']['value_kb']:,.0f} KB")
        e = p["embed"]
        _row(rows, "1b", "Embed page: transfer", f"{c['embed_transfer']['value_kb']:,.1f} KB gz, drawn at {_ms(e['drawn_ms']['median'])}",
             "≤ 100 KB gz", c["embed_transfer"]["value_kb"] / 100, c["embed_transfer"]["met"],
             short=f"{c['embed_transfer']['value_kb']:,.0f} KB")
        t = c["embed_vs_timelinejs"]
        _row(rows, "1c", "Embed drawn vs TimelineJS", f"{_ms(t['embed_ms'])} vs {_ms(t['timelinejs_ms'])} (×{t['ratio']:.2f})",
             "≤ ×1.0", t["ratio"], t["met"], short=f"×{t['ratio']:.2f}")
    else:
        _row(rows, "1", "Drawn at once", "error: " + str(pages.get("error")), "", None, None)
    store = r.get("store", {})
    v = store.get("validation")
    if v:
        _row(rows, "2", "Validate 17,000 events vs yaml.compose", f"{v['load_store_s']['cpu']['median']:.2f} s vs "
             f"{v['floor_compose_s']['cpu']['median']:.2f} s CPU (×{v['ratio']:.2f})", "≤ ×2", v["ratio"] / 2, v["met"], short=f"×{v['ratio']:.2f}")
    else:
        _row(rows, "2", "Validation", "error: " + str(store.get("error")), "", None, None)
    for i, (kind, f) in enumerate(store.get("figures", {}).items()):
        _row(rows, f"3{'abcde'[i]}", f"Figure {kind}: 17,000-event store vs Qwen", f"{f['seconds']['synthetic_17000']['cpu']['median'] * 1000:.1f} ms vs "
             f"{f['seconds']['qwen']['cpu']['median'] * 1000:.1f} ms CPU (×{f['ratio_17000_vs_qwen']:.2f})", "≤ ×1.5", f["ratio_17000_vs_qwen"] / 1.5, f["met"],
             short=f"×{f['ratio_17000_vs_qwen']:.2f}")
    b = r.get("build", {}).get("build")
    if b:
        _row(rows, "4", "Build without images vs plain mkdocs", f"{b['no_images_s']['median']:.2f} s vs {b['plain_mkdocs_s']['median']:.2f} s "
             f"(×{b['ratio']:.2f})", "≤ ×2", b["ratio"] / 2, b["met"], short=f"×{b['ratio']:.2f}")
    per_image = images_rate(r)
    if per_image:
        _row(rows, "4b", "Build with images: seconds per image", f"cold {per_image['cold_s_per_image']:.2f} s per image ({per_image['images']} images, "
             f"{per_image['cold_s']:.1f} s); warm cache {per_image['warm_s']:.1f} s in all", "no budget", None, None, status="reported")
    ed = r.get("edit", {})
    for key, id, name in (("release_page", "5", "Edit loop: title on its release page"), ("qwen_page_figure", "5b", "Edit loop: title in the Qwen page's live figure")):
        if ed.get(key) and ed[key]["seconds"]:
            med = ed[key]["seconds"]["median"]
            _row(rows, id, name, f"{med:.2f} s", "≤ 2 s", med / 2, ed[key]["met"])
        elif "error" in ed:
            _row(rows, id, name, "error: " + str(ed["error"]), "≤ 2 s", None, None)
    m = r.get("memory", {})
    if "peak_rss_mb" in m:
        b17 = m["builds"]["17000"]
        reached = b17["stages"][-2] if len(b17["stages"]) > 1 else "?"
        measured = f"{m['peak_rss_mb']:,.0f} MB" if m["build_17000_finished"] else f"≥ {m['peak_rss_mb']:,.0f} MB (build stopped at {b17['seconds']:.0f} s; reached: {_stage_text(reached)})"
        _row(rows, "6", "Validate and build 17,000 events: peak RSS", measured, "< 1,024 MB", m["peak_rss_mb"] / 1024,
             m["met"] if m["build_17000_finished"] else None,
             short=f"{m['peak_rss_mb']:,.0f} MB" if m["build_17000_finished"] else f"≥ {m['peak_rss_mb']:,.0f} MB, build stopped")
    d = r.get("build", {}).get("deterministic")
    if d:
        _row(rows, "7", "Two builds byte-identical", f"{d['differing_count']} of {d['files']} files differ", "0 differ",
             None, d["met"])
    return rows + scaling_targets(r)


def _stage_text(line: str) -> str:
    parts = line.split(" ", 3)
    return parts[3] if len(parts) == 4 else line


def images_rate(r: dict[str, Any]) -> dict[str, Any] | None:
    builds = r.get("pages", {}).get("builds")
    b = r.get("build", {}).get("build")
    if not builds or not b or not builds["cold"].get("images_rendered"):
        return None
    base, images = b["no_images_s"]["median"], builds["cold"]["images_rendered"]
    return {"images": images, "cold_s": builds["cold"]["seconds"], "warm_s": builds["warm"]["seconds"], "no_images_s": base,
            "cold_s_per_image": round((builds["cold"]["seconds"] - base) / images, 3),
            "warm_s_per_image": round(max(0.0, builds["warm"]["seconds"] - base) / images, 3)}


def chart(rows: list[dict[str, Any]], narrow: bool = False) -> dict[str, Any]:
    """Each target's measured value as a share of its budget; 1 is the limit. Colour and the word say met or missed.

    `narrow` plans it for a phone: bars labelled by the target's number alone (the table below names them).
    """
    shown = [row for row in rows if row["share_of_budget"] is not None]
    labels = [row["id"] if narrow else f"{row['id']} {row['name']}" for row in shown]
    fig = go.Figure(go.Bar(
        y=labels, x=[row["share_of_budget"] for row in shown], orientation="h",
        marker={"color": [STATUS_COLOUR[row["status"]] for row in shown], "line": {"width": 0}},
        text=[f"{row['short']} · {row['status']}" for row in shown], textposition="outside", cliponaxis=False,
        textfont={"family": FONT, "size": 12, "color": LIGHT["ink"]},
        customdata=[row["measured"] for row in shown],
        hovertemplate="%{y}<br>%{customdata}<br>%{x:.2f} of the budget<extra></extra>"))
    top = max([row["share_of_budget"] for row in shown] + [1.0])
    fig.update_layout(**base_layout(80 + 34 * len(shown), margin={"l": 16, "r": 16, "t": 40, "b": 48}))
    fig.update_layout(
        bargap=0.35,
        xaxis={"range": [0, top * (1.9 if narrow else 1.45)], "title": {"text": "measured ÷ budget (1 = the limit)", "font": {"color": LIGHT["muted"]}},
               "gridcolor": LIGHT["faint"], "tickfont": {"color": LIGHT["muted"]}, "zeroline": False, "fixedrange": True},
        yaxis={"autorange": "reversed", "automargin": True, "tickfont": {"color": LIGHT["ink"]}, "fixedrange": True},
        shapes=[{"type": "line", "layer": "below", "xref": "x", "yref": "paper", "x0": 1, "x1": 1, "y0": 0, "y1": 1,
                 "line": {"color": LIGHT["marker"], "width": 1.5, "dash": "dash"}}],
        annotations=[{"text": "budget", "x": 1, "xref": "x", "y": 1, "yref": "paper", "yanchor": "bottom", "showarrow": False,
                      "font": {"color": LIGHT["marker"], "size": 12}}],
    )
    data = json.loads(fig.to_json())
    data.get("layout", {}).pop("template", None)
    return data  # type: ignore[no-any-return]


def _kb(n: float) -> str:
    return f"{n / 1000:,.1f}"


def markdown(r: dict[str, Any], chart_name: str) -> str:
    rows = targets(r)
    env = r.get("environment", {})
    out = ["# Benchmark results", "",
           f"Measured by `make bench` on {r.get('generated')}: {env.get('cpus')} cores, Python {env.get('python')}, "
           f"{env.get('chromium')}; the whole run took {r.get('total_seconds', 0) / 60:.1f} minutes. Every number is the "
           f"median of {r.get('repetitions')} runs, except where the text says otherwise (the slowest steps: one build with "
           "images cold and one warm, one process per memory row, three edits of the Qwen page; figures get three times as many "
           "runs), and every ratio compares two things measured "
           "side by side in the same run, alternated run by run. The machine is shared: load average "
           f"{r.get('load_before')} before and {r.get('load_after')} after.", "",
           f"<!-- chart: the Plotly figure JSON in bench/{chart_name} (each target's share of its budget) -->", "",
           "## Targets", "", "| | Target | Measured | Budget | Result |", "|---|---|---|---|---|"]
    out += [f"| {t['id']} | {t['name']} | {t['measured']} | {t['budget']} | **{t['status']}** |" for t in rows]
    out += _pages_section(r) + _store_section(r) + _build_section(r) + _edit_section(r) + _memory_section(r) + _determinism_section(r) + scaling_section(r)
    out += history_section(r) + _stores_section(r) + _profiles_section(r)
    out += render_readers.section()
    out += ["", "## Environment", "", "```json", json.dumps(env, indent=1), "```", ""]
    return "\n".join(out)


def _pages_section(r: dict[str, Any]) -> list[str]:
    p = r.get("pages", {})
    if "pages" not in p:
        return ["", "## 1. Drawn at once", "", f"Not measured: {p.get('error')}"]
    out = ["", "## 1. Drawn at once, interactive on demand", "",
           "The real site, built with images, and four baselines showing the same seven releases (the events of "
           f"figure qwen-f1: {', '.join(p['baseline_rows'])}), served on 127.0.0.1 with gzip for text types and loaded in "
           "headless Chromium, each load in a fresh context (empty cache), round-robin. *Drawn* is the first animation frame "
           "after every figure's static image has loaded (our pages), after `.main-svg` exists (Plotly), `.tl-timemarker` "
           "(TimelineJS) or `.vis-item` (vis-timeline); times are from navigation start. Transfer is every response body the "
           "server sent for the load, until the network was idle. Requests to anything but loopback are aborted "
           "(Playwright routing) and listed.", "",
           "| Page | Transfer (KB gz) | Requests | First figure drawn | Every figure drawn | LCP | Blocked outside requests |",
           "|---|---|---|---|---|---|---|"]
    for page in p["pages"].values():
        lcp = _ms(page["lcp_ms"]["median"]) if page.get("lcp_ms") else "–"
        blocked = "<br>".join(page["blocked_requests"]) or "none"
        out.append(f"| {page['label']} | {_kb(page['transfer_gz_bytes'])} | {page['requests']} | {_ms(page['first_figure_ms']['median'])} | "
                   f"{_ms(page['drawn_ms']['median'])} | {lcp} | {blocked} |")
    q = p["pages"]["qwen_page"]["responses_first_load"]
    out += ["", "What the Qwen page transfers (first load, largest first): " +
            ", ".join(f"`{x['path'].removeprefix('/site/')}` {_kb(x['gz'])} KB" for x in q[:10]) + "."]
    out += ["", "Ratios of the embed page to each baseline (below 1: the embed is cheaper):", "",
            "| Baseline | Time to drawn | Transfer |", "|---|---|---|"]
    out += [f"| {name} | ×{v['drawn']:.2f} | ×{v['transfer']:.3f} |" for name, v in p["ratios_vs_baselines"].items()]
    errors = {name: page["errors"] for name, page in p["pages"].items() if page["errors"]}
    if errors:
        out += ["", "Console errors seen: " + "; ".join(f"{n}: {', '.join(e)}" for n, e in errors.items())]
    rate = images_rate(r)
    if rate:
        out += ["", f"The site build with images took {rate['cold_s']:.1f} s with an empty image cache ({rate['images']} images rendered) and "
                f"{rate['warm_s']:.1f} s with a warm one, against {rate['no_images_s']:.2f} s without images: "
                f"{rate['cold_s_per_image']:.2f} s per image cold, {rate['warm_s_per_image']:.3f} s warm (one build each; the cold "
                "build ran first in a fresh copy of the project, so it also filled the figure cache)."]
    return out


def _store_section(r: dict[str, Any]) -> list[str]:
    s = r.get("store", {})
    if "validation" not in s:
        return ["", "## 2. Validation and 3. Figures", "", f"Not measured: {s.get('error')}"]
    v = s["validation"]
    def cell(x: dict[str, Any]) -> str:
        return f"{x['cpu']['median']:.2f} s | {x['wall']['median']:.2f} s | {x['cpu']['runs']} |"
    out = ["", "## 2. Validation", "",
           f"`load_store` of the 17,000-event store ({v['file_bytes']:,} bytes, {v['yaml_values']:,} YAML values) against "
           "`yaml.compose(text, Loader=yaml.CBaseLoader)` of the same two files, alternated. Judged on CPU time: the work is "
           "single-threaded, and CPU time does not count the other processes of this shared machine that wall time does.", "",
           "| | CPU (median) | Wall (median) | CPU runs |", "|---|---|---|---|",
           f"| yaml.compose (floor) | {cell(v['floor_compose_s'])}",
           f"| load_store | {cell(v['load_store_s'])}", "",
           f"Ratio ×{v['ratio']:.2f} in CPU time, ×{v['ratio_wall']:.2f} in wall time (budget ×2). Once more each with Python's "
           f"garbage collector off: compose {v['gc_off_once']['floor_compose_s']:.2f} s, load_store {v['gc_off_once']['load_store_s']:.2f} s CPU"
           + (": most of the floor at this size is the cyclic GC walking the growing node graph, not libyaml."
              if v["gc_off_once"]["floor_compose_s"] < 0.5 * v["floor_compose_s"]["cpu"]["median"] else "."),
           "", "## 3. Figures scale with what they show", "",
           "`build_figure(store, spec, 1000)` of each kind, from the Qwen store (figure qwen-fN), and from the synthetic "
           "170- and 17,000-event stores (their figure qwen-fN, which shows the same number of events); one warm-up call each, "
           f"then alternated, {len(next(iter(s['figures'].values()))['seconds']['qwen']['cpu']['runs'])} runs each. Medians of CPU time; "
           "the ratio in wall time is given too.", "",
           "| Kind | Events shown | Qwen | 170 events | 17,000 events | ×Qwen (wall) | ×170 | Result |", "|---|---|---|---|---|---|---|---|"]
    for kind, f in s["figures"].items():
        sec = {name: x["cpu"]["median"] * 1000 for name, x in f["seconds"].items()}
        out.append(f"| {kind} | {f['events_shown']['qwen']} / {f['events_shown']['synthetic_170']} / {f['events_shown']['synthetic_17000']} | "
                   f"{sec['qwen']:.1f} ms | {sec['synthetic_170']:.1f} ms | {sec['synthetic_17000']:.1f} ms | "
                   f"×{f['ratio_17000_vs_qwen']:.2f} (×{f['ratio_17000_vs_qwen_wall']:.2f}) | ×{f['ratio_17000_vs_170']:.2f} | "
                   f"{'met' if f['met'] else 'missed'} |")
    return out


def _build_section(r: dict[str, Any]) -> list[str]:
    b = r.get("build", {})
    if "build" not in b:
        return ["", "## 4. Build and 7. Deterministic", "", f"Not measured: {b.get('error')}"]
    x = b["build"]
    plain = x["plain_project"]
    prof = r.get("build_profile", {})
    out = ["", "## 4. Build", "",
           f"`python -m generators build --no-images --out TMP` in a snapshot copy of the checkout ({x['files']['ours']} files) against `mkdocs build` of a "
           f"plain copy of the same {plain['pages']} pages: mkdocs.yml without `hooks:`, {plain['marker_lines_removed']} figure-marker lines removed "
           f"from the hand-written pages, and the {plain.get('generated_pages_written', 0)} pages our build generates written out once as static "
           f"Markdown; the plain build has {x['files']['plain']} files (no figure assets, images or downloads) and runs with strict off. "
           "Both timed as commands (Python start-up included), alternated.", "",
           "| | Median | Runs |", "|---|---|---|",
           f"| our build, no images | {x['no_images_s']['median']:.2f} s | {x['no_images_s']['runs']} |",
           f"| plain mkdocs build | {x['plain_mkdocs_s']['median']:.2f} s | {x['plain_mkdocs_s']['runs']} |", "",
           f"Ratio ×{x['ratio']:.2f} (budget ×2)."]
    if "cold_figure_cache_s" in prof:
        out[-1] += (f" The copy starts with an empty `.cache/`, so the first timed build is a cold one; another cold no-image build, "
                    f"in a fresh copy, took {prof['cold_figure_cache_s']:.2f} s.")
    if prof.get("import_s"):
        out += ["", "Importing the MkDocs hook (`python -X importtime`, cumulative seconds, one run): " +
                ", ".join(f"`{name}` {sec:.2f} s" for name, sec in prof["import_s"].items()) + "."]
    return out


def _determinism_section(r: dict[str, Any]) -> list[str]:
    d = r.get("build", {}).get("deterministic")
    if not d:
        return []
    out = ["", "## 7. Deterministic", "",
            f"Two no-image builds of one snapshot of the tree: {d['files']} files, {d['differing_count']} differ "
            "(`.gz` files compared uncompressed" + (f"; {len(d['gz_files_differing_only_in_header'])} differ only in their gzip header" if d["gz_files_differing_only_in_header"] else "") + ")."
            + (f" Differing: {', '.join(d['differing'])}" if d["differing"] else "")]
    return out


def _edit_section(r: dict[str, Any]) -> list[str]:
    e = r.get("edit", {})
    if "release_page" not in e:
        return ["", "## 5. Edit loop", "", f"Not measured: {e.get('error')}"]
    def runs(k: str) -> str:
        return f"{e[k]['seconds']['median']:.2f} s (runs {e[k]['seconds']['runs']})" if e[k]["seconds"] else "no run finished"
    return ["", "## 5. Edit loop", "",
            f"`python -m generators serve` (what `make serve` runs: `mkdocs serve --livereload --dirty`) on a free loopback port, in a copy of the project (first build {e['first_build_s']:.1f} s). "
            "The title of release qwen3-omni is changed in the data file that holds it, saved in place, and the clock runs until the new "
            "title is on the open page. " + e["note"] + ".", "",
            f"- its release page (the title is the heading): {runs('release_page')}",
            f"- the Qwen page, title drawn in the live figure: {runs('qwen_page_figure')}"] + _redrawn_lines(e)


def _redrawn_lines(e: dict[str, Any]) -> list[str]:
    """Which figures a rebuild drew afresh, as the hook logged it; the others came from the content-hash cache."""
    redrawn = e.get("figures_redrawn")
    if not redrawn:
        return []
    out = ["", "Unchanged figures are not rebuilt: the hook logs which figures each rebuild drew afresh.", ""]
    for what, d in redrawn.items():
        out.append(f"- editing the {what} of `{d['event']}`: drew {', '.join(d['drawn']) or 'none'}; "
                   f"{d['unchanged']} of {d['figures']} taken from the cache")
    return out


def _memory_section(r: dict[str, Any]) -> list[str]:
    m = r.get("memory", {})
    if "builds" not in m:
        return ["", "## 6. Memory", "", f"Not measured: {m.get('error')}"]
    out = ["", "## 6. Memory", "",
           "Each row is one process (`python -m bench.memprobe`); peak RSS from its rusage. Builds are the whole site without "
           "images in a project copy holding the synthetic store, stopped when they overrun their time limit.", "",
           "| Store | Step | Seconds | Peak RSS | Finished | Last progress line |", "|---|---|---|---|---|---|"]
    v = m["validate_17000"]
    out.append(f"| 17,000 | validate | {v['seconds']:.1f} | {v['peak_rss_mb']:,.0f} MB | {'yes' if v['returncode'] == 0 else 'no'} | |")
    for size, b in m["builds"].items():
        last = _stage_text(b["stages"][-2]) if len(b["stages"]) > 1 else ""
        profiled = " (profiled)" if "profile_top10" in b["report"] else ""
        out.append(f"| {int(size):,} | build{profiled} | {b['seconds']:.1f} | {b['peak_rss_mb']:,.0f} MB | "
                   f"{'yes' if b['returncode'] == 0 else 'stopped' if b['timed_out'] else 'failed'} | {last} |")
    b17 = m["builds"]["17000"]
    out += ["", "Progress of the 17,000-event build (seconds, RSS MB, stage):", "", "```", *b17["stages"], "```"]
    if m.get("note"):
        out += ["", m["note"][0].upper() + m["note"][1:] + "."]
    est = b17.get("estimate") if not m.get("build_17000_finished") else None
    if est:
        out += ["", f"At the rate MkDocs was taking pages through the theme when it was stopped ({est['seconds_per_page'] * 1000:.1f} ms "
                f"per page), its {est['generated_pages']:,} generated pages take about {est['minutes_for_all_pages']:.1f} minutes in that phase alone."]
    return out


def _stores_section(r: dict[str, Any]) -> list[str]:
    s = r.get("stores", {})
    if "170" not in s:
        return []
    out = ["", "## Synthetic stores", "",
           "`python -m bench.synth --events N --out DIR`: 17 subjects (the first is `qwen`), families of seven releases joined "
           "by descent edges with credits, moves, organisational changes, alternative claims and sources; five figures per "
           f"subject, each showing a bounded set. The reader's default limits: {s['limits'].get('MAX_BYTES', 0):,} bytes and "
           f"{s['limits'].get('MAX_NODES', 0):,} YAML values per file.", "",
           "| Events | events.yaml | `python -m generators validate` |", "|---|---|---|"]
    for size in ("170", "1700", "17000"):
        x = s[size]["validate_cli"]
        if x["default_limits"]["passes"]:
            verdict = "passes"
        else:
            verdict = f"refused: `{' '.join(x['default_limits']['first_lines'][:1])}`"
            raised = x.get("raised_limits", {})
            verdict += (f"; with {' '.join(f'{k}={v}' for k, v in s['raised_with'].items())}: "
                        + ("passes" if raised.get("passes") else f"still refused: `{' '.join(raised.get('first_lines', [])[:1])}`"))
        out.append(f"| {int(size):,} | {s[size]['events_bytes']:,} bytes | {verdict} |")
    if not s["17000"]["validate_cli"]["default_limits"]["passes"]:
        out += ["", "Every process of the benchmark that loads the 17,000-event store runs with those variables set (bench/limits.py)."]
        v = r.get("store", {}).get("validation")
        lim = s.get("limits", {})
        if v and "MAX_BYTES" in lim and "MAX_NODES" in lim:
            per_bytes, per_values = v["file_bytes"] / 17000, v["yaml_values"] / 17000
            fits = int(min(lim["MAX_BYTES"] / per_bytes, lim["MAX_NODES"] / per_values))
            out[-1] += (f" Events of this shape take about {per_bytes:,.0f} bytes and {per_values:,.0f} YAML values each, so "
                        f"the default limits admit about {fits:,} of them.")
    return out


def _profile_table(title: str, rows: list[dict[str, Any]], key: str = "cumulative_s") -> list[str]:
    out = ["", title, "", "| Function | Calls | Cumulative s | Own s |", "|---|---|---|---|"]
    out += [f"| `{x['function']}` | {x['calls']:,} | {x['cumulative_s']:.2f} | {x['own_s']:.2f} |" for x in rows]
    return out


def _profiles_section(r: dict[str, Any]) -> list[str]:
    out = ["", "## Where the time goes"]
    prof = r.get("build_profile", {}).get("profiled_warm", {})
    if prof.get("profile_top10"):
        out += ["", f"A no-image build of the real site, profiled (cProfile, {prof.get('seconds', 0):.2f} s under the profiler), "
                "after one build has filled the figure cache; this is also what `mkdocs serve` redoes on every save."]
        out += _profile_table("Top 10 by cumulative time:", prof["profile_top10"])
        out += _profile_table("Top 10 of our code (generators/) by cumulative time:", prof["profile_top10_generators"])
        out += _profile_table("Top 10 by own time:", prof["profile_top10_own"])
    b17 = r.get("memory", {}).get("builds", {}).get("17000", {}).get("report", {})
    if b17.get("profile_top10"):
        out += ["", "The 17,000-event build, profiled" + (" until it was stopped:" if b17.get("stopped") else ":")]
        out += _profile_table("Top 10 of our code (generators/) by cumulative time:", b17["profile_top10_generators"])
        out += _profile_table("Top 10 by own time:", b17["profile_top10_own"])
    return out


def write(results: dict[str, Any], md_path: Path, chart_path: Path) -> tuple[Path, Path]:
    """Write the page and the chart, plus the chart's phone plan beside it (`results-chart-phone.json`)."""
    rows = targets(results)
    chart_path.write_text(json.dumps(chart(rows), sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    phone = chart_path.with_name(chart_path.stem + "-phone.json")
    phone.write_text(json.dumps(chart(rows, narrow=True), sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    md_path.write_text(markdown(results, chart_path.name), encoding="utf-8")
    return md_path, chart_path


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "results.json"
    results = json.loads(source.read_text(encoding="utf-8"))
    md, chart_file = write(results, source.with_suffix(".md"), source.with_name("results-chart.json"))
    print(f"wrote {md} and {chart_file}")


if __name__ == "__main__":
    main()
