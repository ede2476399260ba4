"""Measurements: dated, sourced numbers (downloads, users, money) as plain dicts in, frozen records out.

A measurement is one value of one metric at one date or over one period, with its status and
sources like an event, and `alternatives` for the values other sources give. Pages show numbers
only from these records, so a figure typed into a page cannot drift from the data.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from generators.model.dates import DateField
from generators.model.fields import Record, ShortText, Slug, Status, Text
from generators.model.references import EntityId, SourceId, SubjectId

Bound = Literal["exactly", "about", "more-than", "at-least", "less-than", "up-to"]
BOUND_WORDS: dict[str, str] = {"exactly": "", "about": "about ", "more-than": "more than ", "at-least": "at least ",
                               "less-than": "less than ", "up-to": "up to "}
SCALES: dict[str, int] = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
# `1000000000`, `1,000,000,000`, `153.6 million`, `3.2`: digits as an editor reads them aloud.
_NUMBER = re.compile(r"^([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(\.[0-9]+)?(?: (thousand|million|billion|trillion))?$")


NUMBER_PATTERN = _NUMBER.pattern


def parse_number(text: str) -> Decimal:
    """The value of a number as written; ValueError with the accepted forms otherwise."""
    match = _NUMBER.match(text.strip())
    if not match:
        raise ValueError(f"'{text}' is not a number; write digits (1000000, 1,000,000, 153.6) "
                         "optionally followed by thousand, million, billion or trillion")
    whole, fraction, scale = match.groups()
    return Decimal(whole.replace(",", "") + (fraction or "")) * SCALES.get(scale or "", 1)


def _check_number(value: str) -> str:
    parse_number(value)
    return value


Number = Annotated[str, AfterValidator(_check_number),
                   Field(json_schema_extra={"pattern": _NUMBER.pattern, "examples": ["1 billion", "200,000", "153.6 million", "3.2"]})]


class MeasurementAlternative(Record):
    """Another value some sources give for the same metric, possibly for another date or period."""

    value: Number | None = Field(None, description="The number those sources give, e.g. `600 million`; leave out when they give only words (then set `wording`).")
    wording: ShortText | None = Field(None, description="The sources' own words when they give no figure, e.g. `dozens`; shown instead of the number.")
    bound: Bound = Field("exactly", description="How the number is qualified: exactly, about, more-than, at-least, less-than, up-to.")
    date: DateField | None = Field(None, description="The date or period this value refers to, when it is not the main one's.")
    sources: list[SourceId] = Field(min_length=1, description="Ids of the sources that give this value.")
    note: Text | None = Field(None, description="Why the values differ, if known.")

    @model_validator(mode="after")
    def _has_value(self) -> MeasurementAlternative:
        if self.value is None and self.wording is None:
            raise ValueError("give a `value` or, when the sources give no figure, their `wording`")
        return self

    def shown(self, unit: str) -> str:
        return self.wording if self.wording else f"{BOUND_WORDS[self.bound]}{self.value} {unit}"


class Measurement(Record):
    """A dated, sourced number: one metric's value at a date or over a period."""

    id: Slug = Field(description="Unique slug, e.g. `qwen-cumulative-downloads`.")
    subject: SubjectId = Field(description="Id of the subject it belongs to.")
    metric: ShortText = Field(description="What is counted, in a reader's words, e.g. `Cumulative downloads of Qwen models`.")
    value: Number = Field(description="The number as the main sources give it: digits, optionally with thousand, million, billion or trillion.")
    bound: Bound = Field("exactly", description="How the number is qualified: exactly, about, more-than, at-least, less-than, up-to.")
    unit: ShortText = Field(description="What the number counts or is measured in, e.g. `downloads`, `US dollars`, `points`.")
    date: DateField = Field(description="The date or period the value refers to (a month for a monthly figure, a range for a count over a span); for a forecast, when it was made.")
    status: Status = Field(description="confirmed, reported (press only), pending (awaiting primary confirmation), source-needed.")
    sources: list[SourceId] = Field(default_factory=list, description="Ids of the sources for the main value; at least one unless status is `source-needed`.")
    about: list[EntityId] = Field(default_factory=list, description="Ids of the units, people or events the number describes; it is shown on their pages.")
    summary: Text | None = Field(None, description="One or two sentences of context: where the number comes from, what it covers.")
    alternatives: list[MeasurementAlternative] = Field(default_factory=list, description="Values other sources give for the same metric.")

    @property
    def number(self) -> Decimal:
        return parse_number(self.value)

    def shown(self) -> str:
        """The value as a reader sees it: 'more than 1 billion downloads'."""
        return f"{BOUND_WORDS[self.bound]}{self.value} {self.unit}"

    def same_claim(self, alt: MeasurementAlternative) -> bool:
        """An alternative that says what the main value says (same number, bound and date) is no alternative."""
        same_date = alt.date is None or alt.date.text.strip() == self.date.text.strip()
        return (alt.wording is None and alt.value is not None and parse_number(alt.value) == self.number
                and alt.bound == self.bound and same_date)

    def texts(self) -> list[tuple[tuple[str | int, ...], str]]:
        """Every free text, with where it sits: the rules look in them for sources named but not cited."""
        out: list[tuple[tuple[str | int, ...], str]] = [(("metric",), self.metric)]
        if self.summary:
            out.append((("summary",), self.summary))
        out += [(("alternatives", i, "note"), a.note) for i, a in enumerate(self.alternatives) if a.note]
        return out
