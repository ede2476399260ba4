"""What the data's history costs a build: synthetic git histories in, seconds and counts out (JSON on stdout).

Two histories, each written in one `git fast-import` run inside a project copy:
- 1,000 commits over the project's data, each editing one title: reading the history cold
  (every commit loaded once), warm (all from `.cache/history/`), after one more commit; then the
  no-image build cold (every figure version drawn), and warm builds with that history alternating
  with the same build with no history at all (the `.git` folder moved away), `--reps` of each;
- 50 commits that each change what every figure draws (51 versions of each): no-image builds cold
  (no `.cache/`) and warm, each alternating with the same build without history, and (unless
  `--no-images`) a build with images cold and warm.

Each build is timed on the wall clock and in CPU seconds (the child's own, so other work on the machine
counts less); medians, and their ratio to the build without history measured in the same run.

    python -m bench.measure_history [--commits 1000] [--versions 50] [--reps 3] [--part all|long|many] [--no-images]
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.common import PYTHON, build_env, median, project_copy, run, tempdir

SUBJECT_FILE = "data/events/qwen.yaml"  # the events the edits retitle
EPOCH = 1767225600  # 2026-01-01: commits are an hour apart from here
READ = ("import json, sys, time; from pathlib import Path; from generators.load import load_store; import generators.render.site; "
        "from generators.history.timeline import read_history; s, _ = load_store(); t = time.perf_counter(); "
        "h = read_history(Path('.'), s, today='2026-12-01'); "
        "print(json.dumps({'seconds': time.perf_counter() - t, 'loaded': h.loaded, 'entries': len(h.entries), "
        "'versions': sum(len(v) for v in h.versions.values())}))")


def fast_import(repo: Path, files: dict[str, bytes], edits: list[Callable[[dict[str, bytes]], None]]) -> None:
    """A first commit of `files`, then one commit per edit (each changes the files in place), on branch main."""
    stream = bytearray()
    for i, edit in enumerate([lambda f: None, *edits]):
        edit(files)
        message = b"Initial data" if i == 0 else f"Edit {i}".encode()
        stream += b"commit refs/heads/main\n" + f"mark :{i + 1}\ncommitter Bench <bench@example.org> {EPOCH + 3600 * i} +0000\n".encode()
        stream += f"data {len(message)}\n".encode() + message + b"\n"
        if i:
            stream += f"from :{i}\n".encode()
        for path, blob in files.items():
            stream += f"M 100644 inline {path}\ndata {len(blob)}\n".encode() + blob + b"\n"
        stream += b"\n"
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    subprocess.run(["git", "-C", str(repo), "fast-import", "--quiet"], input=bytes(stream), check=True)
    subprocess.run(["git", "-C", str(repo), "checkout", "-q", "-f", "main", "--", "data"], check=True)
    subprocess.run(["git", "-C", str(repo), "reset", "-q"], check=True)


def _title_edits(files: dict[str, bytes], commits: int) -> list[Callable[[dict[str, bytes]], None]]:
    """Each commit retitles one event, in turn, in the subject's own file (data/events/qwen.yaml)."""
    lines = files[SUBJECT_FILE].decode().split("\n")
    titles = [i for i, line in enumerate(lines) if line.startswith("    title: ")]

    def edit(n: int) -> Callable[[dict[str, bytes]], None]:
        def apply(files: dict[str, bytes]) -> None:
            current = files[SUBJECT_FILE].decode().split("\n")
            at = titles[n % len(titles)]
            line = lines[at]
            current[at] = line[:-1] + f' r{n}"' if line.endswith('"') else line + f" r{n}"
            files[SUBJECT_FILE] = "\n".join(current).encode()
        return apply
    return [edit(n) for n in range(1, commits + 1)]


def _figure_edits(count: int) -> list[Callable[[dict[str, bytes]], None]]:
    """Each commit changes what every figure draws: it retitles a release the event figures draw, relabels the
    move the people-moves figure draws, and relabels the posture row the matrices draw."""
    def edit(n: int) -> Callable[[dict[str, bytes]], None]:
        def apply(files: dict[str, bytes]) -> None:
            text = files[SUBJECT_FILE].decode()
            for record, field, value in (("qwen3-omni", "title", f"Qwen3-Omni, take {n}"),
                                         ("binyuan-hui-leaves", "label", f"Huibin → Meta, take {n}")):
                head, sep, rest = text.partition(f"  - id: {record}\n")
                start = rest.index(f"    {field}: ")
                text = head + sep + rest[:start] + f"    {field}: {value}" + rest[rest.index("\n", start):]
            files[SUBJECT_FILE] = text.encode()
            text = files["data/events.yaml"].decode()
            label = "    label: Open-base, closed-frontier"
            text = text.replace(label + (f" r{n - 1}" if n > 1 else "") + "\n", f"{label} r{n}\n", 1)
            files["data/events.yaml"] = text.encode()
        return apply
    return [edit(n) for n in range(1, count + 1)]


