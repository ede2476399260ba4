"""Shared look of every figure: licence-posture colours and symbols, status marks, fonts and the two themes.

Figures are drawn in the light palette; `retheme` maps each light colour to its dark twin, in Python
for static images and (from the same table, shipped as JSON) in the browser when the reader toggles.
"""

from __future__ import annotations

import json
from typing import Any

FONT = "Roboto, 'Helvetica Neue', Arial, sans-serif"

# Okabe-Ito hues: distinguishable with the common colour-vision deficiencies, and each posture
# also has its own symbol so the figure reads in greyscale.
LIGHT: dict[str, str] = {
    "ink": "#1f2328",
    "muted": "#59636e",
    "faint": "#d0d7de",
    "paper": "#ffffff",
    "band": "rgba(213,94,0,0.10)",
    "marker": "#6e40c9",
    "permissive": "#007a5a",
    "restricted": "#0072b2",
    "paper-only": "#b07800",
    "closed": "#c64600",
    "unknown": "#6e7781",
    # Two hues for lines that need a colour of their own beyond the postures' (a bifurcation's fifth branch).
    "line-pink": "#b8327e",
    "line-brown": "#8c564b",
}
DARK: dict[str, str] = {
    "ink": "#e6edf3",
    "muted": "#9da7b3",
    "faint": "#3d444d",
    "paper": "#1e2129",
    "band": "rgba(255,140,60,0.16)",
    "marker": "#b392f0",
    "permissive": "#3fcf9f",
    "restricted": "#56b4e9",
    "paper-only": "#f0c050",
    "closed": "#ff8a50",
    "unknown": "#9da7b3",
    "line-pink": "#f48cc6",
    "line-brown": "#d3a48f",
}
THEMES = {"light": LIGHT, "dark": DARK}

POSTURE_COLOUR = {
    "permissive": LIGHT["permissive"],
    "restricted": LIGHT["restricted"],
    "paper": LIGHT["paper-only"],
    "closed": LIGHT["closed"],
    "unknown": LIGHT["unknown"],
}
POSTURE_SYMBOL = {
    "permissive": "circle",
    "restricted": "diamond",
    "paper": "square",
    "closed": "triangle-down",
    "unknown": "hexagon",
}
POSTURE_LABEL = {
    "permissive": "Permissive (open weights)",
    "restricted": "Restricted (open weights, conditions)",
    "paper": "Paper only",
    "closed": "Closed (API / product only)",
    "unknown": "Undisclosed",
}
POSTURE_ORDER = ("permissive", "restricted", "paper", "closed", "unknown")
# A dash pattern per posture for box borders and lines, the third cue after colour and symbol.
POSTURE_DASH = {"permissive": "solid", "restricted": "dash", "paper": "dot", "closed": "solid", "unknown": "dot"}


def symbol_for(posture: str, status: str) -> str:
    """Marker symbol: the posture's shape, hollow when the event is not confirmed."""
    return status_symbol(POSTURE_SYMBOL.get(posture, "circle"), status)


def status_symbol(base: str, status: str) -> str:
    """A marker shape as every kind draws an event's status: filled when confirmed, hollow otherwise."""
    return base if status == "confirmed" else f"{base}-open"


def base_layout(height: int, *, margin: dict[str, int] | None = None) -> dict[str, Any]:
    """Layout shared by every figure: our own template, not Plotly's default one."""
    return {
        "template": "none",
        "height": height,
        "autosize": True,
        "font": {"family": FONT, "size": 13, "color": LIGHT["ink"]},
        "paper_bgcolor": LIGHT["paper"],
        "plot_bgcolor": LIGHT["paper"],
        "margin": margin or {"l": 16, "r": 16, "t": 24, "b": 40},
        "hoverlabel": {"bgcolor": LIGHT["paper"], "bordercolor": LIGHT["muted"], "font": {"family": FONT, "size": 13, "color": LIGHT["ink"]}, "align": "left"},
        "showlegend": False,
        "dragmode": False,
    }


def date_axis(start: str, end: str, *, side: str = "bottom") -> dict[str, Any]:
    return {
        "type": "date",
        "range": [start, end],
        "showgrid": True,
        "gridcolor": LIGHT["faint"],
        "linecolor": LIGHT["muted"],
        "tickcolor": LIGHT["muted"],
        "tickfont": {"color": LIGHT["muted"], "size": 12},
        "zeroline": False,
        "fixedrange": True,
        "side": side,
        "automargin": True,
    }


def hidden_axis(lo: float, hi: float) -> dict[str, Any]:
    return {"visible": False, "range": [lo, hi], "fixedrange": True, "zeroline": False, "showgrid": False}


def retheme(fig_json: dict[str, Any], theme: str) -> dict[str, Any]:
    """A copy of a figure's JSON with every light-palette colour replaced by the theme's twin."""
    if theme == "light":
        return fig_json
    mapping = {LIGHT[k].lower(): THEMES[theme][k] for k in LIGHT}
    text = json.dumps(fig_json)
    for light, dark in mapping.items():
        text = text.replace(f'"{light}"', f'"{dark}"')
    return json.loads(text)  # type: ignore[no-any-return]


def theme_table() -> dict[str, dict[str, str]]:
    """The light-to-theme colour table, shipped to the browser so it re-themes exactly as Python does."""
    return {name: {LIGHT[k].lower(): palette[k] for k in LIGHT} for name, palette in THEMES.items()}
