"""The `lineage` kind (F5): its spec class, the releases it draws and what it says of them in, its FigureKind out."""

from __future__ import annotations

from typing import Any

from generators.figures.describing import plural
from generators.figures.kind import FigureKind, releases_selected
from generators.model.events import Event
from generators.model.figures import LineageSpec
from generators.model.store import Store


def build(store: Store, spec: Any, width: int) -> Any:
    from generators.figures import lineage  # the layout; plotly is imported when a figure is drawn

    return lineage.build(store, spec, width)


def details(store: Store, spec: Any, releases: list[Event]) -> list[str]:
    """How many descent links join the releases shown, and who is credited on how many."""
    shown = {e.id for e in releases}
    edges = sum(1 for e in releases if e.release for d in e.release.descends_from if d.release in shown)
    credited: dict[str, int] = {}
    for e in releases:
        for c in e.release.credits if e.release else []:
            key = c.person or c.unit or ""
            credited[key] = credited.get(key, 0) + 1
    people = [f"{store.name_of(k)} on {plural(n, 'release')}" for k, n in credited.items()]
    return [f"{plural(edges, 'descent link')}"] + ([f"credited: {', '.join(people)}"] if people else [])


KIND = FigureKind(LineageSpec, build, events=releases_selected, draws="release", time_axis=False, details=details, page_rank=3)
