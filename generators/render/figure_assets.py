"""Figure assets: the store in, for each figure its JSON per planned width, description and image jobs out.

The page and embed scripts fetch `embed/ID/PLAN.json` (`phone.json`, `desktop.json`, ...); a static SVG
per plan and theme, and the titled PNG/SVG downloads, are rendered from the same JSON.
"""

from __future__ import annotations

import contextlib
import json
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generators.figures import canvas
from generators.figures.claims import CLAIM_MODES, encoding_note, view
from generators.figures.keys import figure_key, registries_digest
from generators.figures.registry import kind_of
from generators.figures.registry_widths import WIDTHS
from generators.figures.style import LIGHT, retheme
from generators.figures.text import esc
from generators.model.store import Store
from generators.render.describe import describe
from generators.render.downloads import figure_frame
from generators.render.images import ImageJob

THEMES = ("light", "dark")
FIGURE_CACHE = Path(".cache/figures")
EXPORT_WIDTH = 1000
PLAIN = "-all-claims"  # the cache name's suffix for a figure drawn without its claims views


@dataclass
class FigureCache:
    """Figure JSON by content hash: in `memory` for as long as this object lives (one `mkdocs serve` session
    keeps one), on disk under `folder` (None: no disk cache). `validate` schema-checks figures drawn here
    (the `validate_figures` setting); None leaves it to the caller (`canvas.checked`)."""

    folder: Path | None = FIGURE_CACHE
    validate: bool | None = None
    memory: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)

    def checking(self) -> contextlib.AbstractContextManager[None]:
        return contextlib.nullcontext() if self.validate is None else canvas.checked(self.validate)


@dataclass(frozen=True)
class FigureOutput:
    """Everything the pages and embeds need to show one figure."""

    spec: Any
    description: str
    sources: str
    variants: dict[str, dict[str, Any]]
    frame: Any  # pandas DataFrame: the rows the figure draws, for its table and data.csv
    built: bool = False  # drawn in this build, not taken from the content-hash cache
    history: Any = None  # generators.render.versions.FigureHistory: its versions and which one this is

    @property
    def id(self) -> str:
        return str(self.spec.id)

    @property
    def path(self) -> str:
        """The folder of this output's files: `embed/ID/`, or `embed/ID/v/N/` for a version's permanent address."""
        return str(self.history.path) if self.history is not None else f"embed/{self.id}/"

    def height(self, variant: str) -> int:
        return int(self.variants[variant]["layout"]["height"])

    @property
    def key_note(self) -> str:
        """The line under the caption saying that status and date spans are drawn alike in every kind."""
        return encoding_note(self.spec.kind)

    @property
    def claim_modes(self) -> list[str]:
        """The claims views (`main`, `confirmed`) that draw something other than all claims; each has its
        own `WIDTH-MODE.json`. A view that would draw the same as the one before it is left out."""
        return [mode for mode in CLAIM_MODES[1:] if f"desktop-{mode}" in self.variants]

    @property
    def plans(self) -> list[tuple[str, int, int]]:
        """(plan name, width, height) for each planned width, narrowest first, as the page offers them."""
        return [(name, width, self.height(name)) for name, width in WIDTHS.items() if name in self.variants]

    @property
    def plans_attr(self) -> str:
        """The plans as the figure element's `data-plans`: `name width height` entries joined by commas."""
        return ",".join(f"{name} {width} {height}" for name, width, height in self.plans)


def figure_json(fig: Any) -> dict[str, Any]:
    """Plotly JSON without the template (we style every figure ourselves)."""
    data = json.loads(fig.to_json())
    data.get("layout", {}).pop("template", None)
    return data  # type: ignore[no-any-return]


def build_outputs(store: Store, cache: FigureCache | None = None) -> dict[str, FigureOutput]:
    """Build every figure of the store at each planned width, reusing cached JSON for unchanged figures.

    A figure's cache key hashes its spec, the events it selects and the registries it may show, so an
    edit rebuilds only the figures it touches (in `cache.memory` under `mkdocs serve`, on disk across
    builds). Without a `cache`, a fresh one over FIGURE_CACHE.
    """
    cache = cache if cache is not None else FigureCache()
    outputs: dict[str, FigureOutput] = {}
    registries = registries_digest(store)
    keys = {spec.id: figure_key(store, spec, registries) for spec in store.figures.values()}
    # Under `mkdocs serve` every edit makes new keys; keep only this build's, so memory stays flat.
    for stale in set(cache.memory) - set(keys.values()):
        del cache.memory[stale]
    for spec in store.figures.values():
        variants, built = _cached_variants(store, spec, keys[spec.id], cache)
        outputs[spec.id] = FigureOutput(spec, describe(store, spec), figure_sources(store, spec), variants,
                                        figure_frame(store, spec), built)
    return outputs


def figure_sources(store: Store, spec: Any) -> str:
    """The figure's source line: the outlets of what it draws (its kind's events and the records it cites)."""
    return kind_of(spec).sources(store, spec)


