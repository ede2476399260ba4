"""Figure specs: one YAML entry per figure in `data/figures.yaml`, validated like events.

In: plain dicts. Out: a frozen spec per figure kind; the kind picks which `options` are allowed. The union of
every kind's spec (what `data/figures.yaml` is validated with) is derived from the registry of kinds
(`generators/figures/registry.py`), so a kind's spec may live with the rest of its kind.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from generators.model.dates import DateField
from generators.model.events import AxisName
from generators.model.fields import Record, ShortText, Slug, Text, Tier
from generators.model.references import EventId, LinkedReleaseId, PersonId, ReleaseId, SubjectId, UnitId


class Marker(Record):
    """A dashed vertical line across the figure at one date, with its label."""

    date: DateField = Field(description="Where the line stands.")
    label: ShortText = Field(description="Text shown at the top of the line.")


class Band(Record):
    """A shaded span of time with its label."""

    date: DateField = Field(description="The span, as a range (`2025-12..2026-03`) or one month, quarter or year.")
    label: ShortText = Field(description="Text shown in the band.")


class Selection(Record):
    """Which events a figure shows; an event must match every criterion given."""

    events: list[EventId] = Field(default_factory=list, description="Exactly these events, in this order (overrides the rest).")
    axes: list[AxisName] = Field(default_factory=list, description="Only events on these axes.")
    families: list[Slug] = Field(default_factory=list, description="Only releases of these families.")
    tags: list[Slug] = Field(default_factory=list, description="Only events with at least one of these tags.")
    tiers: list[Tier] = Field(default_factory=list, description="Only releases of these tiers.")


class SpecBase(Record):
    """What every figure spec has; a kind's spec class adds `kind` (a literal naming it) and its `options`."""

    id: Slug = Field(description="Unique figure id; also its address under `embed/`.")
    subject: SubjectId | None = Field(None, description="Id of the subject the figure belongs to; leave it out for a figure of the whole series (shown on the series page, drawing every subject's events).")
    cross_subject: bool = Field(False, description="True when the figure may draw events of other subjects (a person moving between two labs, say); otherwise an event of another subject is an error.")
    order: int | None = Field(None, description="Place on the subject's generated page, smallest first; default: after every numbered figure, by kind (stacked timelines, release timeline, bifurcation, lineage, people moves, posture matrix).")
    lead: Text | None = Field(None, description="A sentence introducing the figure on the subject's generated page.")
    title: ShortText = Field(description="Headline shown above the figure.")
    caption: Text = Field(description="What the reader should see, in one or two sentences.")
    window: DateField | None = Field(None, description="Time range shown (a `START..END` range); default: the events' own span with a margin.")
    markers: list[Marker] = Field(default_factory=list, description="Vertical marker lines.")
    bands: list[Band] = Field(default_factory=list, description="Shaded, labelled spans.")
    select: Selection = Field(default_factory=Selection, description="Which events it shows.")
    labels: dict[EventId, ShortText] = Field(default_factory=dict, description="Per-event label overrides for this figure, by event id.")


class ReleaseTimelineOptions(Record):
    """Options of `release-timeline` (F1)."""

    show_tier: bool = Field(True, description="Write the tier (base/flagship) under each label.")


class ReleaseTimelineSpec(SpecBase):
    """F1: releases on one time axis, coloured and shaped by licence posture."""

    kind: Literal["release-timeline"]
    options: ReleaseTimelineOptions = Field(default_factory=ReleaseTimelineOptions, description="Options of this kind (see below).")


class PostureMatrixOptions(Record):
    """Options of `posture-matrix` (F2)."""

    labs: list[UnitId] = Field(default_factory=list, description="Rows in this order, by lab unit id; default: every lab with a posture (with `derive`, also every subject's lab).")
    derive: bool = Field(False, description="Fill each tier's cell from the lab's latest release of that tier in the store (its licence, status and sources) where there is one, and from the lab's posture row where there is not.")


class PostureMatrixSpec(SpecBase):
    """F2: labs as rows; base-tier licence, flagship-tier licence and posture as columns."""

    kind: Literal["posture-matrix"]
    options: PostureMatrixOptions = Field(default_factory=PostureMatrixOptions, description="Options of this kind (see below).")


