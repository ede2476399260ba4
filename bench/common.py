"""What every measurement shares: the project root, medians, subprocesses with time-outs, temp project copies.

Subprocesses run in their own process group and are killed as a group when they overrun, so a hung
build or server never outlives the benchmark.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# The flags tests/browser/conftest.py uses, plus a resolver rule so that nothing but loopback resolves
# even for requests Playwright routing cannot see (workers).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync",
                 "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"]


def median(values: list[float]) -> float:
    return float(statistics.median(values))


def summary(values: list[float], digits: int = 4) -> dict[str, Any]:
    """Median, min, max and every run, rounded; what results.json stores for a timed quantity."""
    return {"median": round(median(values), digits), "min": round(min(values), digits), "max": round(max(values), digits),
            "runs": [round(v, digits) for v in values]}


def ratio(value: float, floor: float) -> float:
    return round(value / floor, 3) if floor else float("inf")


def build_env(**extra: str) -> dict[str, str]:
    """The environment builds run in: no MkDocs 2 banner, our code importable from any working directory.

    Builds in a project copy (no git there) pass SOURCE_DATE_EPOCH=data_epoch() so they cite the same date.
    """
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT), BROWSER_PATH=CHROMIUM)
    env.update(extra)
    return env


def data_epoch() -> str:
    """Seconds of the last commit touching data/ (what `build_date` would use), or a fixed date outside git."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct", "--", "data"], cwd=ROOT, capture_output=True, text=True, timeout=10)
        if out.returncode == 0 and out.stdout.strip():
            return out.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    return "1767225600"


@dataclass
class Run:
    seconds: float
    returncode: int
    stdout: str
    stderr: str
    timed_out: bool
    maxrss_mb: float | None = None


def run(cmd: list[str], *, cwd: Path, timeout: float, env: dict[str, str] | None = None) -> Run:
    """Run a command in its own process group; kill the whole group if it overruns."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env or build_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
        timed_out = False
    except subprocess.TimeoutExpired:
        kill_group(proc)
        out, err = proc.communicate()
        timed_out = True
    return Run(time.perf_counter() - started, proc.returncode, out, err, timed_out)


def kill_group(proc: subprocess.Popen[Any]) -> None:
    """Terminate the process group `proc` leads (this benchmark started it), then kill it if it lingers."""
    if proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def tempdir(prefix: str) -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix=f"labfig-bench-{prefix}-"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def project_copy(dest: Path, data: Path | None = None) -> Path:
    """A snapshot of the project to build in: config, content, code and the benchmark page copied, data from `data` if given.

    Builds read `data/` and write `.cache/` relative to their working directory, so a copy keeps the
    checkout untouched and starts with empty caches; and since the code is copied too (`python -m`
    imports it from the working directory first), edits others make to the checkout meanwhile do not
    change a measurement halfway. node_modules is linked, not copied.
    """
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "content", dest / "content")
    shutil.copytree(data or ROOT / "data", dest / "data")
    shutil.copytree(ROOT / "generators", dest / "generators", ignore=shutil.ignore_patterns("__pycache__"))
    (dest / "node_modules").symlink_to(ROOT / "node_modules")
    # The site shows the benchmark's own results page; the nav names it, so a copy needs it too.
    for name in ("results.md", "results-chart.json", "results-chart-phone.json"):
        if (ROOT / "bench" / name).exists():
            (dest / "bench").mkdir(exist_ok=True)
            shutil.copy2(ROOT / "bench" / name, dest / "bench" / name)
    return dest


def loadavg() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)
