"""The date rules a definition can put on a date question, as pure functions:
not in the past, not in the future, at least some months after another answer.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass


def months_later(day: datetime.date, months: int) -> datetime.date:
    """``day`` plus ``months`` calendar months; a day the later month lacks
    becomes its last day (31 August + 6 months = 28 or 29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class DateRules:
    not_in_past: bool = False
    not_in_future: bool = False
    months_after: int | None = None  # months after ``other``, when it is known


def date_rule_broken(
    day: datetime.date,
    rules: DateRules,
    *,
    today: datetime.date,
    other: datetime.date | None = None,
) -> str | None:
    """The first rule ``day`` breaks ("past", "future", "months_after"), or
    None. Today is neither in the past nor in the future. Without the other
    answer, the rule that needs it is not checked."""
    if rules.not_in_past and day < today:
        return "past"
    if rules.not_in_future and day > today:
        return "future"
    if (
        rules.months_after is not None
        and other is not None
        and day < months_later(other, rules.months_after)
    ):
        return "months_after"
    return None
