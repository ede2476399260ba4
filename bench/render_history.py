"""The benchmark page's section on the data's history: results.json's `history` entry in, Markdown lines out."""

from __future__ import annotations

from typing import Any


def _pair_rows(label: str, builds: dict[str, Any]) -> list[str]:
    wall, cpu = builds["median_wall_s"], builds["median_cpu_s"]
    return [f"| {label}, with its history | {wall['with_history']:.1f} | {cpu['with_history']:.1f} |",
            f"| the same build without history (`.git` moved away) | {wall['without_history']:.1f} | {cpu['without_history']:.1f} |",
            f"| ratio | {wall['ratio']:.2f} | {cpu['ratio']:.2f} |"]


def _long(long: dict[str, Any], reps: int) -> list[str]:
    cold = long["build_cold"]
    runs = long.get("build_cold_runs") or [cold]
    first = "; ".join(f"{r['wall_s']:.0f} s, {r['cpu_s']:.0f} s of CPU" for r in runs)
    return [f"A synthetic history of {long['commits']:,} commits over the project's data (each retitles one event), written with "
            "`git fast-import`, then read as a build reads it (one process each):", "",
            "| | seconds | data states read from git |", "|---|---|---|",
            f"| cold: no history cache | {long['cold']['seconds']:.2f} | {long['cold']['loaded']} |",
            f"| warm: every commit from `.cache/history/` | {long['warm']['seconds']:.2f} | {long['warm']['loaded']} |",
            f"| one more commit | {long['after_one_more_commit']['seconds']:.2f} | {long['after_one_more_commit']['loaded']} |", "",
            f"That history gives {long['figure_versions']:,} figure versions, each published at its own address. The first "
            f"no-image build draws every one of them ({first}; {len(runs)} run{'s' if len(runs) != 1 else ''}) and keeps each "
            "version's files under `.cache/version-files/`; a later build hard-links them into the site. "
            f"Warm no-image builds ({'one of each' if reps == 1 else f'medians of {reps}'}), alternating with the same build without history:", "",
            "| build | wall (s) | CPU (s) |", "|---|---|---|", *_pair_rows(f"{long['commits']:,} commits", long["builds"])]


def _many(many: dict[str, Any], reps: int) -> list[str]:
    label = f"{many['versions_per_figure']} versions of each figure"
    lines = [f"{many['versions_per_figure']} versions of each of the {many['figures']} figures ({many['version_addresses']} "
             "version addresses; each commit changes what every figure draws). Medians of "
             f"{reps} builds each, every build with its history alternating with the same build without it:", "",
             "| build | wall (s) | CPU (s) |", "|---|---|---|"]
    if "cold_builds" in many:
        lines += _pair_rows(f"first build (no `.cache/`), {label}", many["cold_builds"])
    else:
        lines.append(f"| first build, {label} (one run) | {many['build_cold']['wall_s']:.1f} | {many['build_cold']['cpu_s']:.1f} |")
    lines += _pair_rows(f"warm build, {label}", many["builds"])
    if "build_images_cold" in many:
        lines += ["", f"With images ({many['version_pngs']} version PNGs, as many SVGs and share cards): "
                  f"{many['build_images_cold']['wall_s']:.1f} s cold, {many['build_images_warm']['wall_s']:.1f} s warm "
                  f"({many['build_images_cold']['cpu_s']:.1f} and {many['build_images_warm']['cpu_s']:.1f} s of CPU; one run each)."]
    else:
        lines += ["", "Builds with images were not part of this run."]
    return lines


def history_section(r: dict[str, Any]) -> list[str]:
    h = r.get("history")
    head = ["", "## 8. History from git", ""]
    if not isinstance(h, dict) or "error" in h:
        return [*head, f"Not measured: {(h or {}).get('error', 'no result')}"]
    reps = h.get("reps", 1)
    long, many = h.get("long_history"), h.get("many_versions")
    if not (isinstance(long, dict) and "builds" in long) and not (isinstance(many, dict) and "builds" in many):
        return [*head, "Not measured with this version of the benchmark: run `make bench`."]
    lines = list(head)
    if h.get("note"):
        lines += [str(h["note"]), ""]
    lines += _long(long, long.get("reps", reps)) if isinstance(long, dict) and "builds" in long else ["Long history: not measured."]
    lines.append("")
    lines += _many(many, many.get("reps", reps)) if isinstance(many, dict) and "builds" in many else ["Many versions: not measured."]
    return lines
