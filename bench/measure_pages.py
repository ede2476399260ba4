"""Target 1, drawn at once: the real site with images and four baselines in; transfer and time to drawn out.

The site is built once with images in a project copy whose image cache starts empty (that build is
also the cold with-images measurement of target 4, and a second build the warm one). Pages and
baselines are served by the gzip server and loaded in turn, round-robin, so that a busy moment of
this shared machine falls on all of them alike.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

from bench import baselines
from bench.browser import Load, labfig_test, launch, load
from bench.common import PYTHON, build_env, data_epoch, log, median, project_copy, ratio, run, summary
from bench.gzserver import serve

TALL = 6000  # px: every figure of the Qwen page in view, so every lazy image loads without scrolling
KB = 1000


def image_builds(work: Path) -> tuple[Path, dict[str, Any]]:
    """Build the site with images twice in a fresh project copy: cold image cache, then warm."""
    project = project_copy(work / "project")
    env = build_env(SOURCE_DATE_EPOCH=data_epoch())
    site = work / "www" / "site"
    out: dict[str, Any] = {}
    for name, target in (("cold", site), ("warm", work / "warm-site")):
        log(f"target 1/4: build with images ({name} cache)")
        result = run([PYTHON, "-m", "generators", "build", "--out", str(target)], cwd=project, timeout=900, env=env)
        if result.returncode != 0:
            raise RuntimeError(f"image build failed: {result.stderr[-2000:]}")
        match = re.search(r"\((\d+) images rendered", result.stdout)
        out[name] = {"seconds": round(result.seconds, 2), "images_rendered": int(match.group(1)) if match else None,
                     "message": result.stdout.strip().splitlines()[-1]}
    shutil.rmtree(work / "warm-site", ignore_errors=True)
    out["images_in_site"] = sum(1 for _ in site.glob("embed/*/*.svg")) + sum(1 for _ in site.glob("embed/*/*.png"))
    return site, out


def _aggregate(loads: list[Load]) -> dict[str, Any]:
    first = loads[0]
    return {
        "drawn_ms": summary([x.drawn_ms for x in loads], 1),
        "first_figure_ms": summary([x.first_ms for x in loads], 1),
        "lcp_ms": summary([x.lcp_ms for x in loads if x.lcp_ms is not None], 1) if any(x.lcp_ms for x in loads) else None,
        "transfer_gz_bytes": int(median([x.transfer_gz for x in loads])),
        "transfer_raw_bytes": int(median([x.transfer_raw for x in loads])),
        "requests": int(median([x.requests for x in loads])),
        "blocked_requests": sorted(set(u for x in loads for u in x.blocked)),
        "errors": sorted(set(e for x in loads for e in x.errors))[:10],
        "responses_first_load": [{"path": p, "gz": g, "raw": r}
                                 for p, g, r in sorted(first.responses, key=lambda x: -x[1])[:25]],
    }


def measure(work: Path, store: Any, reps: int) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    site, builds = image_builds(work)
    www = site.parent
    rows = baselines.write(www, store)
    qwen_html = (site / "qwen" / "index.html").read_text(encoding="utf-8")
    qwen_figures = len(re.findall(r'<figure class="labfig"', qwen_html))
    targets: dict[str, dict[str, Any]] = {
        "qwen_page": {"path": "site/qwen/", "test": labfig_test(qwen_figures), "height": TALL,
                      "label": f"Qwen page, all {qwen_figures} figures (viewport 1200x{TALL})"},
        "qwen_page_fold": {"path": "site/qwen/", "test": labfig_test(qwen_figures), "height": 900, "until": "first",
                           "label": "Qwen page as first seen (viewport 1200x900, timed to the first figure; lazy images further down not loaded)"},
        "embed": {"path": "site/embed/qwen-f1/", "test": labfig_test(1), "height": 900, "label": "Embed page embed/qwen-f1/"},
    }
    for b in baselines.BASELINES:
        targets[b.name] = {"path": b.path, "test": (b.drawn, b.drawn), "height": 900, "label": b.label}
    results: dict[str, list[Load]] = {name: [] for name in targets}
    with serve(www) as (base, server_log), sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            for t in targets.values():  # one unmeasured load each: disk cache of this machine, JIT of the server
                first, every = t["test"]
                load(browser, base + t["path"], server_log, first, first if t.get("until") == "first" else every, height=t["height"])
            for rep in range(reps):
                log(f"target 1: page loads, round {rep + 1}/{reps}")
                for name, t in targets.items():
                    first, every = t["test"]
                    results[name].append(load(browser, base + t["path"], server_log, first,
                                              first if t.get("until") == "first" else every, height=t["height"]))
        finally:
            browser.close()
    pages = {name: {"label": targets[name]["label"], **_aggregate(loads)} for name, loads in results.items()}
    tl = pages["timelinejs"]["drawn_ms"]["median"]
    qwen, embed = pages["qwen_page"], pages["embed"]
    return {
        "builds": builds,
        "baseline_rows": [r["id"] for r in rows],
        "pages": pages,
        "checks": {
            "qwen_page_transfer": {"value_kb": round(qwen["transfer_gz_bytes"] / KB, 1), "target_kb": 200,
                                   "met": qwen["transfer_gz_bytes"] <= 200 * KB},
            "embed_transfer": {"value_kb": round(embed["transfer_gz_bytes"] / KB, 1), "target_kb": 100,
                               "met": embed["transfer_gz_bytes"] <= 100 * KB},
            "embed_vs_timelinejs": {"embed_ms": embed["drawn_ms"]["median"], "timelinejs_ms": tl,
                                    "ratio": ratio(embed["drawn_ms"]["median"], tl), "target_ratio": 1.0,
                                    "met": embed["drawn_ms"]["median"] <= tl},
        },
        "ratios_vs_baselines": {
            name: {"drawn": ratio(embed["drawn_ms"]["median"], pages[name]["drawn_ms"]["median"]),
                   "transfer": ratio(embed["transfer_gz_bytes"], pages[name]["transfer_gz_bytes"])}
            for name in ("plotly-default", "plotly-basic", "timelinejs", "vis-timeline")
        },
    }
