"""What the browser scripts and the stylesheet share with the build, from the Python tables in; generated assets out.

The plan widths (registry_widths.WIDTHS), the claims views (claims.CLAIM_MODES), the message types an embed and
its host page exchange and the scripts' own words are defined here or in the modules they belong to, and reach
the browser only through what this module writes:

- `assets/labfig-plans.css`: the container queries that show each figure's static image for its own width;
- `assets/labfig-config.js`: `window.LABFIG_THEMES` (the colour table) and `window.LABFIG_CONFIG`, read by
  labfig.js and labfig-explorer.js instead of literals of their own (labfig-zoom.js needs none: what it
  shows comes with each figure's JSON);
- the host-page script of every embed snippet (host.js with its message types filled in at build time, so
  that it runs on a writer's page on its own).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generators.figures.claims import CLAIM_MODES
from generators.figures.registry_widths import WIDTHS
from generators.figures.style import theme_table

CONFIG_FILE = "assets/labfig-config.js"
PLANS_FILE = "assets/labfig-plans.css"
# What an embed page and the host page's script post to each other.
MESSAGES = {"height": "labfig:height", "theme": "labfig:theme"}
CLAIMS_LEGEND = "Show"  # the claims control's legend: "Show: All claims · Main claims only · Confirmed only"
# Words the scripts write into the page; `{shown}`-style fields are filled in by the script.
STRINGS = {
    "linkCopied": "Link copied",
    "scrollsSideways": "{caption} (scrolls sideways)",
    "table": "Table {n}",
    "eventsShown": "{shown} of {total} events",
}
_HOST_JS = Path(__file__).parent / "assets" / "host.js"


def config() -> dict[str, Any]:
    """`window.LABFIG_CONFIG`: the claims views (the first is the one the static image shows), message types and
    words. (A figure's plans reach the script with the figure, in its data-plans, and its image by the CSS.)"""
    return {"claims": list(CLAIM_MODES), "messages": dict(MESSAGES), "strings": dict(STRINGS)}


def config_js() -> bytes:
    """The generated script every page and embed loads before labfig.js."""
    return ("window.LABFIG_THEMES = " + json.dumps(theme_table(), sort_keys=True) + ";\n"
            + "window.LABFIG_CONFIG = " + json.dumps(config(), sort_keys=True) + ";\n").encode()


def plans_css() -> bytes:
    """One container query per plan: the stage (a size container) shows the image of the widest plan not wider than
    itself, and the narrowest plan below them all, exactly as labfig.js picks the live plot's plan."""
    names, widths = list(WIDTHS), list(WIDTHS.values())
    rules = []
    for i, name in enumerate(names):
        low = f"{widths[i]}px <= " if i else ""
        high = f" < {widths[i + 1]}px" if i + 1 < len(widths) else ""
        rule = f".labfig-stage .labfig-plan-{name} {{ display: block; }}"
        rules.append(f"@container ({low}width{high}) {{ {rule} }}" if low or high else rule)
    head = "/* Generated from generators/figures/registry_widths.py: which static image a figure shows at its own width. */\n"
    return (head + "\n".join(rules) + "\n").encode()


def host_js() -> str:
    """The host page's script, with the message types it listens for and sends written in."""
    text = _HOST_JS.read_text(encoding="utf-8")
    return text.replace("LABFIG_MESSAGES", json.dumps(MESSAGES, sort_keys=True))


def assets() -> dict[str, bytes]:
    """The generated browser assets by site path."""
    return {CONFIG_FILE: config_js(), PLANS_FILE: plans_css()}
