"""Static images through kaleido and Debian's Chromium: figure JSON in, SVG/PNG bytes out, in one batch.

Each image is cached under `.cache/images/` by a hash of what it draws, so an unchanged figure is
never rendered twice; only the missing ones go to one shared browser session.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generators.errors import BuildError

CACHE = Path(".cache/images")
CHROMIUM_HINT = ("static images need Debian's Chromium: run 'sudo apt-get install -y chromium' "
                 "(or build with --no-images to skip them)")


@dataclass(frozen=True)
class ImageJob:
    """One image to render: a figure's JSON, its format and its size in CSS pixels."""

    figure: dict[str, Any]
    format: str
    width: int
    height: int
    scale: float = 1.0

    def key(self) -> str:
        blob = json.dumps([self.figure, self.format, self.width, self.height, self.scale], sort_keys=True)
        return hashlib.sha256(blob.encode()).hexdigest()[:32]


def find_browser(configured: str | None = None) -> str | None:
    """The Chromium kaleido will use: `configured` (the `browser` setting, BROWSER_PATH) if it exists, else one
    on PATH, or None when there is none."""
    for candidate in (configured, shutil.which("chromium"), shutil.which("chromium-browser"), shutil.which("google-chrome")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def render(jobs: list[ImageJob], cache: Path = CACHE, browser: str | None = None) -> tuple[list[bytes], int]:
    """Bytes for every job, in order, and how many had to be rendered (the rest came from the cache);
    `browser` is the Chromium to render with (see `find_browser`)."""
    cache.mkdir(parents=True, exist_ok=True)
    missing = [job for job in jobs if not (cache / f"{job.key()}.{job.format}").exists()]
    unique = list({job.key(): job for job in missing}.values())
    if unique:
        _render_batch(unique, cache, browser)
    return [(cache / f"{job.key()}.{job.format}").read_bytes() for job in jobs], len(unique)


def _render_batch(jobs: list[ImageJob], cache: Path, configured: str | None) -> None:
    browser = find_browser(configured)
    if browser is None:
        raise BuildError(CHROMIUM_HINT)
    import kaleido  # imported late: only builds that render images pay for it
    import plotly.io as pio

    with tempfile.TemporaryDirectory(prefix="labfig-img-") as tmp:
        paths = [Path(tmp) / f"{job.key()}.{job.format}" for job in jobs]
        # What plotly.io.write_images hands kaleido, plus the browser: kaleido passes `path` on to choreographer.
        specs = [{"fig": job.figure, "path": path, "topojson": pio.defaults.topojson,
                  "opts": {"format": job.format, "width": job.width, "height": job.height, "scale": job.scale}}
                 for job, path in zip(jobs, paths, strict=True)]
        options: dict[str, Any] = {"path": browser}
        options.update({name: value for name in ("plotlyjs", "mathjax", "headers") if (value := getattr(pio.defaults, name, None))})
        try:
            kaleido.write_fig_from_object_sync(specs, kopts=options)
        except Exception as exc:  # kaleido raises plain RuntimeErrors; the user needs a sentence, not a trace
            raise BuildError(f"rendering images failed: {exc}. {CHROMIUM_HINT}") from None
        for path in paths:
            # Write then rename, so a killed build never leaves a truncated image in the cache.
            target = cache / path.name
            partial = target.with_suffix(target.suffix + ".part")
            shutil.copyfile(path, partial)
            partial.replace(target)
