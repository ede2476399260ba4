"""Target 6, memory: synthetic stores in; peak RSS and time of validating and of building (no images) out.

Each measurement is one `bench.memprobe` subprocess; its peak RSS comes from `wait4` (the rusage of
that child alone, as `getrusage(RUSAGE_CHILDREN)` would give for a process with one child). A build
that overruns its time limit is stopped; its stderr says which stage it reached, and with profiling
on it prints where the time went until then.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

from bench.common import PYTHON, ROOT, data_epoch, log, project_copy
from bench.limits import large_env

GB = 1024  # MB


def probe(args: list[str], cwd: Path, timeout: float, work: Path, name: str) -> dict[str, Any]:
    """Run `python -m bench.memprobe ARGS`; its seconds, peak RSS, JSON report and progress lines."""
    out_path, err_path = work / f"{name}.out", work / f"{name}.err"
    with out_path.open("w") as out, err_path.open("w") as err:
        proc = subprocess.Popen([PYTHON, "-m", "bench.memprobe", *args], cwd=cwd, env=large_env(SOURCE_DATE_EPOCH=data_epoch()),
                                stdout=out, stderr=err, start_new_session=True)
    started = time.perf_counter()
    timed_out = False
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - started > timeout and not timed_out:
            timed_out = True
            os.killpg(proc.pid, signal.SIGTERM)  # the probe prints its profile so far and exits
            kill_at = time.perf_counter()
        if timed_out and time.perf_counter() - kill_at > 30:
            os.killpg(proc.pid, signal.SIGKILL)
        time.sleep(0.1)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    lines = out_path.read_text().strip().splitlines()
    report = json.loads(lines[-1]) if lines and lines[-1].startswith("{") else {}
    stages = [line for line in err_path.read_text().splitlines() if line.startswith("stage ")]
    errors = [line for line in err_path.read_text().splitlines() if not line.startswith(("stage ", "INFO", "WARNING"))][-5:]
    return {"seconds": round(seconds, 2), "peak_rss_mb": round(usage.ru_maxrss / 1024, 1), "returncode": proc.returncode,
            "timed_out": timed_out, "report": report,
            "stages": stages if len(stages) <= 14 else stages[:5] + ["..."] + stages[-8:], "errors": errors if proc.returncode not in (0, 3) else []}


def estimate(stages: list[str]) -> dict[str, Any] | None:
    """From a stopped build's progress lines: its rate of pages through the theme and how long all its pages would take."""
    total, points = None, []
    for line in stages:
        if not line.startswith("stage "):
            continue
        _, seconds, _rss, what = line.split(" ", 3)
        if what.startswith("generate: done (") and "generated pages" in what:
            total = int(what.removeprefix("generate: done (").split(" ")[0])
        elif what.startswith("mkdocs: ") and what.endswith("written"):
            points.append((float(seconds), int(what.split(" ")[1])))
    if total is None or len(points) < 2 or points[-1][1] == points[0][1]:
        return None
    (t0, n0), (t1, n1) = points[0], points[-1]
    per_page = (t1 - t0) / (n1 - n0)
    return {"generated_pages": total, "seconds_per_page": round(per_page, 4), "minutes_for_all_pages": round(per_page * total / 60, 1)}


def build_probe(work: Path, store_dir: Path, name: str, timeout: float, profile: bool) -> dict[str, Any]:
    """Build the site (no images) from a synthetic store in a project copy; strict mode off (hand-written pages
    link to Qwen's real people and units, which a synthetic store does not have)."""
    project = project_copy(work / f"{name}-project", store_dir)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("strict: true", "strict: false"), encoding="utf-8")
    args = ["build", "--out", str(work / f"{name}-site")] + (["--profile"] if profile else [])
    return probe(args, project, timeout, work, name)


def measure(work: Path, stores: dict[int, Path], build_timeout: float) -> dict[str, Any]:
    work.mkdir(parents=True, exist_ok=True)
    big = stores[17000]
    log("target 6: validate the 17,000-event store (one process)")
    validate = probe(["validate", "--events", str(big / "events.yaml"), "--figures", str(big / "figures.yaml")], ROOT, 600, work,
                     "validate-17000")
    builds: dict[str, Any] = {}
    for size in (170, 1700):
        log(f"target 6: build the {size:,}-event store without images (one process)")
        builds[str(size)] = build_probe(work, stores[size], f"build-{size}", build_timeout, profile=False)
    log(f"target 6: build the 17,000-event store without images, stopped after {build_timeout:.0f} s")
    builds["17000"] = build_probe(work, big, "build-17000", build_timeout, profile=False)
    b17 = builds["17000"]
    b17["estimate"] = estimate(b17["stages"])
    finished = b17["returncode"] == 0
    peak = max(validate["peak_rss_mb"], b17["peak_rss_mb"])
    return {
        "validate_17000": validate,
        "builds": builds,
        "peak_rss_mb": peak,
        "target_mb": GB,
        "build_17000_finished": finished,
        "met": finished and peak < GB,
        "note": None if finished else (f"the 17,000-event build did not finish within {build_timeout:.0f} s and was stopped; "
                                       "its peak RSS is a lower bound and 'met' cannot be established"),
    }
