"""Figures at 50, 500 and 5,000 releases: the dense stores in, per kind the build time at every plan width, its growth
against the 50-release figure of the same run, its height at each plan, peak memory and JSON size out (one JSON
line on stdout).

    python -m bench.measure_figures                 # what `make bench` runs
    python -m bench.measure_figures --reps 1 --sizes 50,500

Each kind draws the dense family of `bench/dense.py` (the stacked timelines without their window, so that they
draw every release too). Builds alternate size by size and kind by kind within a repetition, so a busy spell of
this shared machine falls on all of them alike; CPU time is the measure (the work is single-threaded), wall
time is given too. Memory is tracemalloc's peak over one build at the widest plan, in a separate pass (tracing
slows Python down), and the process's peak RSS at the end.
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

from bench import dense, limits
from bench.common import median

KINDS = {"release-timeline": "dense-f1", "lineage": "dense-f5", "stacked-timelines": "dense-f7", "bifurcation": "dense-f4"}
SIZES = (50, 500, 5000)
STEP_BUDGET = 13.0  # 10x the releases may cost at most 13x the time
SECONDS_BUDGET = 2.0  # one figure of the largest size, per plan width


def _specs(store: Any) -> dict[str, Any]:
    specs = {kind: store.figures[fid] for kind, fid in KINDS.items()}
    specs["stacked-timelines"] = specs["stacked-timelines"].model_copy(update={"window": None})
    return specs


def _stores(sizes: tuple[int, ...], work: Path) -> dict[int, Any]:
    from generators.load import load_store

    out = {}
    for size in sizes:
        events, figures = dense.write(size, work / f"dense-{size}")
        out[size], _ = load_store(events, figures, strict=False, limits=limits.large_limits())  # over the default size limit
    return out


def _time(store: Any, spec: Any, width: int, heights: dict[int, int]) -> tuple[float, float]:
    """CPU and wall seconds of one build; the figure's height goes into `heights` by width."""
    from generators.figures.registry import build_figure

    wall, cpu = time.perf_counter(), time.process_time()
    fig = build_figure(store, spec, width)
    spent = time.process_time() - cpu, time.perf_counter() - wall
    heights[width] = int(fig.layout.height)
    return spent


def _memory(store: Any, spec: Any, width: int) -> dict[str, Any]:
    from generators.figures.registry import build_figure

    tracemalloc.start()
    fig = build_figure(store, spec, width)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {"peak_mb": round(peak / 2**20, 2), "json_kb": round(len(fig.to_json()) / 1000, 1)}


def measure(sizes: tuple[int, ...], reps: int, work: Path) -> dict[str, Any]:
    from generators.figures.registry import build_figure, drawn
    from generators.figures.registry_widths import WIDTHS

    stores = _stores(sizes, work)
    specs = {size: _specs(store) for size, store in stores.items()}
    for spec in specs[sizes[0]].values():  # warm-up: Plotly reads its validators on the first figure
        build_figure(stores[sizes[0]], spec, WIDTHS["desktop"])
    runs: dict[tuple[str, int, int], list[tuple[float, float]]] = {}
    heights: dict[tuple[str, int], dict[int, int]] = {}
    for _ in range(reps):
        for size in sizes:
            for kind, spec in specs[size].items():
                for width in WIDTHS.values():
                    runs.setdefault((kind, size, width), []).append(_time(stores[size], spec, width, heights.setdefault((kind, size), {})))
    kinds: dict[str, Any] = {}
    for kind in KINDS:
        per_size: dict[str, Any] = {}
        for size in sizes:
            cpu = {w: median([c for c, _ in runs[(kind, size, w)]]) for w in WIDTHS.values()}
            wall = {w: median([x for _, x in runs[(kind, size, w)]]) for w in WIDTHS.values()}
            per_size[str(size)] = {"drawn": len(drawn(stores[size], specs[size][kind])),
                                   "cpu_s": {str(w): round(v, 4) for w, v in cpu.items()},
                                   "wall_s": {str(w): round(v, 4) for w, v in wall.items()},
                                   "worst_cpu_s": round(max(cpu.values()), 4), "worst_wall_s": round(max(wall.values()), 4),
                                   "mean_cpu_s": round(sum(cpu.values()) / len(cpu), 4),
                                   "height_px": {str(w): h for w, h in heights[(kind, size)].items()},
                                   **_memory(stores[size], specs[size][kind], WIDTHS["desktop"])}
        kinds[kind] = {"sizes": per_size, **_growth(per_size, sizes)}
    return {"sizes": list(sizes), "repetitions": reps, "widths": list(WIDTHS.values()), "kinds": kinds,
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "budget": {"per_10x": STEP_BUDGET, "largest_s_per_width": SECONDS_BUDGET}}


def _growth(per_size: dict[str, Any], sizes: tuple[int, ...]) -> dict[str, Any]:
    """Time against the smallest figure (mean over widths, CPU), the worst 10x step, the exponent, and the verdict."""
    base = per_size[str(sizes[0])]["mean_cpu_s"]
    vs_first = {str(s): round(per_size[str(s)]["mean_cpu_s"] / base, 2) for s in sizes}
    steps = [per_size[str(b)]["mean_cpu_s"] / per_size[str(a)]["mean_cpu_s"] for a, b in zip(sizes, sizes[1:], strict=False)]
    last = sizes[-1]
    exponent = math.log(vs_first[str(last)]) / math.log(last / sizes[0]) if last > sizes[0] else 0.0
    # Each step is 10x the releases; the budget for the whole span is 13x per step.
    allowed = STEP_BUDGET ** math.log10(last / sizes[0])
    met = vs_first[str(last)] <= allowed and per_size[str(last)]["worst_cpu_s"] < SECONDS_BUDGET
    return {"vs_first": vs_first, "worst_step": round(max(steps, default=1.0), 2), "exponent": round(exponent, 3),
            "allowed_vs_first": round(allowed, 1), "met": met}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="labfig-figures-") as work:
        result = measure(tuple(int(s) for s in args.sizes.split(",")), args.reps, Path(work))
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
