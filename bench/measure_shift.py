"""Layout shift when a figure turns interactive: a site built with images in (the Qwen page and a dense subject's
page), per figure, page width and touch (hover, focus, tap) the height of its stage before and after the live plot
replaces the static image out, with the worst and median change.

At every width from 320 to 1600 px (every 40 px) the Qwen page, the dense page and each figure's embed are opened;
all figures of the page are read with their static images shown (each image's plan too), touched one after another
(hover, focus and tap rotate over the figures and the widths, so every figure meets each at a third of its widths),
awaited until each is live (its `is-live` class and drawn SVG: no fixed sleeps) and read again. The shift is the
height difference (target 0); the plan the live plot draws should be the image's. A few pages in one browser work
through the jobs at once, each page kept across jobs (its viewport resized, the next address loaded), so plotly.js
comes from the cache. Widths go coarse to fine, and no job starts after `BUDGET_S`, so a run on a busy machine still
ends within about ten minutes (it says which widths it measured in full).

    python -m bench.measure_shift                # builds the site (Qwen + a 300-release dense subject), measures,
                                                 # and writes the result into bench/results.json and results.md
    python -m bench.measure_shift --site DIR     # measures a site built with images beforehand
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import statistics
import time
from pathlib import Path
from typing import Any

from bench.common import CHROMIUM, CHROMIUM_ARGS, PYTHON, ROOT, build_env, data_epoch, log, project_copy, run, tempdir
from bench.gzserver import serve

WIDTHS = tuple(range(320, 1601, 40))
TOUCHES = ("hover", "focus", "tap")
PAGES = {"qwen": "qwen/", "dense": "dense/"}
WORKERS = 3  # pages at once: one waits on a live plot while another draws
HEIGHT = 900
TIMEOUT_MS = 90000
BUDGET_S = 540.0  # no job starts after this, so that the run ends within about ten minutes
# Every figure's stage height, the plan of the static image shown and the plan the live plot draws.
READ = """() => Object.fromEntries([...document.querySelectorAll('figure[data-figure]')].map(f => {
  const shown = [...f.querySelectorAll('img.labfig-static')].filter(i => getComputedStyle(i).display !== 'none');
  return [f.dataset.figure, {height: f.querySelector('.labfig-stage').getBoundingClientRect().height,
          image: shown.length ? [...shown[0].classList].find(c => c.startsWith('labfig-plan-')) : null,
          live: f._labfig && f._labfig.plan && f.classList.contains('is-live') ? 'labfig-plan-' + f._labfig.plan.name : null}]; }))"""
# Lazy images load only near the viewport: ask for the shown ones, then wait until each figure's is decoded.
EAGER = """() => document.querySelectorAll('img.labfig-static').forEach(i => {
  if (getComputedStyle(i).display !== 'none') i.loading = 'eager'; })"""
IMAGES_READY = """() => [...document.querySelectorAll('figure[data-figure]')].every(f =>
  [...f.querySelectorAll('img.labfig-static')].some(i => i.offsetParent !== null && i.complete && i.naturalWidth > 0))"""
ALL_LIVE = """ids => ids.every(id => { const f = document.querySelector(`figure[data-figure="${id}"]`);
  return f.classList.contains('is-failed') || (f.classList.contains('is-live') && f.querySelector('.main-svg')); })"""
NOT_LIVE = """ids => ids.filter(id => { const f = document.querySelector(`figure[data-figure="${id}"]`);
  return !(f.classList.contains('is-live') && f.querySelector('.main-svg')); })"""
FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


def _order(widths: tuple[int, ...]) -> list[int]:
    """The widths coarse to fine (ends, middle, quarters, ...), so that a run cut short still spans the range."""
    out, step = [], len(widths) - 1
    while step >= 1:
        out += [widths[i] for i in range(0, len(widths), step) if widths[i] not in out]
        step //= 2
    return out + [w for w in widths if w not in out]


def jobs(site: Path, widths: tuple[int, ...] = WIDTHS) -> list[tuple[str, str, int]]:
    """(place, path under the site, width) for every page and embed at every width, coarse widths first."""
    places = [(name, path) for name, path in PAGES.items() if (site / path / "index.html").exists()]
    places += [("embed", f"embed/{p.parent.name}/") for p in sorted((site / "embed").glob("*/index.html"))]
    # The heavy dense page first within a width, so that a worker is not left alone with it at the end.
    places.sort(key=lambda place: place[0] != "dense")
    return [(name, path, width) for width in _order(widths) for name, path in places]


async def _one(page: Any, url: str, where: str, width: int) -> list[dict[str, Any]]:
    """Open `url` at `width`, touch every figure on it and return one row per figure."""
    opened = time.perf_counter()
    await page.set_viewport_size({"width": width, "height": HEIGHT})
    await page.mouse.move(0, 0)  # the pointer must not rest on a figure before it is measured
    await page.goto(url, wait_until="domcontentloaded", timeout=TIMEOUT_MS)
    await page.evaluate(EAGER)
    await page.wait_for_function(IMAGES_READY, timeout=TIMEOUT_MS, polling=100)
    await page.evaluate(FRAMES)
    before = await page.evaluate(READ)
    load_s = round(time.perf_counter() - opened, 2)
    ids = list(before)
    w = WIDTHS.index(width) if width in WIDTHS else width
    touches = {fig_id: TOUCHES[(i + w) % 3] for i, fig_id in enumerate(ids)}
    started = time.perf_counter()
    for fig_id in ids:
        stage = page.locator(f'figure[data-figure="{fig_id}"] .labfig-stage')
        await getattr(stage, touches[fig_id])(timeout=TIMEOUT_MS)
    failed: list[str] = []
    try:
        await page.wait_for_function(ALL_LIVE, arg=ids, timeout=TIMEOUT_MS, polling=100)
    except Exception:  # a figure that never turns interactive is a finding, not the end of the run
        failed = await page.evaluate(NOT_LIVE, ids)
    live_s = round(time.perf_counter() - started, 2)
    await page.evaluate(FRAMES)
    after = await page.evaluate(READ)
    rows = []
    for fig_id in ids:
        row: dict[str, Any] = {"where": where, "figure": fig_id, "width": width, "touch": touches[fig_id],
                               "before": round(before[fig_id]["height"], 1)}
        if fig_id in failed or after[fig_id]["live"] is None:
            row.update(delta=0.0, plan_changed=False, error=f"not interactive {TIMEOUT_MS // 1000} s after the {touches[fig_id]}")
        else:
            row.update(delta=round(after[fig_id]["height"] - before[fig_id]["height"], 2),
                       plan_changed=before[fig_id]["image"] != after[fig_id]["live"], load_s=load_s, live_s=live_s)
        rows.append(row)
    return rows


async def _measure(site: Path, base: str, budget_s: float, workers: int, widths: tuple[int, ...],
                   cpu: dict[str, float]) -> tuple[list[dict[str, Any]], list[int]]:
    from playwright.async_api import async_playwright

    queue = jobs(site, widths)
    total = {width: sum(1 for job in queue if job[2] == width) for width in widths}
    finished: dict[int, int] = {}
    rows: list[dict[str, Any]] = []
    started = time.perf_counter()

    async def worker(browser: Any) -> None:
        # One touch-capable context: it hovers and focuses like a desktop and taps like a phone.
        context = await browser.new_context(viewport={"width": WIDTHS[0], "height": HEIGHT}, service_workers="block", has_touch=True)
        # Site search builds its index in a worker on every page load: seconds of CPU that no figure needs.
        await context.route("**/search/search_index.json", lambda route: route.abort())
        page = await context.new_page()
        while queue and time.perf_counter() - started < budget_s:
            where, path, width = queue.pop(0)
            if where != "embed" or not finished.get(width):
                log(f"layout shift: {where} at {width} px ({len(rows)} pairs, {time.perf_counter() - started:.0f} s)")
            try:
                rows.extend(await _one(page, f"{base}{site.name}/{path}", where, width))
            except Exception as error:  # a page that would not load: its figures are findings too
                rows.append({"where": where, "figure": path, "width": width, "touch": "-", "delta": 0.0,
                             "plan_changed": False, "error": str(error).splitlines()[0][:200]})
            finished[width] = finished.get(width, 0) + 1
        await context.close()

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            await asyncio.gather(*(worker(browser) for _ in range(workers)))
            cpu["browser"] = _descendants_cpu_s()  # before the browser's processes end and take their times with them
        finally:
            await browser.close()
    return rows, sorted(w for w in widths if finished.get(w) == total[w])


def measure(site: Path, budget_s: float = BUDGET_S, workers: int = WORKERS, widths: tuple[int, ...] = WIDTHS) -> dict[str, Any]:
    """Each page's figures and each embed at each of `widths`, in headless Chromium, within `budget_s`."""
    started, own, cpu = time.perf_counter(), time.process_time(), {"browser": 0.0}
    with serve(site.parent) as (base, _):
        rows, done = asyncio.run(_measure(site, base, budget_s, workers, widths, cpu))
    result = summarise(rows, time.perf_counter() - started, widths)
    result["widths_done"] = done
    result["workers"] = workers
    # CPU of this process and of the browser's processes: the work itself, whatever else the machine was doing.
    result["cpu_s"] = round(time.process_time() - own + cpu["browser"], 1)
    result["load"] = round(os.getloadavg()[1], 1)  # the machine's 5-minute load average as the run ended
    return result


