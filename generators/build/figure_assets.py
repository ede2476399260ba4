"""Figure assets: the store in, for each figure its phone and desktop JSON, description and image jobs out.

The page and embed scripts fetch `embed/ID/desktop.json` or `phone.json`; static SVGs for both
widths and both themes, and the titled PNG/SVG downloads, are rendered from the same JSON.
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass
from typing import Any

from generators.build.describe import describe
from generators.build.images import ImageJob
from generators.figures.registry import WIDTHS, build_figure
from generators.figures.style import LIGHT, retheme
from generators.figures.text import esc, source_line
from generators.model.store import Store

THEMES = ("light", "dark")
EXPORT_WIDTH = 1000
# Static SVGs scale as a whole, so phone and desktop suffice; live charts also get the tablet layout.
STATIC_VARIANTS = ("phone", "desktop")


@dataclass(frozen=True)
class FigureOutput:
    """Everything the pages and embeds need to show one figure."""

    spec: Any
    description: str
    sources: str
    variants: dict[str, dict[str, Any]]

    @property
    def id(self) -> str:
        return str(self.spec.id)

    def height(self, variant: str) -> int:
        return int(self.variants[variant]["layout"]["height"])


def figure_json(fig: Any) -> dict[str, Any]:
    """Plotly JSON without the template (we style every figure ourselves)."""
    data = json.loads(fig.to_json())
    data.get("layout", {}).pop("template", None)
    return data  # type: ignore[no-any-return]


def build_outputs(store: Store) -> dict[str, FigureOutput]:
    """Build every figure of the store at phone and desktop widths."""
    outputs: dict[str, FigureOutput] = {}
    for spec in store.figures.values():
        variants = {name: figure_json(build_figure(store, spec, width)) for name, width in WIDTHS.items()}
        events = store.select(spec.subject, spec.select)
        extra = [s for p in store.postures for s in p.sources] if spec.kind == "posture-matrix" else []
        outputs[spec.id] = FigureOutput(spec, describe(store, spec), source_line(store, events, extra), variants)
    return outputs


def static_jobs(output: FigureOutput) -> dict[str, ImageJob]:
    """The in-page SVGs: `phone-light.svg`, `desktop-dark.svg`, ... keyed by file name."""
    jobs = {}
    for variant, fig in output.variants.items():
        if variant not in STATIC_VARIANTS:
            continue
        for theme in THEMES:
            jobs[f"{variant}-{theme}.svg"] = ImageJob(retheme(fig, theme), "svg", WIDTHS[variant], output.height(variant))
    return jobs


def export_jobs(output: FigureOutput, site_name: str) -> dict[str, ImageJob]:
    """The downloadable `figure.png` (2x) and `figure.svg`: title, caption and source line drawn in."""
    fig, height = titled(output, site_name)
    return {"figure.svg": ImageJob(fig, "svg", EXPORT_WIDTH, height),
            "figure.png": ImageJob(fig, "png", EXPORT_WIDTH, height, scale=2)}


def titled(output: FigureOutput, site_name: str) -> tuple[dict[str, Any], int]:
    """The desktop figure with its title above and caption plus source line below, for standalone images."""
    fig = json.loads(json.dumps(output.variants["desktop"]))
    layout = fig["layout"]
    caption = textwrap.wrap(output.spec.caption, 150)
    footer = caption + textwrap.wrap(f"{output.sources}. Figure: {site_name}.", 150)
    top, bottom = 70, 30 + 18 * len(footer)
    margin = dict(layout.get("margin", {}))
    margin["t"] = margin.get("t", 24) + top
    margin["b"] = margin.get("b", 40) + bottom
    height = int(layout["height"]) + top + bottom
    layout.update(margin=margin, height=height)
    legend = layout.get("legend")
    if legend and legend.get("yref") == "container":
        # Lift a bottom legend above the footer lines that now occupy the bottom of the image.
        legend["y"] = (bottom + 6) / height
    layout.setdefault("annotations", [])
    layout["annotations"] = list(layout["annotations"]) + [
        {"text": f"<b>{esc(output.spec.title)}</b>", "xref": "paper", "yref": "paper", "x": 0, "xanchor": "left",
         "y": 1, "yanchor": "top", "yshift": margin["t"] - 12, "showarrow": False, "font": {"size": 20, "color": LIGHT["ink"]}},
        {"text": "<br>".join(esc(line) for line in footer), "xref": "paper", "yref": "paper", "x": 0, "xanchor": "left",
         "y": 0, "yanchor": "bottom", "yshift": -margin["b"] + 10, "showarrow": False, "align": "left",
         "font": {"size": 12, "color": LIGHT["muted"]}},
    ]
    return fig, height
