"""Static and live alike: the images a reader gets without a script (every plan's static image, the PNG and SVG
downloads) draw every claim, and the alt text under them names each disagreement; only the live views the
reader picks (`main`, `confirmed`) leave the other claims out."""

from __future__ import annotations

import html
import re

import pytest

from generators.figures import registry
from generators.figures.claims import disagreements
from generators.model.store import Store
from generators.render.embed_kit import figure_block
from generators.render.figure_assets import WIDTHS as PLANS
from generators.render.figure_assets import FigureOutput, build_outputs, export_jobs


@pytest.fixture(scope="module")
def outputs(store: Store) -> dict[str, FigureOutput]:
    return build_outputs(store)


def _ghosts(figure: dict) -> list[str]:  # type: ignore[type-arg]
    return [s["name"] for s in figure["layout"].get("shapes", []) if re.match(r"ghost (?!link|span)", s.get("name", ""))]


@pytest.mark.parametrize("fig_id", ["qwen-f7", "qwen-f8", "qwen-f1"])
def test_every_static_image_draws_every_other_date(store: Store, outputs: dict[str, FigureOutput], fig_id: str) -> None:
    fig = outputs[fig_id]
    wanted = sorted(f"ghost {e.id} {a.value}" for e in registry.drawn(store, fig.spec) for a in e.alternatives if a.field == "date")
    for plan in PLANS:
        assert sorted(_ghosts(fig.variants[plan])) == wanted or not wanted, f"{fig_id} {plan}: the static image shows all claims"
    download = export_jobs(fig, "Site", "https://example.org/")["figure.svg"].figure
    assert sorted(_ghosts(download)) == wanted or not wanted, "the PNG and SVG draw them too"
    if "desktop-main" in fig.variants:
        assert _ghosts(fig.variants["desktop-main"]) == [], "main claims only: no ghost"


def test_alt_text_names_each_disagreement(store: Store, outputs: dict[str, FigureOutput]) -> None:
    fig = outputs["qwen-f7"]
    alts = [html.unescape(a) for a in re.findall(r'alt="([^"]*)"', figure_block(fig, store, "/", images=True))]
    assert len(alts) == 2 * len(fig.plans) and all(alt == fig.description for alt in alts), "every static image has the description as its alt text"
    sentences = disagreements(store, registry.drawn(store, fig.spec))
    assert len(sentences) >= 4
    assert all(s in alts[0] for s in sentences), "each disagreement is named in the alt text"
    assert ("Two dates are reported for “Lin Junyang steps down”: 3 Mar 2026 (five sources) and 4 Mar 2026 (Unnamed reprint site and Unnamed outlet)"
            in alts[0])
