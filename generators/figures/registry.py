"""The registry of figure kinds: a kind name in, the function that builds it out.

Every builder is `build(store, spec, width) -> go.Figure`, pure and without I/O; `width` is the
width in CSS pixels the layout is planned for (labels are packed for it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import plotly.graph_objects as go

from generators.figures import bifurcation, lineage, people_moves, posture_matrix, release_timeline, stacked_timelines
from generators.figures.registry_widths import WIDTHS
from generators.model.store import Store

Builder = Callable[[Store, Any, int], go.Figure]

BUILDERS: dict[str, Builder] = {
    "release-timeline": release_timeline.build,
    "posture-matrix": posture_matrix.build,
    "bifurcation": bifurcation.build,
    "lineage": lineage.build,
    "stacked-timelines": stacked_timelines.build,
    "people-moves": people_moves.build,
}



def build_figure(store: Store, spec: Any, width: int = WIDTHS["desktop"]) -> go.Figure:
    """Build the figure for `spec` planned for `width` px."""
    return BUILDERS[spec.kind](store, spec, width)
