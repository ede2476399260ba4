"""Jinja2 environment for every HTML we write: autoescaping on, so text from the YAML is always escaped."""

from __future__ import annotations

import json
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

ENV = Environment(loader=PackageLoader("generators.render", "templates"), autoescape=select_autoescape(default=True),
                  undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def _safe_url(value: str | None) -> str:
    """Only http(s) and site-relative links reach an href; anything else becomes '#'."""
    if not value:
        return "#"
    lowered = value.strip().lower()
    if lowered.startswith(("http://", "https://")) or ":" not in lowered.split("/")[0]:
        return value
    return "#"


def _json_attr(value: Any) -> Markup:
    return Markup(json.dumps(value, separators=(",", ":"), sort_keys=True))


def _clip(text: str, limit: int = 140) -> str:
    """A long line (a commit message, say) cut at a word near `limit` characters, with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


ENV.filters["safe_url"] = _safe_url
ENV.filters["clip"] = _clip


def render(name: str, **context: Any) -> str:
    return ENV.get_template(name).render(**context)