class Branch(Record):
    """One line of a bifurcation: which releases it holds, and the line and release it parts from."""

    id: Slug = Field(description="Unique within the figure; other lines name it in `parent`.")
    label: ShortText = Field(description="The line's name, written at its right end (or along it, when every later release leaves it for the lines that part from it), e.g. `API-only flagship`.")
    parent: Slug | None = Field(None, description="Id of the line it parts from, listed before it; leave it out for the first line, which holds every release no other line takes.")
    fork: ReleaseId | None = Field(None, description="Id of the release where it parts: the last release it shares with its parent, annotated as a fork point. Needed with `parent`.")
    fork_label: ShortText | None = Field(None, description="Text of this fork's annotation; default `<label> parts: <date>`.")
    families: list[Slug] = Field(default_factory=list, description="Releases of these families after the fork join this line.")
    tiers: list[Tier] = Field(default_factory=list, description="Releases of these tiers after the fork join this line.")
    events: list[LinkedReleaseId] = Field(default_factory=list, description="These releases join this line (when dated after the fork).")


class BifurcationOptions(Record):
    """Options of `bifurcation` (F4)."""

    fork: ReleaseId | None = Field(None, description="Id of the release where the tiers part; annotated as the fork point.")
    fork_label: ShortText | None = Field(None, description="Text of the fork annotation; default `Fork point: <date>`.")
    branches: list[Branch] = Field(default_factory=list, description="Lines that part more than once, in order (instead of `fork`): the first holds every release no other line takes; each later one parts from its `parent` at its `fork` and takes the releases after it that match all of its `families`, `tiers` and `events` given (the last listed line that matches wins). Default: the base and flagship tiers, parting once.")

    @model_validator(mode="after")
    def _branches(self) -> BifurcationOptions:
        if self.branches and (self.fork or self.fork_label):
            raise ValueError("give 'fork' or 'branches', not both (each branch names its own fork)")
        seen: list[str] = []
        for i, branch in enumerate(self.branches):
            if branch.id in seen:
                raise ValueError(f"branches[{i}]: id {branch.id!r} is used twice")
            if i == 0 and (branch.parent or branch.fork):
                raise ValueError(f"branches[0] ({branch.id}) is the first line: it has no 'parent' or 'fork'")
            if i and (branch.parent not in seen or not branch.fork):
                raise ValueError(f"branches[{i}] ({branch.id}) needs a 'parent' listed before it ({', '.join(seen)}) and a 'fork' release")
            seen.append(branch.id)
        return self


class BifurcationSpec(SpecBase):
    """F4: generations along x, licence posture along y, one line per tier."""

    kind: Literal["bifurcation"]
    options: BifurcationOptions = Field(default_factory=BifurcationOptions, description="Options of this kind (see below).")


class LineageOptions(Record):
    """Options of `lineage` (F5)."""

    people: list[PersonId] = Field(default_factory=list, description="People shown in the continuity layer, top to bottom; default: everyone credited.")
    units: list[UnitId] = Field(default_factory=list, description="Units shown in the continuity layer; default: every unit credited.")


class LineageSpec(SpecBase):
    """F5: release boxes joined by descent edges, with people and teams beneath."""

    kind: Literal["lineage"]
    options: LineageOptions = Field(default_factory=LineageOptions, description="Options of this kind (see below).")


class StackedTimelinesOptions(Record):
    """Options of `stacked-timelines` (F7)."""

    lanes: list[AxisName] = Field(default_factory=list, description="Lanes top to bottom, by axis; default: every axis.")


class StackedTimelinesSpec(SpecBase):
    """F7: one lane per axis on a shared time axis, with marker lines across all lanes."""

    kind: Literal["stacked-timelines"]
    options: StackedTimelinesOptions = Field(default_factory=StackedTimelinesOptions, description="Options of this kind (see below).")


class PeopleMovesOptions(Record):
    """Options of `people-moves` (F8)."""

    labs: list[UnitId] = Field(default_factory=list, description="Lanes top to bottom, by unit id of a lab; default: each subject's lab in file order, then the other labs the moves reach.")


class PeopleMovesSpec(SpecBase):
    """F8: people moving between the labs of the series: a lane per lab on one time axis, an arrow per move
    from the lab left to the lab joined. Moves are `moved` events, or a `left` paired with the person's next `joined`."""

    kind: Literal["people-moves"]
    options: PeopleMovesOptions = Field(default_factory=PeopleMovesOptions, description="Options of this kind (see below).")
