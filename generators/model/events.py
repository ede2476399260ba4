"""Records of the event store: plain dicts in (via pydantic), frozen typed records out.

Each class is one kind of entry in `data/events.yaml`; the docstring under each field is the
documentation an editor reads on the reference page and in the JSON Schema.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field, model_validator

from generators.model.axes import AXES
from generators.model.dates import DateField, DateFormatError, parse_date
from generators.model.fields import (
    ChangeKind,
    DescentKind,
    MoveKind,
    Posture,
    Record,
    ShortText,
    Slug,
    Status,
    Text,
    Tier,
    UnitKind,
    Url,
)
from generators.model.references import LicenceId, LinkedReleaseId, PersonId, SourceId, SubjectId, UnitId


def _check_axis(value: str) -> str:
    if value not in AXES:
        raise ValueError(f"unknown axis '{value}'; expected one of: {', '.join(AXES)}")
    return value


AxisName = Annotated[str, AfterValidator(_check_axis), Field(json_schema_extra={"enum": list(AXES)})]


class Source(Record):
    """A publication that reports facts; defined once, cited by id from events."""

    id: Slug = Field(description="Unique slug other records cite, e.g. `scmp-2026-03-task-force`.")
    outlet: ShortText = Field(description="Who published it: a newspaper, a lab's blog, a person's account on X.")
    title: Text = Field(description="The headline or title as published.")
    url: Url | None = Field(None, description="Link to it; only http:// and https:// are accepted.")
    published: DateField | None = Field(None, description="When it was published, to the precision known.")
    primary: bool = Field(False, description="True for a first-hand source: the lab's own paper, blog, model card or the person's own post.")
    names: list[ShortText] = Field(default_factory=list, description="How texts in the store name it besides its id and outlet, e.g. `the reprinted 4 Mar 2026 piece`; a record whose text uses one must cite it.")
    note: Text | None = Field(None, description="What the citing articles disagree on about it (its wording, its date), in our own words.")


class Person(Record):
    """Someone who appears in events: an author, a lead, an executive."""

    id: Slug = Field(description="Unique slug, e.g. `lin-junyang`.")
    name: ShortText = Field(description="The name as most sources write it.")
    aliases: list[ShortText] = Field(default_factory=list, description="Other spellings seen in sources (name order, romanisation, nicknames).")
    summary: Text | None = Field(None, description="One line on who they are.")


class Unit(Record):
    """An organisational unit: a company, a lab, a team, a task force, a business group, a brand."""

    id: Slug = Field(description="Unique slug, e.g. `tongyi-lab`.")
    name: ShortText = Field(description="The unit's name.")
    kind: UnitKind = Field(description="What sort of unit it is.")
    aliases: list[ShortText] = Field(default_factory=list, description="Other names seen in sources.")
    parent: UnitId | None = Field(None, description="The unit it belongs to when no dated event says otherwise.")
    summary: Text | None = Field(None, description="One line on what it is.")


class Licence(Record):
    """A licence or release mode a model can ship under, with the posture it stands for."""

    id: Slug = Field(description="Unique slug, e.g. `apache-2.0`.")
    name: ShortText = Field(description="Display name, e.g. `Apache 2.0`.")
    posture: Posture = Field(description="permissive (open weights, open licence), restricted (open weights with conditions), paper (method published, no weights), closed (API or product only), unknown (not disclosed).")
    url: Url | None = Field(None, description="The licence text.")


class Subject(Record):
    """A subject the site profiles: one page, its figures and its events."""

    id: Slug = Field(description="Unique slug used by events' `subject`, e.g. `qwen`.")
    name: ShortText = Field(description="Display name, e.g. `Alibaba Qwen`.")
    lab: UnitId | None = Field(None, description="The unit (usually a company) the subject belongs to.")
    summary: Text | None = Field(None, description="One paragraph shown on the home page.")


class Descent(Record):
    """A typed edge from a release to one it descends from."""

    release: LinkedReleaseId = Field(description="Id of the earlier release event.")
    kind: DescentKind = Field(description="successor (next generation), upgrade (improved version of the same generation), variant (a sibling built from it).")


class Credit(Record):
    """A person or unit behind a release, and the role they played."""

    person: PersonId | None = Field(None, description="Id of a person (give `person` or `unit`, not both).")
    unit: UnitId | None = Field(None, description="Id of a unit (give `person` or `unit`, not both).")
    role: ShortText = Field(description="Their role, e.g. `lead author`, `senior author`, `post-training`, `team`.")

    @model_validator(mode="after")
    def _one_of(self) -> Credit:
        if (self.person is None) == (self.unit is None):
            raise ValueError("give exactly one of 'person' or 'unit'")
        return self


class Release(Record):
    """Details of a model release; only on events with axis `model`."""

    family: Slug = Field(description="The line it belongs to, e.g. `qwen-omni`.")
    generation: ShortText = Field(description="Generation within the line as written, e.g. `2.5`.")
    tier: Tier = Field(description="base (the open foundation tier) or flagship (the frontier tier).")
    licence: LicenceId = Field(description="Id of a licence in `licences`.")
    motif: ShortText | None = Field(None, description="One line on the architecture, e.g. `Thinker-Talker + TMRoPE`.")
    size: ShortText | None = Field(None, description="Parameter count where known, e.g. `30B MoE, 3B active`.")
    descends_from: list[Descent] = Field(default_factory=list, description="Earlier releases it builds on.")
    credits: list[Credit] = Field(default_factory=list, description="People and units behind it.")


class Move(Record):
    """A person's move; only on events with axis `org`."""

    person: PersonId = Field(description="Id of the person.")
    kind: MoveKind = Field(description="joined, left, moved (from one unit to another), appointed, promoted.")
    from_unit: UnitId | None = Field(None, alias="from", description="Unit they left.")
    to_unit: UnitId | None = Field(None, alias="to", description="Unit they joined or were appointed in.")
    role: ShortText | None = Field(None, description="Their role, e.g. `technical lead`.")


