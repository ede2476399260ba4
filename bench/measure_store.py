"""Targets 2 and 3, in a process of their own: store files in; validation against its YAML floor and figure costs out.

2. `load_store` on the 17,000-event store against `yaml.compose(text, Loader=CBaseLoader)` of the same
   files (events and figures), alternated run by run.
Both are timed in CPU seconds (and wall seconds, reported beside them).
3. `build_figure(store, spec, 1000)` of each kind from the 17,000-event store against the Qwen store's
   figure of that kind, which shows the same number of events; the same synthetic figure from the
   170-event store separates the store's size from the figure's content.

    python -m bench.measure_store --big DIR --small DIR --reps 5     (prints JSON)
"""

from __future__ import annotations

import argparse
import gc
import json
import time
from pathlib import Path
from typing import Any

import yaml

from bench.common import ROOT, median, ratio, summary
from bench.limits import large_limits

KIND_FIGURE = {"release-timeline": "qwen-f1", "posture-matrix": "qwen-f2", "bifurcation": "qwen-f4",
               "lineage": "qwen-f5", "stacked-timelines": "qwen-f7"}


def _timed(action: Any) -> tuple[float, float]:
    """(wall, CPU) seconds of one call. Targets are judged on CPU time: this single-threaded work costs the
    same CPU however busy the shared machine is, while its wall time also counts other people's processes."""
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return time.perf_counter() - wall, time.process_time() - cpu


def _split(runs: list[tuple[float, float]], digits: int) -> dict[str, Any]:
    return {"cpu": summary([c for _, c in runs], digits), "wall": summary([w for w, _ in runs], digits)}


def validation(events: Path, figures: Path, reps: int) -> tuple[dict[str, Any], Any]:
    from generators.load import load_store

    texts = [events.read_text(encoding="utf-8"), figures.read_text(encoding="utf-8")]
    floor: list[tuple[float, float]] = []
    load: list[tuple[float, float]] = []

    def compose() -> None:
        for text in texts:
            yaml.compose(text, Loader=yaml.CBaseLoader)

    def validate() -> None:
        load_store(events, figures, limits=large_limits())  # dropped at once: a store kept alive would slow the next compose's GC passes

    for _ in range(reps):
        floor.append(_timed(compose))
        load.append(_timed(validate))
    # Once more each with the collector off: how much of either is Python's cyclic GC walking the nodes.
    gc.disable()
    try:
        floor_nogc, load_nogc = _timed(compose), _timed(validate)
    finally:
        gc.enable()
    nodes = sum(1 for t in texts for e in yaml.parse(t, Loader=yaml.CBaseLoader)
                if isinstance(e, (yaml.ScalarEvent, yaml.CollectionStartEvent)))
    store = load_store(events, figures, limits=large_limits())[0]  # for target 3, loaded after every timed run
    load_cpu, floor_cpu = median([c for _, c in load]), median([c for _, c in floor])
    result = {
        "file_bytes": sum(len(t.encode()) for t in texts), "yaml_values": nodes,
        "floor_compose_s": _split(floor, 3), "load_store_s": _split(load, 3),
        "ratio": ratio(load_cpu, floor_cpu), "ratio_wall": ratio(median([w for w, _ in load]), median([w for w, _ in floor])),
        "target_ratio": 2.0, "met": load_cpu <= 2 * floor_cpu,
        "gc_off_once": {"floor_compose_s": round(floor_nogc[1], 3), "load_store_s": round(load_nogc[1], 3)},
    }
    return result, store


def _figure_time(store: Any, spec: Any, reps: int) -> list[tuple[float, float]]:
    from generators.figures.registry import build_figure

    return [_timed(lambda: build_figure(store, spec, 1000)) for _ in range(reps)]


def _shows(store: Any, spec: Any) -> int:
    if spec.kind == "posture-matrix":
        return len(spec.options.labs) or len(store.postures)
    return len(store.select(spec.subject, spec.select))


def figures(big: Any, qwen: Any, small: Any, reps: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for kind, figure_id in KIND_FIGURE.items():
        specs = {"qwen": (qwen, qwen.figures[figure_id]), "synthetic_170": (small, small.figures[figure_id]),
                 "synthetic_17000": (big, big.figures[figure_id])}
        runs: dict[str, list[tuple[float, float]]] = {name: [] for name in specs}
        for store, spec in specs.values():  # warm-up: first-call costs are not the store's
            _figure_time(store, spec, 1)
        for _ in range(reps):  # alternate the stores so that a busy moment hits all three
            for name, (store, spec) in specs.items():
                runs[name] += _figure_time(store, spec, 1)
        med = {name: median([c for _, c in r]) for name, r in runs.items()}
        wall = {name: median([w for w, _ in r]) for name, r in runs.items()}
        out[kind] = {
            "figure": figure_id,
            "events_shown": {name: _shows(store, spec) for name, (store, spec) in specs.items()},
            "store_events": {name: len(store.events) for name, (store, _) in specs.items()},
            "seconds": {name: _split(r, 4) for name, r in runs.items()},
            "ratio_17000_vs_qwen": ratio(med["synthetic_17000"], med["qwen"]),
            "ratio_17000_vs_qwen_wall": ratio(wall["synthetic_17000"], wall["qwen"]),
            "ratio_17000_vs_170": ratio(med["synthetic_17000"], med["synthetic_170"]),
            "target_ratio": 1.5,
            "met": med["synthetic_17000"] <= 1.5 * med["qwen"],
        }
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--big", type=Path, required=True)
    parser.add_argument("--small", type=Path, required=True)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--figure-reps", type=int, default=15)
    args = parser.parse_args()

    from generators.load import load_store

    result: dict[str, Any] = {}
    result["validation"], big = validation(args.big / "events.yaml", args.big / "figures.yaml", args.reps)
    qwen = load_store(ROOT / "data" / "events.yaml", ROOT / "data" / "figures.yaml")[0]
    small = load_store(args.small / "events.yaml", args.small / "figures.yaml")[0]
    result["figures"] = figures(big, qwen, small, args.figure_reps)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
