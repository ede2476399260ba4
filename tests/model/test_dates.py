"""The date model: precision, the interval a date covers, and how it prints."""

from __future__ import annotations

import calendar
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generators.model.dates import DateFormatError, parse_date


@pytest.mark.parametrize(("text", "precision", "start", "end", "label"), [
    ("2025-09-26", "day", date(2025, 9, 26), date(2025, 9, 26), "26 Sep 2025"),
    ("2026-01", "month", date(2026, 1, 1), date(2026, 1, 31), "Jan 2026"),
    ("2025-Q4", "quarter", date(2025, 10, 1), date(2025, 12, 31), "Q4 2025"),
    ("2014", "year", date(2014, 1, 1), date(2014, 12, 31), "2014"),
    ("early March 2026", "month", date(2026, 3, 1), date(2026, 3, 10), "early Mar 2026"),
    ("early 2026-03", "month", date(2026, 3, 1), date(2026, 3, 10), "early Mar 2026"),
    ("late 2022", "year", date(2022, 9, 1), date(2022, 12, 31), "late 2022"),
    ("2024-02", "month", date(2024, 2, 1), date(2024, 2, 29), "Feb 2024"),
])
def test_dates_keep_precision_interval_and_label(text: str, precision: str, start: date, end: date, label: str) -> None:
    parsed = parse_date(text)
    assert (parsed.precision, parsed.start, parsed.end, parsed.label()) == (precision, start, end, label)


def test_range_covers_both_ends() -> None:
    parsed = parse_date("2025-12..2026-03")
    assert (parsed.start, parsed.end, parsed.label()) == (date(2025, 12, 1), date(2026, 3, 31), "Dec 2025 – Mar 2026")
    assert not parsed.exact


@pytest.mark.parametrize(("text", "message"), [
    ("2026-02-30", "'2026-02-30' does not exist: February 2026 has 28 days"),
    ("2026-13", "'2026-13' has month 13; months run from 01 to 12"),
    ("2026-03..2025-12", "range '2026-03..2025-12' ends before it starts"),
    ("..2026", "'..2026' is an open range; write both ends as START..END"),
    ("mid 2026-03-03", "'mid' qualifies a month or a year, not '2026-03-03'"),
])
def test_bad_dates_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(DateFormatError) as caught:
        parse_date(text)
    assert str(caught.value) == message


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_any_day_round_trips(day: date) -> None:
    parsed = parse_date(day.isoformat())
    assert parsed.start == parsed.end == day and parsed.exact
    assert parse_date(parsed.label()).start == day


@given(st.integers(1900, 2200), st.integers(1, 12), st.sampled_from(["early", "mid", "late"]))
def test_qualified_months_stay_inside_their_month(year: int, month: int, qualifier: str) -> None:
    parsed = parse_date(f"{qualifier} {year}-{month:02d}")
    whole = parse_date(f"{year}-{month:02d}")
    assert whole.start <= parsed.start <= parsed.end <= whole.end
    assert parsed.label() == f"{qualifier} {calendar.month_abbr[month]} {year}"


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)),
       st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_ranges_accept_ordered_ends_and_reject_reversed(a: date, b: date) -> None:
    lo, hi = sorted((a, b))
    assert parse_date(f"{lo}..{hi}").end == hi
    if lo < hi:
        with pytest.raises(DateFormatError):
            parse_date(f"{hi}..{lo}")
