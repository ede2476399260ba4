"""Layout shift when a figure turns interactive: a site built with images in (the Qwen page and a dense subject's
page), per figure, page width and touch (hover, focus, tap) the height of its stage before and after the live plot
replaces the static image out, with the worst and median change.

At each width from 320 to 1600 px (every 40 px; the dense page at every fourth width) the page is opened and each
figure is touched in turn (hover, focus and tap rotate over the figures and the widths, so every figure meets each
at a third of its widths); each figure's embed is opened on its own at every fourth width, staggered so that each
width opens a few. For each, the figure's static image is awaited, the stage's height and the plan the image shows are
read, the figure is touched, the live plot is awaited and both are read again. The shift is the height difference
(target 0); the plan the live plot draws should be the image's. Widths go coarse to fine and no new width starts
that would end after `BUDGET_S`, so the run ends within about ten minutes even on a busy machine (it says which
widths it measured).

    python -m bench.measure_shift                # builds the site (Qwen + a 300-release dense subject), measures,
                                                 # and writes the result into bench/results.json and results.md
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
from pathlib import Path
from typing import Any

from bench.browser import launch
from bench.common import PYTHON, ROOT, build_env, data_epoch, log, project_copy, run, tempdir
from bench.gzserver import serve

WIDTHS = tuple(range(320, 1601, 40))
TOUCHES = ("hover", "focus", "tap")
# Page: (path, every how many widths). The dense page's lineage of 360 releases takes seconds to draw live.
PAGES = {"qwen": ("qwen/", 1), "dense": ("dense/", 4)}
EMBED_EVERY = 4  # each embed at every 4th width, staggered so that each width opens a few of them
TIMEOUT_MS = 60000
BUDGET_S = 540.0  # the run stops starting new widths after this, so that it ends within about ten minutes
READ = """id => { const f = document.querySelector(`figure[data-figure="${id}"]`);
  const stage = f.querySelector('.labfig-stage');
  const shown = [...f.querySelectorAll('img.labfig-static')].filter(i => getComputedStyle(i).display !== 'none');
  return {height: stage.getBoundingClientRect().height,
          image: shown.length ? [...shown[0].classList].find(c => c.startsWith('labfig-plan-')) : null,
          live: f._labfig && f._labfig.plan ? 'labfig-plan-' + f._labfig.plan.name : null}; }"""
IMAGE_READY = """id => [...document.querySelectorAll(`figure[data-figure="${id}"] img.labfig-static`)]
  .some(i => i.offsetParent !== null && i.complete && i.naturalWidth > 0)"""


def _one(page: Any, fig_id: str, touch: str) -> dict[str, Any]:
    stage = page.locator(f'figure[data-figure="{fig_id}"] .labfig-stage')
    page.mouse.move(0, 0)  # scrolling must not bring the figure under the pointer before it is measured
    stage.scroll_into_view_if_needed()
    page.wait_for_function(IMAGE_READY, arg=fig_id, timeout=TIMEOUT_MS)
    before = page.evaluate(READ, fig_id)
    started = time.perf_counter()
    getattr(stage, touch)()
    try:
        page.wait_for_selector(f'figure[data-figure="{fig_id}"].is-live .main-svg', state="attached", timeout=TIMEOUT_MS)
    except Exception:  # a figure that never turns interactive is a finding, not the end of the run
        return {"delta": 0.0, "before": round(before["height"], 1), "touch": touch, "plan_changed": False,
                "error": f"not interactive {TIMEOUT_MS // 1000} s after the {touch}"}
    after = page.evaluate(READ, fig_id)
    return {"delta": round(after["height"] - before["height"], 2), "before": round(before["height"], 1), "touch": touch,
            "plan_changed": before["image"] != after["live"], "live_s": round(time.perf_counter() - started, 2)}


def _figures_on(page: Any) -> list[str]:
    return page.evaluate("() => [...document.querySelectorAll('figure[data-figure]')].map(f => f.dataset.figure)")  # type: ignore[no-any-return]


def _order(widths: tuple[int, ...]) -> list[int]:
    """The widths coarse to fine (ends, middle, quarters, ...), so that a run cut short still spans the range."""
    out, step = [], len(widths) - 1
    while step >= 1:
        out += [widths[i] for i in range(0, len(widths), step) if widths[i] not in out]
        step //= 2
    return out + [w for w in widths if w not in out]


def measure(site: Path, budget_s: float = BUDGET_S) -> dict[str, Any]:
    """Each page's figures at its widths and each embed at its widths, in headless Chromium, within `budget_s`."""
    from playwright.sync_api import sync_playwright

    embeds = sorted(p.parent.name for p in (site / "embed").glob("*/index.html"))
    rows: list[dict[str, Any]] = []
    started = time.perf_counter()
    done: list[int] = []
    with serve(site.parent) as (base, _), sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            slowest = 0.0
            for width in _order(WIDTHS):
                began = time.perf_counter()
                if began - started + slowest > budget_s:
                    break
                log(f"layout shift: {width} px ({len(rows)} measured, {time.perf_counter() - started:.0f} s)")
                w = WIDTHS.index(width)
                # One touch-capable context: it hovers and focuses like a desktop and taps like a phone.
                ctx = browser.new_context(viewport={"width": width, "height": 900}, service_workers="block", has_touch=True)
                for name, (path, every) in PAGES.items():
                    if w % every or not (site / path).exists():
                        continue
                    page = ctx.new_page()
                    page.goto(base + f"{site.name}/{path}")
                    for f, fig_id in enumerate(_figures_on(page)):
                        rows.append({"where": name, "figure": fig_id, "width": width, **_one(page, fig_id, TOUCHES[(f + w) % 3])})
                    page.close()
                for e, fig_id in enumerate(embeds):
                    if (w + e) % EMBED_EVERY:
                        continue
                    page = ctx.new_page()
                    page.goto(base + f"{site.name}/embed/{fig_id}/")
                    rows.append({"where": "embed", "figure": fig_id, "width": width, **_one(page, fig_id, TOUCHES[(e + w) % 3])})
                    page.close()
                ctx.close()
                done.append(width)
                slowest = max(slowest, time.perf_counter() - began)
        finally:
            browser.close()
    result = summarise(rows, time.perf_counter() - started)
    result["widths_done"] = sorted(done)
    return result


