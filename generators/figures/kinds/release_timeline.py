"""The `release-timeline` kind (F1): its spec class and the releases it draws in, its FigureKind out."""

from __future__ import annotations

from typing import Any

from generators.figures.kind import FigureKind, releases_selected
from generators.model.figures import ReleaseTimelineSpec
from generators.model.store import Store


def build(store: Store, spec: Any, width: int) -> Any:
    from generators.figures import release_timeline  # the layout; plotly is imported when a figure is drawn

    return release_timeline.build(store, spec, width)


KIND = FigureKind(ReleaseTimelineSpec, build, events=releases_selected, draws="release", page_rank=1)
