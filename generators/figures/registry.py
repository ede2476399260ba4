"""The registry of figure kinds: one line per kind in, everything derived from the kinds out.

`KINDS` maps a kind name to its FigureKind (see `kind.py`). The spec union the loader validates
`data/figures.yaml` with, its JSON Schema, the reference page, the docs test and the golden tests all
come from it, so a new kind is its module under `kinds/`, one line here and its tests.

Every builder is `build(store, spec, width) -> go.Figure`, pure and without I/O; `width` is the
width in CSS pixels the layout is planned for (labels are packed for it). Importing this module
imports neither plotly nor pandas: a builder's layout module is imported when it first draws.
"""

from __future__ import annotations

from typing import Annotated, Any, Union

from pydantic import Field

from generators.figures.kind import FigureKind
from generators.figures.kinds import bifurcation, lineage, people_moves, posture_matrix, release_timeline, stacked_timelines
from generators.figures.registry_widths import WIDTHS
from generators.figures.text import wrap_hovers
from generators.model.events import Event
from generators.model.fields import Record
from generators.model.store import Store

KINDS: dict[str, FigureKind] = {kind.name: kind for kind in (
    release_timeline.KIND,
    posture_matrix.KIND,
    bifurcation.KIND,
    lineage.KIND,
    stacked_timelines.KIND,
    people_moves.KIND,
)}

FIGURE_KINDS: tuple[str, ...] = tuple(KINDS)
SPEC_CLASSES: tuple[type[Any], ...] = tuple(kind.spec for kind in KINDS.values())
# One entry of `data/figures.yaml`: the spec class its `kind` names.
FigureSpec: Any = Annotated[Union[SPEC_CLASSES], Field(discriminator="kind")]  # noqa: UP007 (a tuple of classes)


class FiguresDocument(Record):
    """`data/figures.yaml`: one spec per figure."""

    figures: list[FigureSpec] = Field(default_factory=list, description="Figure specs.")


def kind_of(spec: Any) -> FigureKind:
    return KINDS[spec.kind]


def drawn(store: Store, spec: Any) -> list[Event]:
    """The events figure `spec` draws (its kind's answer): what it cites, describes, tabulates and exports."""
    return KINDS[spec.kind].events(store, spec)


def page_order(specs: list[Any]) -> list[Any]:
    """Figures as a subject's generated page shows them: by `order`, then by kind (its `page_rank`), then file order."""
    def key(item: tuple[int, Any]) -> tuple[int, int, int]:
        index, spec = item
        return (spec.order if spec.order is not None else 1000, KINDS[spec.kind].page_rank, index)
    return [spec for _, spec in sorted(enumerate(specs), key=key)]


def build_figure(store: Store, spec: Any, width: int = WIDTHS["desktop"]) -> Any:
    """Build the figure for `spec` planned for `width` px, its hover cards wrapped to stay inside it."""
    return wrap_hovers(KINDS[spec.kind].build(store, spec, width), width)