def summarise(rows: list[dict[str, Any]], seconds: float) -> dict[str, Any]:
    """Worst and median change over all pairs, and per place (page or embed) and touch."""
    failed = [r for r in rows if "error" in r]
    rows = [r for r in rows if "error" not in r]
    shifts = [abs(r["delta"]) for r in rows]

    def stats(selected: list[dict[str, Any]]) -> dict[str, Any]:
        values = [abs(r["delta"]) for r in selected]
        return {"pairs": len(values), "worst_px": max(values, default=0.0),
                "median_px": statistics.median(values) if values else 0.0}

    worst = sorted(rows, key=lambda r: -abs(r["delta"]))
    return {"widths": [WIDTHS[0], WIDTHS[-1], WIDTHS[1] - WIDTHS[0]], "pairs": len(rows), "seconds": round(seconds, 1),
            "worst_px": max(shifts, default=0.0), "median_px": statistics.median(shifts) if shifts else 0.0,
            "over_2px": sum(1 for s in shifts if s > 2), "plan_changed": sum(1 for r in rows if r["plan_changed"]),
            "by_place": {w: stats([r for r in rows if r["where"] == w]) for w in dict.fromkeys(r["where"] for r in rows)},
            "by_touch": {t: stats([r for r in rows if r["touch"] == t]) for t in TOUCHES},
            "worst": [r for r in worst[:5] if r["delta"]], "failed": failed, "rows": rows}


def merged_data(data: Path, dense_dir: Path, out: Path) -> Path:
    """A copy of `data` with the dense store's subject, registries, events and figures added to it."""
    import shutil

    shutil.copytree(data, out)
    dense_events = (dense_dir / "events.yaml").read_text(encoding="utf-8")
    entry = out / "events.yaml"
    entry.write_text(_merge_sections(entry.read_text(encoding="utf-8"), dense_events), encoding="utf-8")
    figures = (dense_dir / "figures.yaml").read_text(encoding="utf-8").split("figures:\n", 1)[1]
    with (out / "figures.yaml").open("a", encoding="utf-8") as f:
        f.write("\n" + figures)
    return out


def _sections(text: str) -> dict[str, list[str]]:
    """Top-level YAML sections (`name:` at column 0) and their lines; comments and the header under ''."""
    out: dict[str, list[str]] = {"": []}
    current = ""
    for line in text.splitlines():
        match = re.match(r"^([a-z_]+):\s*$", line)
        if match:
            current = match.group(1)
            out.setdefault(current, [])
        elif current or line.strip():
            out[current].append(line)
    return out


def _merge_sections(entry: str, extra: str) -> str:
    """`entry` with each list section of `extra` appended to the section of the same name (or added after)."""
    ours, theirs = _sections(entry), _sections(extra)
    for name, lines in theirs.items():
        if name:
            ours.setdefault(name, [])
            ours[name] = [*ours[name], *[line for line in lines if not line.startswith("#")]]
    return "\n".join(ours[""]) + "\n" + "".join(f"\n{name}:\n" + "\n".join(lines) + "\n" for name, lines in ours.items() if name)


def build_site(work: Path, releases: int = 300) -> Path:
    """Build the site with images from the project's data plus a dense subject of `releases` releases."""
    from bench import dense

    dense.write(releases, work / "dense")
    data = merged_data(ROOT / "data", work / "dense", work / "data")
    project = project_copy(work / "project", data)
    site = work / "www" / "site"
    log("layout shift: building the site with images (Qwen + dense)")
    result = run([PYTHON, "-m", "generators", "build", "--out", str(site)], cwd=project, timeout=1800,
                 env=build_env(SOURCE_DATE_EPOCH=data_epoch()))
    if result.returncode != 0:
        raise RuntimeError(f"build failed: {result.stderr[-2000:]}")
    return site


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json", help="results.json to update")
    parser.add_argument("--site", type=Path, help="measure this built site instead of building one")
    args = parser.parse_args()
    with tempdir("shift") as work:
        result = measure(args.site or build_site(work))
    result["measured"] = time.strftime("%Y-%m-%d %H:%M %Z")
    result["site"] = "given" if args.site else "built then"
    print(json.dumps({k: v for k, v in result.items() if k != "rows"}))
    if args.out.exists():
        from bench import render_page

        results = json.loads(args.out.read_text(encoding="utf-8"))
        results["layout_shift"] = result
        results["targets"] = render_page.targets(results)
        args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        render_page.write(results, args.out.with_suffix(".md"), args.out.with_name("results-chart.json"))
        log(f"wrote the layout shift into {args.out} and its page")


if __name__ == "__main__":
    main()