class Change(Record):
    """A change to the organisation; only on events with axis `structure`."""

    kind: ChangeKind = Field(description="created, merged, split, renamed, placed-under, dissolved, consolidated.")
    unit: UnitId = Field(description="Id of the unit that changed (for `created`, the new unit).")
    parent: UnitId | None = Field(None, description="The unit it now sits under.")
    into: list[UnitId] = Field(default_factory=list, description="For `split`: the units it became; for `merged`/`consolidated`: the unit absorbing it.")
    new_name: ShortText | None = Field(None, description="For `renamed`: the new name.")


ALTERNATIVE_FIELDS = ("date", "title", "summary", "release.licence", "release.tier", "release.size",
                      "move.kind", "move.from", "move.to", "move.role", "move.person", "change.kind", "change.unit")


class Alternative(Record):
    """Another claim some sources make about one field of the event; it travels with the event."""

    field: str = Field(description=f"The field the claim is about: one of {', '.join(ALTERNATIVE_FIELDS)}.",
                       json_schema_extra={"enum": list(ALTERNATIVE_FIELDS)})
    value: ShortText = Field(description="The value those sources give (for `date`, a date in the usual forms).")
    sources: list[SourceId] = Field(min_length=1, description="Ids of the sources that make this claim.")
    note: Text | None = Field(None, description="Why the claims differ, if known.")

    @model_validator(mode="after")
    def _value_fits(self) -> Alternative:
        if self.field not in ALTERNATIVE_FIELDS:
            raise ValueError(f"unknown alternative field '{self.field}'; expected one of: {', '.join(ALTERNATIVE_FIELDS)}")
        if self.field == "date":
            try:
                parse_date(self.value)
            except DateFormatError as exc:
                raise ValueError(f"value: {exc}") from None
        return self

    @property
    def date_label(self) -> str:
        return parse_date(self.value).label() if self.field == "date" else self.value


class Event(Record):
    """One dated fact: a release, a move or an organisational change."""

    id: Slug = Field(description="Unique slug, e.g. `qwen3-omni`; used in links and figure specs.")
    subject: SubjectId = Field(description="Id of the subject it belongs to.")
    axis: AxisName = Field(description="Which timeline it lies on: " + ", ".join(f"`{a.name}` ({a.description.lower()})" for a in AXES.values()) + ".")
    date: DateField = Field(description="When it happened, to the precision the sources support; never more precise.")
    title: ShortText = Field(description="Short name as a reader would say it, e.g. `Qwen3-Omni` or `Lin Junyang steps down`.")
    label: ShortText | None = Field(None, description="Shorter label for crowded figures, e.g. `Omni-Flash`.")
    status: Status = Field(description="confirmed, reported (press only), pending (awaiting primary confirmation), source-needed.")
    sources: list[SourceId] = Field(default_factory=list, description="Ids of the sources for the main claim; at least one unless status is `source-needed`.")
    summary: Text | None = Field(None, description="One or two sentences of context.")
    tags: list[Slug] = Field(default_factory=list, description="Free tags for selecting events in figures, e.g. `audio`.")
    release: Release | None = Field(None, description="Release details; for axis `model`.")
    move: Move | None = Field(None, description="Who moved where; for axis `org`.")
    change: Change | None = Field(None, description="What changed in the organisation; for axis `structure`.")
    alternatives: list[Alternative] = Field(default_factory=list, description="Claims from other sources that disagree with the main value.")

    @property
    def short(self) -> str:
        return self.label or self.title

    @property
    def licence(self) -> str | None:
        return self.release.licence if self.release else None


class TierLicence(Record):
    """What one tier of a lab ships under, as of the posture's date."""

    model: ShortText | None = Field(None, description="The model named for this tier, e.g. `Qwen3-Omni`.")
    release: LinkedReleaseId | None = Field(None, description="Id of the release event, when the store has it.")
    licence: LicenceId | None = Field(None, description="Id of the licence; leave out when unknown and set status to `source-needed`.")
    note: ShortText | None = Field(None, description="Qualifier shown in the cell, e.g. `with carve-outs`.")
    status: Status | None = Field(None, description="Overrides the posture's status for this cell.")


class LabPosture(Record):
    """A lab's licensing posture at a date: its base-tier and flagship-tier licences."""

    lab: UnitId = Field(description="Id of the lab's unit (kind `company` or `lab`).")
    as_of: DateField = Field(description="When this posture was observed.")
    label: ShortText = Field(description="The posture in words, e.g. `Open-base, closed-frontier`.")
    base: TierLicence = Field(description="The base tier.")
    flagship: TierLicence = Field(description="The flagship tier.")
    status: Status = Field(description="How sure we are of the row as a whole.")
    sources: list[SourceId] = Field(default_factory=list, description="Ids of the sources for this row.")
