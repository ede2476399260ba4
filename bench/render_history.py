"""The benchmark page's section on the data's history: results.json's `history` entry in, Markdown lines out."""

from __future__ import annotations

from typing import Any


def _pair_rows(label: str, builds: dict[str, Any]) -> list[str]:
    wall, cpu = builds["median_wall_s"], builds["median_cpu_s"]
    return [f"| {label}, with its history | {wall['with_history']:.1f} | {cpu['with_history']:.1f} |",
            f"| the same build without history (`.git` moved away) | {wall['without_history']:.1f} | {cpu['without_history']:.1f} |",
            f"| ratio | {wall['ratio']:.2f} | {cpu['ratio']:.2f} |"]


def history_section(r: dict[str, Any]) -> list[str]:
    h = r.get("history")
    if not isinstance(h, dict) or "error" in h:
        return ["", "## 8. History from git", "", f"Not measured: {(h or {}).get('error', 'no result')}"]
    if "builds" not in h.get("long_history", {}):
        return ["", "## 8. History from git", "", "Not measured with this version of the benchmark: run `make bench`."]
    long, many, reps = h["long_history"], h["many_versions"], h.get("reps", 1)
    return ["", "## 8. History from git", "",
            f"A synthetic history of {long['commits']:,} commits over the project's data (each edits one title), written with "
            "`git fast-import`, then read as a build reads it (one process each):", "",
            "| | seconds | data states read from git |", "|---|---|---|",
            f"| cold: no history cache | {long['cold']['seconds']:.2f} | {long['cold']['loaded']} |",
            f"| warm: every commit from `.cache/history/` | {long['warm']['seconds']:.2f} | {long['warm']['loaded']} |",
            f"| one more commit | {long['after_one_more_commit']['seconds']:.2f} | {long['after_one_more_commit']['loaded']} |", "",
            f"That history gives {long['figure_versions']:,} figure versions, each published at its own address. The first "
            f"no-image build draws every one of them ({long['build_cold']['wall_s']:.0f} s, {long['build_cold']['cpu_s']:.0f} s of CPU) "
            "and keeps each version's files under `.cache/version-files/`; a later build copies them. "
            f"Warm no-image builds, medians of {reps}, alternating with the same build without history:", "",
            "| build | wall (s) | CPU (s) |", "|---|---|---|", *_pair_rows(f"{long['commits']:,} commits", long["builds"]), "",
            f"{many['versions_per_figure']} versions of each of the {many['figures']} figures ({many['version_addresses']} "
            f"version addresses): the first no-image build takes {many['build_cold']['wall_s']:.1f} s "
            f"({many['build_cold']['cpu_s']:.1f} s of CPU); warm, medians of {reps}:", "",
            "| build | wall (s) | CPU (s) |", "|---|---|---|", *_pair_rows(f"{many['versions_per_figure']} versions of each figure", many["builds"]), "",
            f"With images ({many['version_pngs']} version PNGs, as many SVGs and share cards): "
            f"{many['build_images_cold']['wall_s']:.1f} s cold, {many['build_images_warm']['wall_s']:.1f} s warm "
            f"({many['build_images_cold']['cpu_s']:.1f} and {many['build_images_warm']['cpu_s']:.1f} s of CPU)."]
