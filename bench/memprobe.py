"""One measured process: validate a store, or build a site from it without images, and report how it went.

Run by the benchmark as a subprocess so that its peak RSS is its own (`probe` reads it with `wait4`).
Progress lines on stderr (`stage SECONDS RSS_MB what`) say how far a build got when it is stopped at
its time limit. The reader's size limits are raised in this process (see bench/limits.py).

    python -m bench.memprobe validate --events E --figures F
    python -m bench.memprobe build --out DIR [--profile]     (in a project copy: reads data/, mkdocs.yml)
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import resource
import signal
import sys
import time
from pathlib import Path
from typing import Any

STARTED = time.perf_counter()


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _stage(what: str) -> None:
    print(f"stage {time.perf_counter() - STARTED:.2f} {_rss_mb():.0f} {what}", file=sys.stderr, flush=True)


def _instrument() -> None:
    """Wrap the build's steps (before the MkDocs hook imports them) so that progress shows on stderr."""
    import generators.load as load
    import generators.render.markers as markers
    import generators.render.site as site

    original_load, original_generate, original_fill = load.load_store, site.generate, markers.fill_slots
    pages = {"n": 0}

    def load_store(*args: Any, **kwargs: Any) -> Any:
        _stage("validate: start")
        out = original_load(*args, **kwargs)
        _stage(f"validate: done ({len(out[0].events)} events)")
        return out

    def generate(*args: Any, **kwargs: Any) -> Any:
        _stage("generate: start (figures, embeds, downloads, page stubs)")
        out = original_generate(*args, **kwargs)
        _stage(f"generate: done ({len(out.pages.markdown)} generated pages, {len(out.files)} files)")
        return out

    def fill_slots(html: str, page_url: str, gen: Any) -> str:
        pages["n"] += 1
        if pages["n"] in (1, 10) or pages["n"] % 100 == 0:
            _stage(f"pages: {pages['n']} rendered")
        return original_fill(html, page_url, gen)

    load.load_store, site.generate, markers.fill_slots = load_store, generate, fill_slots  # type: ignore[assignment]

    import mkdocs.commands.build as mkdocs_build
    from mkdocs.plugins import PluginCollection

    original_build_page = mkdocs_build._build_page
    written = {"n": 0}

    def build_page(*args: Any, **kwargs: Any) -> Any:
        written["n"] += 1
        if written["n"] == 1 or written["n"] % 1000 == 0:
            _stage(f"mkdocs: {written['n']} pages through the theme and written")
        return original_build_page(*args, **kwargs)

    mkdocs_build._build_page = build_page  # type: ignore[assignment]

    original_post_build = PluginCollection.on_post_build

    def on_post_build(self: Any, *args: Any, **kwargs: Any) -> Any:
        _stage(f"pages: {pages['n']} rendered; mkdocs post_build (search index, sitemap): start")
        out = original_post_build(self, *args, **kwargs)
        _stage("mkdocs post_build: done")
        return out

    PluginCollection.on_post_build = on_post_build  # type: ignore[method-assign]


def _top(profile: cProfile.Profile, count: int = 10, only: str = "", key: str = "cumulative_s") -> list[dict[str, Any]]:
    """The `count` entries with the most cumulative (or own) time; with `only`, those whose file path contains it."""
    stats = pstats.Stats(profile, stream=io.StringIO())
    rows = []
    for (file, line, name), (_cc, calls, tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        if (only and only not in file) or "/bench/" in file:  # the benchmark's own progress wrappers are not the build's
            continue
        rows.append({"function": f"{_short(file)}:{line}({name})" if line else name, "calls": calls,
                     "cumulative_s": round(ct, 3), "own_s": round(tt, 3)})
    rows.sort(key=lambda r: r[key], reverse=True)
    return rows[:count]


def _short(file: str) -> str:
    """A profile entry's file as a reader finds it: `generators/...`, `bench/...` or the package path."""
    for marker in ("/generators/", "/bench/"):
        if marker in file:
            return marker.strip("/") + "/" + file.split(marker, 1)[1]
    return file.split("site-packages/")[-1]


def _profiles(profile: cProfile.Profile) -> dict[str, Any]:
    return {"profile_top10": _top(profile), "profile_top10_generators": _top(profile, only="/generators/"),
            "profile_top10_own": _top(profile, key="own_s")}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["validate", "build"])
    parser.add_argument("--events", type=Path)
    parser.add_argument("--figures", type=Path)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--profile", action="store_true", help="also print the top 10 cumulative cProfile entries")
    args = parser.parse_args()

    from bench.limits import large_settings

    chosen = large_settings()
    _instrument()
    profile = cProfile.Profile() if args.profile else None

    def stopped(*_: Any) -> None:
        # Stopped at its time limit, the process still says how far it got and where the time went.
        _stage("stopped at the time limit")
        if profile:
            profile.disable()
            print(json.dumps({"stopped": True, "self_maxrss_mb": round(_rss_mb(), 1), **_profiles(profile)}), flush=True)
        os._exit(3)

    signal.signal(signal.SIGTERM, stopped)
    started = time.perf_counter()
    if profile:
        profile.enable()
    if args.mode == "validate":
        from generators.load import load_store

        store, _ = load_store(args.events, args.figures, limits=chosen.limits)
        result: dict[str, Any] = {"events": len(store.events)}
    else:
        from generators.plugin.publish import build_site

        report = build_site(Path("mkdocs.yml"), args.out, images=False, settings=chosen)
        result = {"files": report.files}
    if profile:
        profile.disable()
    result.update(seconds=round(time.perf_counter() - started, 3), self_maxrss_mb=round(_rss_mb(), 1))
    if profile:
        result.update(_profiles(profile))
    _stage("done")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