def _read(project: Path) -> dict[str, Any]:
    out = run([PYTHON, "-c", READ], cwd=project, timeout=1800, env=build_env())
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _build(project: Path, out: str, *extra: str) -> dict[str, float]:
    """One build in its own process: wall and CPU seconds (user + system of the child)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = run([PYTHON, "-m", "generators", "build", "--out", out, *extra], cwd=project, timeout=3600, env=build_env())
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-2000:])
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall_s": round(result.seconds, 2), "cpu_s": round(cpu, 2)}


def _paired(project: Path, work: Path, name: str, reps: int, *extra: str,
            build: Callable[[str], dict[str, float]] | None = None) -> dict[str, Any]:
    """`reps` builds with the history and as many without it (`.git` moved away), alternating so that a
    change in the machine's load falls on both; medians and their ratios. Warm builds unless `build` says otherwise."""
    build = build or (lambda out: _build(project, out, *extra))
    with_history, without = [], []
    for i in range(reps):
        with_history.append(build(f"site-{name}-{i}"))
        shutil.move(str(project / ".git"), str(work / f"{name}.git"))
        try:
            without.append(build(f"site-{name}-plain-{i}"))
        finally:
            shutil.move(str(work / f"{name}.git"), str(project / ".git"))
    out: dict[str, Any] = {"with_history": with_history, "without_history": without}
    for clock in ("wall_s", "cpu_s"):
        a, b = median([r[clock] for r in with_history]), median([r[clock] for r in without])
        out[f"median_{clock}"] = {"with_history": round(a, 2), "without_history": round(b, 2), "ratio": round(a / b, 2) if b else None}
    return out


def long_history(work: Path, commits: int, reps: int, warm_only: bool = False) -> dict[str, Any]:
    project = project_copy(work / "long-history")
    files = _data(project)
    started = time.perf_counter()
    fast_import(project, files, _title_edits(files, commits - 1))
    made = round(time.perf_counter() - started, 2)
    if warm_only:
        cold_build = _build(project, "site-cold", "--no-images")
        return {"commits": commits, "figure_versions": _version_count(project / "site-cold"), "build_cold": cold_build,
                "builds": _paired(project, work, "long", reps, "--no-images")}
    cold, warm = _read(project), _read(project)
    events = project / "data/events.yaml"
    events.write_text(events.read_text().replace("    label: Open-base, closed-frontier\n", "    label: Open-base, closed-frontier (one more)\n", 1))
    subprocess.run(["git", "-C", str(project), "commit", "-q", "-am", "One more", "--author", "Bench <bench@example.org>"],
                   check=True, env={**build_env(), "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.org"})
    incremental = _read(project)
    cold_build = _build(project, "site-cold", "--no-images")
    return {"commits": commits, "make_history_s": made, "cold": cold, "warm": warm, "after_one_more_commit": incremental,
            "figure_versions": _version_count(project / "site-cold"), "build_cold": cold_build,
            "builds": _paired(project, work, "long", reps, "--no-images")}


def _cold_pairs(project: Path, work: Path, reps: int, *extra: str) -> dict[str, Any]:
    """`reps` first builds (no `.cache/`) with the history, alternating with as many without it: medians and ratios."""
    def cold(name: str) -> dict[str, float]:
        shutil.rmtree(project / ".cache", ignore_errors=True)  # the copy's own caches, made by its builds
        return _build(project, name, *extra)
    return _paired(project, work, "cold", reps, *extra, build=cold)


def many_versions(work: Path, versions: int, reps: int, images: bool, warm_only: bool = False) -> dict[str, Any]:
    project = project_copy(work / "many-versions")
    files = _data(project)
    fast_import(project, files, _figure_edits(versions))
    history = _read(project)
    cold = None if warm_only else _cold_pairs(project, work, reps, "--no-images")
    warm_up = _build(project, "site-warm-up", "--no-images")  # the last cold build had no history: keep every version once
    paired = _paired(project, work, "versions", reps, "--no-images")
    site = project / "site-warm-up"
    counts = {p.name: sum(1 for v in (p / "v").iterdir() if v.is_dir()) for p in (site / "embed").iterdir() if (p / "v").is_dir()}
    out = {"versions_per_figure": min(counts.values()), "versions_by_figure": counts, "figures": len(counts), "history": history,
           "version_addresses": _version_count(site), "build_cold": cold["with_history"][0] if cold else warm_up,
           "builds": paired, **({"cold_builds": cold} if cold else {})}
    if images:  # every version renders a PNG, an SVG and a share card; measured cold (empty caches), then warm
        shutil.rmtree(project / ".cache", ignore_errors=True)
        out["build_images_cold"] = _build(project, "site-images-cold")
        out["build_images_warm"] = _build(project, "site-images-warm")
        out["version_pngs"] = len(sorted((project / "site-images-warm/embed").glob("*/v/*/figure.png")))
    return out


def _version_count(site: Path) -> int:
    return sum(1 for p in (site / "embed").glob("*/v/*") if p.is_dir())


def _data(project: Path) -> dict[str, bytes]:
    return {p.relative_to(project).as_posix(): p.read_bytes() for p in sorted((project / "data").rglob("*.yaml"))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--commits", type=int, default=1000)
    parser.add_argument("--versions", type=int, default=50)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--part", choices=("all", "long", "many"), default="all",
                        help="measure only the long history or only the many versions (the other entry is left out)")
    parser.add_argument("--no-images", dest="images", action="store_false", help="skip the builds with images")
    parser.add_argument("--warm-only", action="store_true",
                        help="skip the history reads (long) and the paired cold builds (many): one first build, then the warm pairs")
    args = parser.parse_args()
    result: dict[str, Any] = {"reps": args.reps}
    with tempdir("labfig-bench-history-") as work:
        if args.part in ("all", "long"):
            result["long_history"] = long_history(work, args.commits, args.reps, args.warm_only)
        if args.part in ("all", "many"):
            result["many_versions"] = many_versions(work, args.versions, args.reps, args.images, args.warm_only)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
