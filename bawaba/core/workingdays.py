"""The government's working-day calendar: Sunday to Thursday, without
Bahrain's public holidays, in Asia/Bahrain.

Public holidays come from the ``holidays`` package (Islamic holidays by its
calculated dates; the official dates, announced shortly before, can differ by
a day). ``extra_holidays`` lets callers add declared days off.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from functools import cache

import holidays

# datetime.weekday(): Monday is 0; the weekend in Bahrain is Friday and Saturday.
WEEKEND = frozenset({4, 5})


@cache
def _public_holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("BH", years=year))


def is_working_day(day: datetime.date, extra_holidays: Iterable[datetime.date] = ()) -> bool:
    return (
        day.weekday() not in WEEKEND
        and day not in _public_holidays(day.year)
        and day not in set(extra_holidays)
    )


def add_working_days(
    start: datetime.date, days: int, extra_holidays: Iterable[datetime.date] = ()
) -> datetime.date:
    """The date ``days`` working days after ``start`` (``start`` itself not
    counted). Zero days gives ``start`` itself when it is a working day, else
    the next working day."""
    extra = frozenset(extra_holidays)
    day = start
    if days == 0:
        while not is_working_day(day, extra):
            day += datetime.timedelta(days=1)
        return day
    remaining = days
    while remaining:
        day += datetime.timedelta(days=1)
        if is_working_day(day, extra):
            remaining -= 1
    return day


def working_days_between(
    start: datetime.date, end: datetime.date, extra_holidays: Iterable[datetime.date] = ()
) -> int:
    """Working days after ``start`` up to and including ``end`` (0 if end ≤ start)."""
    extra = frozenset(extra_holidays)
    count = 0
    day = start
    while day < end:
        day += datetime.timedelta(days=1)
        if is_working_day(day, extra):
            count += 1
    return count
