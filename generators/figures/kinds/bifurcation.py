"""The `bifurcation` kind (F4): its spec class, the releases it draws and what it says of them in, its FigureKind out."""

from __future__ import annotations

from typing import Any

from generators.figures import bifurcation_lines
from generators.figures.kind import FigureKind, releases_selected, shown_by
from generators.model.events import Event
from generators.model.figures import BifurcationSpec
from generators.model.references import Ref
from generators.model.store import Store


def build(store: Store, spec: Any, width: int) -> Any:
    from generators.figures import bifurcation  # the layout; plotly is imported when a figure is drawn

    return bifurcation.build(store, spec, width)


def details(store: Store, spec: Any, releases: list[Event]) -> list[str]:
    """Where each line ends and where it parts: the tiers' by default, the named branches' with `branches`."""
    if not spec.options.branches:
        out = []
        for tier in ("base", "flagship"):
            tiered = [e for e in releases if e.release and e.release.tier == tier]
            if tiered:
                out.append(f"the {tier} tier ends at {tiered[-1].title}, {store.posture_of(tiered[-1].licence)}")
        fork = store.events.get(spec.options.fork or "")
        if fork:
            out.append(f"the tiers part at {fork.title} ({fork.date.label()})")
        return out
    drawn = [e for e in releases if e.release]
    postures = [store.posture_of(e.licence) for e in drawn]
    out = []
    for line in bifurcation_lines.lines(store, spec, drawn, postures):
        end = drawn[line.points[-1]]
        parts = f", parting at {drawn[line.fork].title} ({drawn[line.fork].date.label()})" if line.fork is not None else ""
        out.append(f"{line.label} ends at {end.title}, {postures[line.points[-1]]}{parts}")
    return out


def shows(store: Store, spec: Any) -> set[Ref]:
    """The fork releases (its own, or each branch's), which it annotates by name and date, and what they show."""
    forks = [spec.options.fork, *(b.fork for b in spec.options.branches)]
    return shown_by([store.events[f] for f in forks if f in store.events])


KIND = FigureKind(BifurcationSpec, build, events=releases_selected, draws="release", time_axis=False, details=details, shows=shows, page_rank=2)
