"""Working-day arithmetic (e.g. "paid within 10 working days", seed 003).

chinesecalendar knows the official holidays and make-up working days of the years it was
built with (1.11.0: 2004–2026) and raises NotImplementedError for others. For those years
the office keeps its own list: weekends are rest days, plus the holidays it enters, minus
the make-up working days it enters. The office's entries also override chinesecalendar.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import chinese_calendar

from app.rules.errors import ValidationError

_ONE_DAY = dt.timedelta(days=1)


def _library_workday(day: dt.date) -> bool | None:
    """chinesecalendar's answer, or None for a year it does not know."""
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return None


def is_working_day(
    day: dt.date,
    extra_holidays: frozenset[dt.date] = frozenset(),
    extra_workdays: frozenset[dt.date] = frozenset(),
) -> bool:
    if day in extra_workdays:
        return True
    if day in extra_holidays:
        return False
    known = _library_workday(day)
    return day.weekday() < 5 if known is None else known


def add_working_days(
    start: dt.date,
    n: int,
    extra_holidays: frozenset[dt.date] = frozenset(),
    extra_workdays: frozenset[dt.date] = frozenset(),
) -> dt.date:
    """The n-th working day after ``start`` (``start`` itself not counted); n < 0 goes back."""
    step = _ONE_DAY if n >= 0 else -_ONE_DAY
    day = start
    left = abs(n)
    while left:
        day += step
        if is_working_day(day, extra_holidays, extra_workdays):
            left -= 1
    return day


def parse_holiday_list(lines: Iterable[str]) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    """Read the office's list: one date a line, ``YYYY-MM-DD [说明]`` is a holiday,
    ``YYYY-MM-DD 上班 [说明]`` a make-up working day; ``#`` starts a comment.

    Returns (holidays, workdays).
    """
    holidays: set[dt.date] = set()
    workdays: set[dt.date] = set()
    for number, line in enumerate(lines, start=1):
        text = line.split("#", 1)[0].strip()
        if not text:
            continue
        first, _, rest = text.partition(" ")
        try:
            day = dt.date.fromisoformat(first)
        except ValueError as exc:
            raise ValidationError(f"节假日表第 {number} 行：“{first}”不是 YYYY-MM-DD 日期") from exc
        (workdays if rest.strip().startswith("上班") else holidays).add(day)
    return frozenset(holidays), frozenset(workdays)
