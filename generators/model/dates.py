"""Dates that keep their precision: text as an editor writes it in, an interval and a human label out.

Accepted forms: `2025-09-26` (day), `2026-01` (month), `2025-Q4` (quarter), `2025-H2` (half),
`2014` (year), `early 2026-03` / `early March 2026` / `late 2022` (qualified month or year),
and ranges of any two of these joined by `..` (`2025-12..2026-03`).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema

from generators.model.fields import shown

Precision = Literal["day", "month", "quarter", "half", "year"]
Qualifier = Literal["early", "mid", "late"]

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_ABBR = [""] + [calendar.month_abbr[i] for i in range(1, 13)]

# ASCII digits only: `\d` would also take Arabic-Indic or full-width digits.
_DAY = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
_MONTH = re.compile(r"^([0-9]{4})-([0-9]{2})$")
_QUARTER = re.compile(r"^([0-9]{4})-Q([1-4])$")
_HALF = re.compile(r"^([0-9]{4})-H([12])$")
_YEAR = re.compile(r"^([0-9]{4})$")
_WORD_MONTH = re.compile(r"^([A-Za-z]+)\.? ([0-9]{4})$")
_WORD_DAY = re.compile(r"^([0-9]{1,2}) ([A-Za-z]+)\.? ([0-9]{4})$")

PATTERN_HELP = "use YYYY-MM-DD, YYYY-MM, YYYY-Q1..Q4, YYYY-H1/H2, YYYY, 'early|mid|late' + a month or year, or START..END"


class DateFormatError(ValueError):
    """A date string that is malformed or impossible; the message says what would be right."""


@dataclass(frozen=True)
class PartialDate:
    """A point in time known to some precision; `start`..`end` is the interval it covers (inclusive)."""

    text: str
    precision: Precision
    start: date
    end: date
    qualifier: Qualifier | None = None

    def label(self) -> str:
        """The date as a person would write it: '4 Mar 2026', 'Jan 2026', 'Q4 2025', 'early Mar 2026'."""
        s = self.start
        if self.qualifier:
            base = f"{_ABBR[s.month]} {s.year}" if self.precision == "month" else str(s.year)
            return f"{self.qualifier} {base}"
        if self.precision == "day":
            return f"{s.day} {_ABBR[s.month]} {s.year}"
        if self.precision == "month":
            return f"{_ABBR[s.month]} {s.year}"
        if self.precision == "quarter":
            return f"Q{(s.month - 1) // 3 + 1} {s.year}"
        if self.precision == "half":
            return f"H{1 if s.month <= 6 else 2} {s.year}"
        return str(s.year)

    @property
    def midpoint(self) -> date:
        return date.fromordinal((self.start.toordinal() + self.end.toordinal()) // 2)


@dataclass(frozen=True)
class DateSpec:
    """A date as written: one PartialDate, or a range of two. Figures place it by `start`/`end`/`midpoint`."""

    text: str
    first: PartialDate
    last: PartialDate | None = None

    @property
    def start(self) -> date:
        return self.first.start

    @property
    def end(self) -> date:
        return (self.last or self.first).end

    @property
    def is_range(self) -> bool:
        return self.last is not None

    @property
    def precision(self) -> Precision:
        return self.first.precision if self.last is None else "day" if self.first.precision == "day" == self.last.precision else "month"

    @property
    def exact(self) -> bool:
        """True only for a single day: anything else must be drawn as a span or marked approximate."""
        return self.last is None and self.first.precision == "day" and self.first.qualifier is None

    @property
    def midpoint(self) -> date:
        return date.fromordinal((self.start.toordinal() + self.end.toordinal()) // 2)

    def label(self) -> str:
        if self.last is None:
            return self.first.label()
        return f"{self.first.label()} – {self.last.label()}"

    def __str__(self) -> str:
        return self.text


def parse_partial(text: str) -> PartialDate:
    """Parse one date (not a range); raise DateFormatError with a message fit for an editor."""
    raw = " ".join(text.split())
    qualifier: Qualifier | None = None
    head, _, rest = raw.partition(" ")
    if head.lower() in ("early", "mid", "late") and rest:
        qualifier = head.lower()  # type: ignore[assignment]
        raw = rest
    point = _parse_plain(raw, text)
    if qualifier is None:
        return point
    if point.precision not in ("month", "year"):
        raise DateFormatError(f"'{qualifier}' qualifies a month or a year, not {shown(raw)}")
    start, end = _qualified_interval(point, qualifier)
    return PartialDate(text, point.precision, start, end, qualifier)


def _parse_plain(raw: str, original: str) -> PartialDate:
    if m := _DAY.match(raw):
        y, mo, d = map(int, m.groups())
        day = _make_date(y, mo, d, original)
        return PartialDate(original, "day", day, day)
    if m := _WORD_DAY.match(raw):
        day_text, name, year_text = m.groups()
        day = _make_date(int(year_text), _month_number(name, original), int(day_text), original)
        return PartialDate(original, "day", day, day)
    if m := _MONTH.match(raw):
        return _month(int(m.group(1)), int(m.group(2)), original)
    if m := _WORD_MONTH.match(raw):
        return _month(int(m.group(2)), _month_number(m.group(1), original), original)
    if m := _QUARTER.match(raw):
        y, q = int(m.group(1)), int(m.group(2))
        _check_year(y, original)
        return PartialDate(original, "quarter", date(y, 3 * q - 2, 1), _month_end(y, 3 * q))
    if m := _HALF.match(raw):
        y, h = int(m.group(1)), int(m.group(2))
        _check_year(y, original)
        return PartialDate(original, "half", date(y, 6 * h - 5, 1), _month_end(y, 6 * h))
    if m := _YEAR.match(raw):
        y = int(m.group(1))
        _check_year(y, original)
        return PartialDate(original, "year", date(y, 1, 1), date(y, 12, 31))
    raise DateFormatError(f"{shown(original)} is not a date; {PATTERN_HELP}")


def _month(year: int, month: int, original: str) -> PartialDate:
    _check_year(year, original)
    if not 1 <= month <= 12:
        raise DateFormatError(f"{shown(original)} has month {month}; months run from 01 to 12")
    return PartialDate(original, "month", date(year, month, 1), _month_end(year, month))


def _make_date(year: int, month: int, day: int, original: str) -> date:
    _check_year(year, original)
    if not 1 <= month <= 12:
        raise DateFormatError(f"{shown(original)} has month {month}; months run from 01 to 12")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise DateFormatError(f"{shown(original)} does not exist: {calendar.month_name[month]} {year} has {last} days")
    return date(year, month, day)


def _check_year(year: int, original: str) -> None:
    if not 1900 <= year <= 2200:
        raise DateFormatError(f"{shown(original)} has year {year}; expected a year between 1900 and 2200")


def _month_number(name: str, original: str) -> int:
    number = MONTHS.get(name.lower())
    if number is None:
        raise DateFormatError(f"{shown(original)}: {shown(name)} is not a month name")
    return number


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _qualified_interval(point: PartialDate, qualifier: Qualifier) -> tuple[date, date]:
    y, m = point.start.year, point.start.month
    if point.precision == "month":
        bounds = {"early": (1, 10), "mid": (11, 20), "late": (21, point.end.day)}[qualifier]
        return date(y, m, bounds[0]), date(y, m, bounds[1])
    months = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}[qualifier]
    return date(y, months[0], 1), _month_end(y, months[1])


def parse_date(value: Any) -> DateSpec:
    """Parse a date or a `START..END` range; the end must not come before the start."""
    if isinstance(value, DateSpec):
        return value
    if not isinstance(value, str):
        kind = {"dict": "a mapping", "list": "a list", "NoneType": "nothing"}.get(type(value).__name__, type(value).__name__)
        raise DateFormatError(f"expected a date as text, got {kind}; {PATTERN_HELP}")
    text = value.strip()
    if ".." not in text:
        return DateSpec(text, parse_partial(text))
    left, _, right = text.partition("..")
    if not left.strip() or not right.strip():
        raise DateFormatError(f"{shown(text)} is an open range; write both ends as START..END")
    first, last = parse_partial(left.strip()), parse_partial(right.strip())
    if last.end < first.start:
        raise DateFormatError(f"range {shown(text)} ends before it starts")
    return DateSpec(text, first, last)


def _validate(value: Any) -> DateSpec:
    try:
        return parse_date(value)
    except DateFormatError as exc:
        raise ValueError(str(exc)) from None


DateField = Annotated[
    DateSpec,
    BeforeValidator(_validate),
    PlainSerializer(lambda d: d.text, return_type=str),
    WithJsonSchema({
        "type": "string",
        "description": "A date with its precision: YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY-Hn, YYYY, "
                       "'early|mid|late' + month or year, or START..END",
        "examples": ["2025-09-26", "2026-01", "2025-Q4", "early 2026-03", "2025-12..2026-03"],
    }),
]
