"""Text descriptions of figures from their data: a spec and the store in, one or two plain sentences out.

Used as the alt text of static images, the accessible label of interactive figures, and shown on
request under each figure. Plain text: callers escape it for where it goes. Each kind says what it
adds to the shared description, or gives its own (generators/figures/kinds/).
"""

from __future__ import annotations

from typing import Any

from generators.figures.describing import number, plural
from generators.figures.registry import kind_of
from generators.model.store import Store

__all__ = ["describe", "number", "plural"]


def describe(store: Store, spec: Any) -> str:
    """A description of what the figure shows, computed from the same data it draws."""
    return kind_of(spec).description(store, spec)