def _descendants_cpu_s() -> float:
    """User and system CPU of every live descendant of this process, with the children each has reaped (Linux /proc)."""
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(stat.parent.name)
        parents[pid] = int(fields[1])
        times[pid] = sum(int(f) for f in fields[11:15]) / tick  # utime, stime, cutime, cstime
    mine, grown = {os.getpid()}, True
    while grown:
        found = {pid for pid, parent in parents.items() if parent in mine} - mine
        mine |= found
        grown = bool(found)
    return sum(times[pid] for pid in mine - {os.getpid()})


def summarise(rows: list[dict[str, Any]], seconds: float, widths: tuple[int, ...] = WIDTHS) -> dict[str, Any]:
    """Worst and median change over all pairs, per place (page or embed), touch and width; the pairs that moved."""
    failed = [r for r in rows if "error" in r]
    rows = [r for r in rows if "error" not in r]
    shifts = [abs(r["delta"]) for r in rows]

    def stats(selected: list[dict[str, Any]]) -> dict[str, Any]:
        values = [abs(r["delta"]) for r in selected]
        return {"pairs": len(values), "worst_px": max(values, default=0.0),
                "median_px": statistics.median(values) if values else 0.0}

    worst = sorted(rows, key=lambda r: -abs(r["delta"]))
    span = [widths[0], widths[-1], widths[1] - widths[0]] if widths == WIDTHS else list(widths)
    return {"widths": span, "pairs": len(rows), "seconds": round(seconds, 1),
            "worst_px": max(shifts, default=0.0), "median_px": statistics.median(shifts) if shifts else 0.0,
            "over_2px": sum(1 for s in shifts if s > 2), "plan_changed": sum(1 for r in rows if r["plan_changed"]),
            "by_place": {w: stats([r for r in rows if r["where"] == w]) for w in [*PAGES, "embed"] if any(r["where"] == w for r in rows)},
            "by_touch": {t: stats([r for r in rows if r["touch"] == t]) for t in TOUCHES},
            "by_width": {str(w): stats([r for r in rows if r["width"] == w])["worst_px"] for w in widths if any(r["width"] == w for r in rows)},
            "worst": [r for r in worst[:5] if r["delta"]], "failed": failed,
            "moved": [r for r in rows if r["delta"] or r["plan_changed"]]}


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
    parser.add_argument("--workers", type=int, default=WORKERS, help="pages measured at once")
    parser.add_argument("--budget", type=float, default=BUDGET_S, help="seconds after which no new page starts")
    parser.add_argument("--widths", help="comma-separated widths instead of every 40 px from 320 to 1600 (a quick look)")
    args = parser.parse_args()
    widths = tuple(sorted(int(w) for w in args.widths.split(","))) if args.widths else WIDTHS
    with tempdir("shift") as work:
        result = measure(args.site or build_site(work), args.budget, args.workers, widths)
    result["measured"] = time.strftime("%Y-%m-%d %H:%M %Z")
    result["site"] = "given" if args.site else "built then"
    print(json.dumps(result))
    if args.out.exists() and not args.widths:  # a quick look at a few widths is printed, not recorded
        from bench import render_page

        results = json.loads(args.out.read_text(encoding="utf-8"))
        results["layout_shift"] = result
        results["targets"] = render_page.targets(results)
        args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        render_page.write(results, args.out.with_suffix(".md"), args.out.with_name("results-chart.json"))
        log(f"wrote the layout shift into {args.out} and its page")


if __name__ == "__main__":
    main()