def _cached_variants(store: Store | None, spec: Any, key: str, cache: FigureCache,
                     loader: Callable[[], Store] | None = None, claims: bool = True) -> tuple[dict[str, dict[str, Any]], bool]:
    """(the figure's JSON per planned width, whether it was drawn now rather than found in a cache);
    without a `store`, `loader` gives one only when the figure has to be drawn. Without `claims` (an archived
    version) only the all-claims view is drawn, a third of the work; a full drawing cached already serves too."""
    names = [key] if claims else [key, key + PLAIN]
    for name in names:
        found = cache.memory.get(name)
        path = cache.folder / f"{name}.json" if cache.folder else None
        if found is None and path and path.exists():
            found = cache.memory[name] = json.loads(path.read_text())
        if found is not None:
            return (found if claims else {k: v for k, v in found.items() if k in WIDTHS}), False
    from generators.figures.registry import build_figure  # plotly is imported only when something changed

    source = store if store is not None else loader() if loader else Store()
    with cache.checking():
        variants = {name: figure_json(build_figure(source, spec, width)) for name, width in WIDTHS.items()}
        if claims:
            variants.update(_claim_variants(source, spec, variants, build_figure))
    path = cache.folder / f"{names[-1]}.json" if cache.folder else None
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".part")
        partial.write_text(json.dumps(variants, sort_keys=True))
        partial.replace(path)
    cache.memory[names[-1]] = variants
    return variants, True


def _claim_variants(store: Store, spec: Any, drawn: dict[str, dict[str, Any]], build: Any) -> dict[str, dict[str, Any]]:
    """`desktop-main`, `phone-confirmed`, ...: the figure as drawn with main claims only and with
    confirmed facts only, for the reader's claims control; only the views that differ from the one before."""
    out: dict[str, dict[str, Any]] = {}
    previous = drawn
    events = kind_of(spec).events(store, spec)
    # Views that cannot differ are not drawn: no alternatives to drop, or nothing unconfirmed either.
    differs = {"main": any(e.alternatives for e in events),
               "confirmed": any(e.alternatives or e.status != "confirmed" for e in events)}
    for mode in CLAIM_MODES[1:]:
        if not differs[mode]:
            continue
        seen = view(store, mode)
        variants = {name: figure_json(build(seen, spec, width)) for name, width in WIDTHS.items()}
        if variants != previous:
            out.update({f"{name}-{mode}": fig for name, fig in variants.items()})
            previous = variants
    return out


def static_jobs(output: FigureOutput) -> dict[str, ImageJob]:
    """The in-page SVGs, one per plan and theme: `phone-light.svg`, `desktop-dark.svg`, ... keyed by file name.
    They show all claims; the other claims views are drawn live only."""
    jobs = {}
    for variant, fig in output.variants.items():
        if variant not in WIDTHS:
            continue
        for theme in THEMES:
            jobs[f"{variant}-{theme}.svg"] = ImageJob(retheme(fig, theme), "svg", WIDTHS[variant], output.height(variant))
    return jobs


# Open Graph and Twitter's large card both want about 1.91:1; 1200 x 630 is what the platforms document.
SHARE_SIZE = (1200, 630)
SHARE_HEIGHT = round(EXPORT_WIDTH * SHARE_SIZE[1] / SHARE_SIZE[0])


def export_jobs(output: FigureOutput, site_name: str, site_url: str = "", credit: str = "") -> dict[str, ImageJob]:
    """The downloadable `figure.png` (2x) and `figure.svg`: title, caption, source line, `credit` (address and
    licence) and version line drawn in; and `share.png` (1200 x 630) for link previews."""
    stamp = output.history.stamp(site_url) if output.history is not None else None
    lines = " · ".join(part for part in (credit, stamp) if part) or None
    fig, height = titled(output, site_name, lines)
    share, _ = titled(output, site_name, lines, compact=True)
    return {"figure.svg": ImageJob(fig, "svg", EXPORT_WIDTH, height),
            "figure.png": ImageJob(fig, "png", EXPORT_WIDTH, height, scale=2),
            "share.png": ImageJob(share, "png", EXPORT_WIDTH, SHARE_HEIGHT, scale=SHARE_SIZE[0] / EXPORT_WIDTH)}


def titled(output: FigureOutput, site_name: str, stamp: str | None = None, compact: bool = False) -> tuple[dict[str, Any], int]:
    """The desktop figure with its title above and caption, source line and (when given) version line below.

    `compact` (the share card) keeps only the title and the version line: a preview is read at thumbnail size.
    """
    fig = json.loads(json.dumps(output.variants["desktop"]))
    layout = fig["layout"]
    caption = [] if compact else textwrap.wrap(output.spec.caption, 150) + textwrap.wrap(output.key_note, 150)
    footer = caption + ([] if compact else textwrap.wrap(f"{output.sources}. Figure: {site_name}.", 150))
    footer += textwrap.wrap(stamp, 150) if stamp else []
    top, bottom = 70, 30 + 18 * len(footer)
    margin = dict(layout.get("margin", {}))
    margin["t"] = margin.get("t", 24) + top
    margin["b"] = margin.get("b", 40) + bottom
    # The share card has a fixed frame: the plot area gives or takes what the title and footer leave.
    height = SHARE_HEIGHT if compact else int(layout["height"]) + top + bottom
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
