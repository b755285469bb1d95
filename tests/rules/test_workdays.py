"""Working days: chinesecalendar where it knows the year, the office's list elsewhere."""

from __future__ import annotations

import datetime as dt

import pytest

from app.rules.errors import ValidationError
from app.rules.workdays import add_working_days, is_working_day, parse_holiday_list

D = dt.date


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (D(2024, 9, 30), 1, D(2024, 10, 8)),  # National Day week
        (D(2024, 9, 27), 1, D(2024, 9, 29)),  # Sunday 29 September 2024 was a make-up working day
        (D(2024, 10, 8), -1, D(2024, 9, 30)),
        (D(2024, 5, 6), 0, D(2024, 5, 6)),
        (D(2027, 1, 1), 1, D(2027, 1, 4)),  # 2027: weekends only (library does not know it)
        (D(2027, 1, 4), 10, D(2027, 1, 18)),
    ],
)
def test_add_working_days(start: dt.date, n: int, expected: dt.date) -> None:
    assert add_working_days(start, n) == expected


def test_office_list_for_unknown_years_and_overrides() -> None:
    holidays, workdays = parse_holiday_list(
        ["# 2027 年节假日", "2027-02-05 春节", "2027-02-06 上班 春节调休", "", "2024-10-08"]
    )
    assert holidays == {D(2027, 2, 5), D(2024, 10, 8)}
    assert workdays == {D(2027, 2, 6)}
    assert add_working_days(D(2027, 2, 4), 1, holidays, workdays) == D(2027, 2, 6)
    assert not is_working_day(D(2024, 10, 8), holidays)
    assert is_working_day(D(2027, 2, 6), workdays, workdays)


def test_bad_holiday_line() -> None:
    with pytest.raises(ValidationError, match="第 2 行"):
        parse_holiday_list(["2027-01-01", "明天"])
