"""F4 with many forks: no two lines look alike. Each line that is not shared has a colour of its own (its end
posture's when no line before it has that, else a spare hue) and, past the palette, a dash of its own; the same
holds in the dark theme, and the key under a dense figure draws each stroke as its line is drawn."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bench import dense
from generators.figures import bifurcation
from generators.figures.bifurcation_labels import STROKES
from generators.figures.registry import drawn
from generators.figures.registry_widths import WIDTHS
from generators.figures.style import LIGHT, retheme
from generators.load import load_store
from generators.model.figures import BifurcationOptions, BifurcationSpec, Branch
from generators.model.store import Store


@pytest.fixture(scope="module")
def dense50(tmp_path_factory: pytest.TempPathFactory) -> Store:
    events, figures = dense.write(50, tmp_path_factory.mktemp("dense50"))
    return load_store(events, figures, strict=False)[0]


def _many(store: Store, count: int) -> BifurcationSpec:
    """The dense family as `count` lines parting from one shared line, one fork after another."""
    spec = store.figures["dense-f4b"]
    assert isinstance(spec, BifurcationSpec)
    ids = [e.id for e in sorted(drawn(store, spec), key=lambda e: e.date.start)]
    step = max(1, len(ids) // (count + 1))
    branches = [Branch(id="shared", label="Shared line")]
    for k in range(1, count + 1):
        fork = ids[k * step - 1]
        branches.append(Branch(id=f"b{k}", label=f"Branch {k}", parent="shared", fork=fork, events=ids[k * step:(k + 1) * step]))
    return spec.model_copy(update={"options": BifurcationOptions(branches=branches)})


def _lines(fig_json: dict[str, Any], shared: str) -> dict[str, tuple[str, str]]:
    """(colour, dash) of each line's own trace, by name (run-ons and the shared line left out)."""
    return {t["name"]: (t["line"]["color"], t["line"].get("dash", "solid")) for t in fig_json["data"]
            if t.get("mode") == "lines" and t.get("name") and not t["name"].endswith("no newer release")
            and t["name"] != shared and "line" in t and t["line"].get("width", 0) >= 2.5}


@pytest.mark.parametrize("count", [3, 12])
@pytest.mark.parametrize("width", [WIDTHS["phone"], WIDTHS["desktop"]])
def test_every_line_looks_different_in_both_themes(dense50: Store, count: int, width: int) -> None:
    fig = json.loads(bifurcation.build(dense50, _many(dense50, count), width).to_json())
    light = _lines(fig, "")  # no branch parts at the shared line's last release: it runs on as a line of its own
    assert len(light) == count + 1, f"{count + 1} lines drawn: {sorted(light)}"
    assert len(set(light.values())) == count + 1, f"two lines look alike at {width} px: {light}"
    palette = {v.lower() for v in LIGHT.values()}
    assert all(colour.lower() in palette for colour, _ in light.values()), "every line colour has a dark twin"
    dark = _lines(retheme(fig, "dark"), "")
    assert len(set(dark.values())) == count + 1 and not set(dark.values()) & set(light.values()), "recoloured, still all apart"
    keyed = [a["text"] for a in fig["layout"].get("annotations", []) if a.get("name") == "line key"]
    for text in keyed:
        stroke, name = text.split(" ", 1)
        assert stroke == STROKES[light[name][1]], f"the key draws {name!r} as its line is drawn"


def test_the_dense_store_s_two_open_lines_are_told_apart(dense50: Store) -> None:
    fig = json.loads(bifurcation.build(dense50, dense50.figures["dense-f4b"], WIDTHS["desktop"]).to_json())
    lines = _lines(fig, "Both tiers")
    assert lines["Open weights"][0] != lines["Side family, open weights"][0], lines


def test_qwen_tiers_keep_their_posture_colours(store: Store) -> None:
    lines = _lines(json.loads(bifurcation.build(store, store.figures["qwen-f4"], WIDTHS["desktop"]).to_json()), "both tiers")
    assert {name: colour for name, (colour, _) in lines.items()} == {"base tier": LIGHT["permissive"], "flagship tier": LIGHT["closed"]}
