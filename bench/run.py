"""The benchmark: measures every target side by side with its baseline and writes bench/results.json and results.md.

    python -m bench.run            # what `make bench` runs (about 12 minutes on 2 cores)
    python -m bench.run --quick    # fewer repetitions, for trying the benchmark itself

Each step runs on its own: one that fails is recorded with its error and the others still run. All
builds, servers and stores live in one temp directory, removed at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import (
    limits,
    measure_build,
    measure_edit,
    measure_memory,
    measure_pages,
    measure_shift,
    readers,
    render_page,
    render_readers,
    synth,
    text_collisions,
)
from bench.common import CHROMIUM, PYTHON, ROOT, build_env, data_epoch, loadavg, log, project_copy, run, tempdir
from bench.measure_memory import probe

SIZES = (170, 1700, 17000)
RESULTS = ROOT / "bench" / "results.json"


def _step(results: dict[str, Any], name: str, action: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    log(f"step {name}: start (load {loadavg()})")
    try:
        value = action()
    except Exception as exc:  # one broken measurement must not lose the others
        value = {"error": f"{type(exc).__name__}: {exc}", "traceback": traceback.format_exc()[-3000:]}
        log(f"step {name}: FAILED: {exc}")
    results["steps"][name] = {"seconds": round(time.perf_counter() - started, 1), "load_after": loadavg()}
    results[name] = value
    return value


def _stores(work: Path) -> dict[str, Any]:
    out: dict[str, Any] = {"limits": limits.project_limits(), "raised_with": limits.LARGE}
    for size in SIZES:
        events, figures = synth.write(size, work / f"store-{size}")
        out[str(size)] = {"events_bytes": events.stat().st_size, "figures_bytes": figures.stat().st_size,
                          "validate_cli": limits.check(events, figures)}
    return out


def _measure_store(work: Path, reps: int) -> dict[str, Any]:
    cmd = [PYTHON, "-m", "bench.measure_store", "--big", str(work / "store-17000"), "--small", str(work / "store-170"),
           "--reps", str(reps), "--figure-reps", str(3 * reps)]
    result = run(cmd, cwd=ROOT, timeout=1200, env=limits.large_env())
    if result.returncode != 0:
        raise RuntimeError(f"measure_store failed (timed out: {result.timed_out}): {result.stderr[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _figures_scaling(reps: int) -> dict[str, Any]:
    """bench/measure_figures.py in its own process: each kind at 50, 500 and 5,000 releases, every plan width."""
    result = run([PYTHON, "-m", "bench.measure_figures", "--reps", str(reps)], cwd=ROOT, timeout=3600, env=limits.large_env())
    if result.returncode != 0:
        raise RuntimeError(f"measure_figures failed (timed out: {result.timed_out}): {result.stderr[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _build_profile(work: Path) -> dict[str, Any]:
    """Where a no-image build of the real site spends its time: cold figure cache, then profiled warm (as `make build-fast`)."""
    project = project_copy(work / "profile-project")
    env = build_env(SOURCE_DATE_EPOCH=data_epoch())
    cold = run([PYTHON, "-m", "generators", "build", "--no-images", "--out", str(work / "profile-cold")], cwd=project, timeout=600, env=env)
    warm = probe(["build", "--out", str(work / "profile-warm"), "--profile"], project, 600, work, "profile-warm")
    return {"cold_figure_cache_s": round(cold.seconds, 2), "profiled_warm": warm["report"], "profiled_warm_s": warm["seconds"],
            "import_s": _import_times()}


def _history(quick: bool) -> dict[str, Any]:
    """bench/measure_history.py in its own process: 1,000 commits read cold and warm, 50 versions of each figure built
    cold and warm beside the same builds without history."""
    cmd = [PYTHON, "-m", "bench.measure_history"] + (["--commits", "100", "--versions", "10"] if quick else [])
    result = run(cmd, cwd=ROOT, timeout=7200)
    if result.returncode != 0:
        raise RuntimeError(f"measure_history failed (timed out: {result.timed_out}): {result.stderr[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _only_history(out: Path, quick: bool) -> None:
    """Re-measure the history (about an hour on 2 cores at full size) and redraw the page from the other results as they were."""
    results = json.loads(out.read_text(encoding="utf-8"))
    results.setdefault("steps", {})
    _step(results, "history", lambda: _history(quick))
    results["targets"] = render_page.targets(results)
    out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    markdown, _ = render_page.write(results, out.with_suffix(".md"), out.with_name("results-chart.json"))
    log(f"wrote the history step into {out} and {markdown}")


def _import_times() -> dict[str, float]:
    """Seconds `python -X importtime` spends importing the MkDocs hook, and the heaviest packages under it."""
    out = subprocess.run([PYTHON, "-X", "importtime", "-c", "import generators.plugin.plugin"], cwd=ROOT, env=build_env(),
                         capture_output=True, text=True, timeout=120).stderr
    cumulative: dict[str, float] = {}
    for line in out.splitlines():
        parts = [x.strip() for x in line.removeprefix("import time:").split("|")]
        if len(parts) == 3 and parts[1].isdigit():
            name = parts[2]
            cumulative[name] = max(cumulative.get(name, 0.0), int(parts[1]) / 1e6)
    wanted = ("generators.plugin.plugin", "mkdocs.config.defaults", "pandas", "plotly", "plotly.graph_objects", "pydantic", "jinja2", "numpy")
    return {name: round(cumulative[name], 3) for name in wanted if name in cumulative}


def _readers(work: Path) -> dict[str, Any]:
    """axe-core, Lighthouse and host pages on the real site built with images; recorded as "after" in bench/readers.json."""
    project = project_copy(work / "project")
    out = work / "site"
    build = run([PYTHON, "-m", "generators", "build", "--out", str(out)], cwd=project, timeout=600, env=build_env(SOURCE_DATE_EPOCH=data_epoch()))
    if build.returncode != 0:
        raise RuntimeError(f"build failed: {build.stderr[-2000:]}")
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=30).stdout.strip()
    recorded = json.loads(readers.RESULTS.read_text()) if readers.RESULTS.exists() else {}
    recorded["after"] = {"commit": commit, **readers.measure(out)}
    readers.RESULTS.write_text(json.dumps(recorded, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    return {"serious_or_critical": render_readers.severe_count(recorded["after"]),
            "lighthouse": recorded["after"]["lighthouse_subject_mobile"]["scores"]}


def _environment() -> dict[str, Any]:
    import mkdocs
    import plotly

    lock = json.loads((ROOT / "bench" / "package-lock.json").read_text())
    npm = {name.removeprefix("node_modules/"): info.get("version") for name, info in lock.get("packages", {}).items()
           if name in ("node_modules/@knight-lab/timelinejs", "node_modules/vis-timeline")}
    root_lock = json.loads((ROOT / "package-lock.json").read_text())
    npm["plotly.js-basic-dist-min"] = root_lock.get("packages", {}).get("node_modules/plotly.js-basic-dist-min", {}).get("version")
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=30).stdout.strip().splitlines()
    return {"python": platform.python_version(), "cpus": os.cpu_count(), "plotly": plotly.__version__,
            "plotly_js": plotly.offline.get_plotlyjs_version(), "mkdocs": mkdocs.__version__,
            "chromium": chromium[-1] if chromium else None, "npm": npm, "platform": platform.platform()}


def main() -> None:
    parser = argparse.ArgumentParser(description="Run the benchmark and write bench/results.json and bench/results.md.")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (2), for trying the benchmark itself")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--build-limit", type=float, default=None, help="seconds a synthetic-store build may take before it is stopped")
    parser.add_argument("--only-history", action="store_true",
                        help="measure the history step alone and replace its entry in an existing results.json")
    args = parser.parse_args()
    if args.only_history:
        _only_history(args.out, args.quick)
        return
    reps = 2 if args.quick else 5
    build_limit = args.build_limit or (60 if args.quick else 360)
    started = time.perf_counter()
    results: dict[str, Any] = {
        "generated": time.strftime("%Y-%m-%d %H:%M %Z"), "repetitions": reps, "load_before": loadavg(), "steps": {},
        "environment": _environment(),
    }
    with tempdir("run") as work:
        _step(results, "stores", lambda: _stores(work))

        def pages() -> Any:
            from generators.load import load_store

            store, _ = load_store(ROOT / "data" / "events.yaml", ROOT / "data" / "figures.yaml")
            return measure_pages.measure(work / "pages", store, reps)

        _step(results, "pages", pages)
        _step(results, "layout_shift", lambda: measure_shift.measure(measure_shift.build_site(work / "shift")))
        _step(results, "figures_scaling", lambda: _figures_scaling(reps))
        _step(results, "store", lambda: _measure_store(work, reps))
        _step(results, "build", lambda: measure_build.measure(work / "builds", reps))
        _step(results, "build_profile", lambda: _build_profile(work / "profile"))

        def edit() -> Any:
            from playwright.sync_api import sync_playwright

            with sync_playwright() as playwright:
                return measure_edit.measure(work / "edit", playwright, reps, max(2, reps - 2))

        _step(results, "edit", edit)
        stores = {size: work / f"store-{size}" for size in SIZES}
        _step(results, "memory", lambda: measure_memory.measure(work / "memory", stores, build_limit))
        _step(results, "history", lambda: _history(args.quick))
        _step(results, "readers", lambda: _readers(work / "readers"))
        # Every text box of every kind of every dense store at every plan, measured in Chromium: none may collide.
        _step(results, "text_collisions", lambda: text_collisions.sweep([360, 1000] if args.quick else None))
    results["load_after"] = loadavg()
    results["total_seconds"] = round(time.perf_counter() - started, 1)
    results["targets"] = render_page.targets(results)
    args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    markdown, chart = render_page.write(results, args.out.with_suffix(".md"), args.out.with_name("results-chart.json"))
    log(f"wrote {args.out}, {markdown} and {chart} in {results['total_seconds']:.0f} s")
    for target in results["targets"]:
        log(f"  {target['id']}: {target['name']}: {target['measured']} (budget {target['budget']}) -> {target['status']}")


if __name__ == "__main__":
    main()
