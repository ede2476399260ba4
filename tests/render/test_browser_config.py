"""The plan widths, the narrow cut-off, the claims views, message types and the scripts' words are defined once in
Python: the browser sources repeat none of them, and what the build emits says exactly what the tables say."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

import pytest
import yaml

from generators.figures.claims import CLAIM_MODE_LABELS, CLAIM_MODES
from generators.figures.registry_widths import NARROW, WIDTHS, is_narrow, plan_for
from generators.figures.style import theme_table
from generators.model.store import Store
from generators.render import browser_config
from generators.render.embed_kit import HOST_SCRIPT, SiteInfo, figure_block, figure_page
from generators.render.figure_assets import build_outputs

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [*sorted((ROOT / "content" / "assets").glob("*.js")), *sorted((ROOT / "content" / "assets").glob("*.css")),
           ROOT / "generators" / "render" / "assets" / "host.js"]


def _any(words: Iterable[object]) -> str:
    return "(" + "|".join(re.escape(str(w)) for w in words) + ")"


def _quoted(words: Iterable[object]) -> re.Pattern[str]:
    return re.compile("[\"']" + _any(words) + "[\"']")


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_browser_sources_repeat_no_table_of_the_build(source: Path) -> None:
    text = source.read_text(encoding="utf-8")
    widths = re.compile(r"\b" + _any([*WIDTHS.values(), NARROW]) + r"(px)?\b")
    if source.suffix == ".css":
        found = [m.group(0) for m in widths.finditer(text) if m.group(2)]  # a plain 600 is a font weight
    else:
        found = widths.findall(text)
    assert not found, f"{source.name} repeats plan widths or the narrow cut-off: {found}"
    assert not re.findall("labfig-plan-" + _any(WIDTHS) + r"\b", text), f"{source.name} names a plan's class"
    assert not _quoted(WIDTHS).findall(text), f"{source.name} names a plan"
    assert not _quoted(CLAIM_MODES).findall(text), f"{source.name} names a claims view"
    assert not _quoted(browser_config.MESSAGES.values()).findall(text), f"{source.name} spells a message type"
    # The words the scripts write (as string literals; comments may talk about events).
    for word in [*browser_config.STRINGS.values(), *CLAIM_MODE_LABELS.values()]:
        for part in (p.strip() for p in re.split(r"\{\w+\}", word)):
            literal = re.compile("[\"'][^\"'\n]*" + re.escape(part) + "[^\"'\n]*[\"']")
            assert len(part) < 4 or not literal.search(text), f"{source.name} spells {word!r}"


def _globals(js: str) -> dict[str, object]:
    found = dict(re.findall(r"^window\.(\w+) = (.*);$", js, flags=re.M))
    return {name: json.loads(value) for name, value in found.items()}


def test_the_config_script_carries_the_python_tables() -> None:
    emitted = _globals(browser_config.config_js().decode())
    assert emitted["LABFIG_THEMES"] == theme_table()
    config = emitted["LABFIG_CONFIG"]
    assert isinstance(config, dict)
    assert config["claims"] == list(CLAIM_MODES) and config["claims"][0] == "all"  # the static image's view first
    assert config["messages"] == browser_config.MESSAGES
    assert config["strings"] == browser_config.STRINGS
    assert set(config) == {"claims", "messages", "strings"}  # nothing the scripts do not read


def _plan_rules(css: str) -> dict[str, tuple[float, float]]:
    """plan name -> [from, to) of the container width at which its image shows, read back from the CSS."""
    out = {}
    for query, name in re.findall(r"@container \(([^)]*)\) \{ \.labfig-stage \.labfig-plan-(\w+) \{ display: block; \} \}", css):
        low = re.search(r"(\d+)px <= width", query)
        high = re.search(r"width < (\d+)px", query)
        out[name] = (float(low.group(1)) if low else 0.0, float(high.group(1)) if high else float("inf"))
    return out


def test_the_plans_stylesheet_shows_the_plan_python_picks_at_every_width() -> None:
    rules = _plan_rules(browser_config.plans_css().decode())
    assert list(rules) == list(WIDTHS)
    for width in [w / 2 for w in range(400, 3400)]:  # 200 to 1700 px in half pixels
        shown = [name for name, (low, high) in rules.items() if low <= width < high]
        assert shown == [plan_for(width)], width


def test_the_narrow_cut_off_is_one_threshold() -> None:
    assert is_narrow(NARROW - 0.5) and not is_narrow(NARROW)
    assert [name for name, w in WIDTHS.items() if is_narrow(w)] == ["small", "phone", "phablet"]


def test_the_host_script_has_the_message_types_written_in() -> None:
    assert "LABFIG_MESSAGES" not in HOST_SCRIPT
    assert f"var MESSAGES = {json.dumps(browser_config.MESSAGES, sort_keys=True)};" in HOST_SCRIPT


def test_every_page_and_embed_loads_the_generated_assets_after_their_hand_written_neighbours() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!!python/name:", ""))
    css, js = config["extra_css"], config["extra_javascript"]
    assert css.index(browser_config.PLANS_FILE) > css.index("assets/labfig.css")
    assert js.index(browser_config.CONFIG_FILE) < js.index("assets/labfig.js")
    embed = (ROOT / "generators" / "render" / "templates" / "embed.html.j2").read_text(encoding="utf-8")
    assert embed.index(browser_config.PLANS_FILE) > embed.index("assets/labfig.css")
    assert embed.index(browser_config.CONFIG_FILE) < embed.index("assets/labfig.js")
    assert set(browser_config.assets()) == {browser_config.CONFIG_FILE, browser_config.PLANS_FILE}


@pytest.mark.parametrize("template", sorted((ROOT / "generators" / "render" / "templates").glob("*.j2")), ids=lambda p: p.name)
def test_templates_take_the_claims_views_from_python(template: Path) -> None:
    text = template.read_text(encoding="utf-8")
    views = _any(CLAIM_MODES)
    assert not re.findall(f"claims={views}\\b", text) and not _quoted(CLAIM_MODES).findall(text), f"{template.name} names a claims view"
    assert not _quoted(browser_config.MESSAGES.values()).findall(text), f"{template.name} spells a message type"


def test_the_claims_control_and_the_writers_note_name_the_views_python_defines(store: Store) -> None:
    fig = build_outputs(store)["qwen-f7"]
    assert fig.claim_modes, "qwen-f7 draws disputed claims"
    block = figure_block(fig, store, "../", images=False)
    control = re.findall(r'<label><input type="radio" name="claims-qwen-f7" value="(\w+)"( checked)?> ([^<]+)</label>', block)
    assert [(value, label) for value, _, label in control] == list(CLAIM_MODE_LABELS.items())
    assert [value for value, checked, _ in control if checked] == [CLAIM_MODES[0]]
    assert f"<legend>{browser_config.CLAIMS_LEGEND}</legend>" in block
    page = figure_page(fig, store, SiteInfo("Lab Timelines", "https://example.org/", "1", "2026-01-01"), "../../", images=False)
    assert all(f"<code>?claims={view}</code>" in page for view in CLAIM_MODES[1:])
