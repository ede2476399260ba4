"""Text collisions measured in Chromium: figures (store, spec, plan width) in, every drawn text box that
overlaps another or leaves the figure out.

Each figure is drawn by plotly.js (the bundle the site serves) at its plan width, as the live plot draws
it, and every non-empty `<text>` of its SVG (tick labels, annotations, legend entries) is measured as the
quadrilateral its local bounding box makes on screen (`getBBox` through `getScreenCTM`, so rotated tick
labels are measured as drawn, not as their axis-aligned hull). Two boxes collide when they overlap by
more than `TOLERANCE` px on every separating axis; a box leaves the figure when a corner lies more than
`TOLERANCE` px outside the root SVG. Colours play no part, so one theme measures both.

    python -m bench.text_collisions            # the full sweep: every store and kind at every plan

Used by tests/browser/test_text_collisions.py (a few figures and widths) and the benchmark (the sweep).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.common import CHROMIUM, CHROMIUM_ARGS, ROOT

TOLERANCE = 1.5  # px: glyph boxes include the font's line gap, so boxes that merely touch may share a pixel
PLOTLY_JS = ROOT / "node_modules" / "plotly.js-basic-dist-min" / "plotly-basic.min.js"
Quad = list[tuple[float, float]]

MEASURE = """async ({data, layout, width}) => {
  const div = document.getElementById('fig');
  Plotly.purge(div);
  layout.autosize = false; layout.width = width;
  div.style.width = width + 'px';
  await Plotly.newPlot(div, data, layout, {staticPlot: true, displayModeBar: false, responsive: false});
  const root = div.querySelector('svg.main-svg').getBoundingClientRect();
  const shown = el => { for (let n = el; n && n !== div; n = n.parentElement) {
    const s = getComputedStyle(n); if (s.display === 'none' || s.visibility === 'hidden' || +s.opacity === 0) return false; }
    return true; };
  const boxes = [];
  for (const t of div.querySelectorAll('svg.main-svg text')) {
    if (!t.textContent.trim() || !shown(t)) continue;
    const b = t.getBBox();
    if (b.width === 0 || b.height === 0) continue;
    const m = t.getScreenCTM();
    const quad = [[b.x, b.y], [b.x + b.width, b.y], [b.x + b.width, b.y + b.height], [b.x, b.y + b.height]]
      .map(([x, y]) => [m.a * x + m.c * y + m.e - root.left, m.b * x + m.d * y + m.f - root.top]);
    boxes.push({text: t.textContent, quad});
  }
  return {width: root.width, height: root.height, boxes};
}"""


@dataclass(frozen=True)
class Drawn:
    """One figure as Chromium drew it: its size and every text box."""

    name: str
    width: float
    height: float
    boxes: list[tuple[str, Quad]]


def _axes(quad: Quad) -> Iterator[tuple[float, float]]:
    for (x0, y0), (x1, y1) in zip(quad, quad[1:] + quad[:1], strict=True):
        length = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
        if length:
            yield (y0 - y1) / length, (x1 - x0) / length


def overlap(a: Quad, b: Quad, tolerance: float = TOLERANCE) -> bool:
    """Whether two convex quads overlap by more than `tolerance` px along every axis that could separate them."""
    for ax, ay in [*_axes(a), *_axes(b)]:
        pa = [x * ax + y * ay for x, y in a]
        pb = [x * ax + y * ay for x, y in b]
        if min(max(pa), max(pb)) - max(min(pa), min(pb)) <= tolerance:
            return False
    return True


def problems(drawn: Drawn, tolerance: float = TOLERANCE) -> list[str]:
    """Every pair of overlapping text boxes and every box that leaves the figure, as readable lines."""
    out = []
    for text, quad in drawn.boxes:
        if any(x < -tolerance or y < -tolerance or x > drawn.width + tolerance or y > drawn.height + tolerance for x, y in quad):
            out.append(f"{drawn.name}: {text[:50]!r} leaves the figure")
    # A sweep on the left edges keeps this near-linear for the hundreds of labels of a dense figure.
    spans = sorted(((min(x for x, _ in q), max(x for x, _ in q), t, q) for t, q in drawn.boxes), key=lambda s: s[0])
    for i, (_, right, text, quad) in enumerate(spans):
        for left2, _, text2, quad2 in spans[i + 1:]:
            if left2 > right - tolerance:
                break
            if overlap(quad, quad2, tolerance):
                out.append(f"{drawn.name}: {text[:50]!r} overlaps {text2[:50]!r}")
    return out


class Drawer:
    """One Chromium page with plotly.js loaded, drawing figure JSON at a width and measuring its text."""

    def __init__(self, browser: Any):
        self.page = browser.new_page(viewport={"width": 1100, "height": 900})
        self.page.set_content("<!doctype html><html><body style='margin:0'><div id='fig'></div></body></html>")
        self.page.add_script_tag(path=str(PLOTLY_JS))

    def draw(self, name: str, fig_json: dict[str, Any], width: int) -> Drawn:
        result = self.page.evaluate(MEASURE, {"data": fig_json.get("data", []), "layout": fig_json.get("layout", {}), "width": width})
        return Drawn(name, result["width"], result["height"], [(b["text"], [tuple(p) for p in b["quad"]]) for b in result["boxes"]])

    def close(self) -> None:
        self.page.close()


def figure_set(stores: Iterable[tuple[str, Any]], widths: Iterable[int], kinds: set[str] | None = None) -> Iterator[tuple[str, dict[str, Any], int]]:
    """(name, figure JSON, width) for every figure of each named store (or only `kinds`) at each width."""
    from generators.figures.registry import build_figure
    from generators.render.figure_assets import figure_json

    widths = list(widths)
    for label, store in stores:
        for spec in store.figures.values():
            if kinds is not None and spec.id not in kinds and spec.kind not in kinds:
                continue
            for width in widths:
                yield f"{label}/{spec.id}@{width}", figure_json(build_figure(store, spec, width)), width


def sweep_stores(tmp: Path) -> list[tuple[str, Any]]:
    """Every store the full sweep draws: Qwen, Qwen with every fact disputed, the dense 50 and 300, a synthetic series."""
    from bench import dense, synth
    from generators.load import load_store
    from tests.figures.disputed import dense_disputes

    qwen, _ = load_store(ROOT / "data" / "events.yaml", ROOT / "data" / "figures.yaml", strict=False)
    stores = [("qwen", qwen), ("disputed", dense_disputes(qwen))]
    for n in (50, 300):
        events, figures = dense.write(n, tmp / f"dense{n}")
        stores.append((f"dense{n}", load_store(events, figures, strict=False)[0]))
    synth.write(170, tmp / "synth", series=True)
    stores.append(("synth", load_store(tmp / "synth" / "events.yaml", tmp / "synth" / "figures.yaml", strict=False)[0]))
    return stores


def folded_stores(tmp: Path) -> list[tuple[str, Any]]:
    """The dense 1,000 and 5,000, whose lineage folds releases into counts (the sweep draws only their lineage)."""
    from bench import dense, limits
    from generators.load import load_store

    out = []
    for n in (1000, 5000):
        events, figures = dense.write(n, tmp / f"dense{n}")
        out.append((f"dense{n}", load_store(events, figures, strict=False, limits=limits.large_limits())[0]))
    return out


def sweep(widths: Iterable[int] | None = None) -> dict[str, Any]:
    """Draw every figure of every sweep store, and the lineage of the folded stores, at every plan; the figures
    drawn, the time and every problem found."""
    from playwright.sync_api import sync_playwright

    from generators.figures.registry_widths import WIDTHS

    started = time.perf_counter()
    found: list[str] = []
    count = 0
    with tempfile.TemporaryDirectory(prefix="labfig-collisions-") as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        drawer = Drawer(browser)
        for name, fig_json, width in figure_set(sweep_stores(Path(tmp)), widths or WIDTHS.values()):
            found += problems(drawer.draw(name, fig_json, width))
            count += 1
        for name, fig_json, width in figure_set(folded_stores(Path(tmp)), widths or WIDTHS.values(), {"lineage"}):
            found += problems(drawer.draw(name, fig_json, width))
            count += 1
        browser.close()
    return {"figures": count, "seconds": round(time.perf_counter() - started, 1), "problems": len(found), "found": found}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--width", type=int, action="append", help="plan widths to draw (default: every plan)")
    args = parser.parse_args(argv)
    result = sweep(args.width)
    print(json.dumps({k: v for k, v in result.items() if k != "found"}))
    for line in result["found"]:
        print(line)
    return 1 if result["problems"] else 0


if __name__ == "__main__":
    sys.exit(main())
