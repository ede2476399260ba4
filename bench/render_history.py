"""The benchmark page's section on the data's history: results.json's `history` entry in, Markdown lines out."""

from __future__ import annotations

from typing import Any


def history_section(r: dict[str, Any]) -> list[str]:
    h = r.get("history")
    if not isinstance(h, dict) or "error" in h:
        return ["", "## 8. History from git", "", f"Not measured: {(h or {}).get('error', 'no result')}"]
    long, many = h["long_history"], h["many_versions"]
    return ["", "## 8. History from git", "",
            f"A synthetic history of {long['commits']:,} commits over the project's data (each edits one title), written with "
            "`git fast-import`, then read as a build reads it (one process each):", "",
            "| | seconds | data states read from git |", "|---|---|---|",
            f"| cold: no history cache | {long['cold']['seconds']:.2f} | {long['cold']['loaded']} |",
            f"| warm: every commit from `.cache/history/` | {long['warm']['seconds']:.2f} | {long['warm']['loaded']} |",
            f"| one more commit | {long['after_one_more_commit']['seconds']:.2f} | {long['after_one_more_commit']['loaded']} |", "",
            f"A warm no-image build in that repository takes {long['warm_build_with_history_s']:.1f} s; the same build without "
            f"its history (the `.git` folder moved away) {long['warm_build_without_history_s']:.1f} s; the difference is "
            f"the history and the {long['cold']['versions']:,} figure versions it yields, each written at its own address.", "",
            f"{many['versions_per_figure']} versions of each of the {many['figures']} figures ({many['version_addresses']} "
            "version addresses), built from a fresh clone's empty caches and again warm:", "",
            "| build | cold (s) | warm (s) |", "|---|---|---|",
            f"| no images | {many['build_no_images_cold_s']:.1f} | {many['build_no_images_warm_s']:.1f} |",
            f"| with images ({many['version_pngs']} version PNGs and as many SVGs) | {many['build_images_cold_s']:.1f} | "
            f"{many['build_images_warm_s']:.1f} |"]
