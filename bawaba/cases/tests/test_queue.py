"""The kit queue's overdue rule, for a due day (a deadline in working days)
and a due moment (in working hours), and its "due soon" flag."""

import datetime

import pytest

from bawaba.cases.calendar import BAHRAIN
from bawaba.cases.selectors import QueueRow, case_overdue

OPEN = {"open"}


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=BAHRAIN)


@pytest.mark.parametrize(
    ("due", "state", "now", "overdue"),
    [
        (datetime.date(2026, 12, 3), "open", at(2026, 12, 3, 23, 59), False),  # its last day
        (datetime.date(2026, 12, 3), "open", at(2026, 12, 4, 0, 0), True),
        # Midnight in Bahrain is still the evening before in UTC.
        (datetime.date(2026, 12, 3), "open", at(2026, 12, 4, 0, 30).astimezone(datetime.UTC), True),
        (datetime.date(2026, 12, 3), "closed", at(2026, 12, 9, 10), False),  # nothing owed
        (None, "open", at(2026, 12, 9, 10), False),
        (at(2026, 12, 3, 14, 15), "open", at(2026, 12, 3, 14, 15), False),
        (at(2026, 12, 3, 14, 15), "open", at(2026, 12, 3, 14, 16), True),
    ],
)
def test_overdue(due, state, now, overdue):
    assert case_overdue(due, state, now=now, open_states=OPEN) is overdue


@pytest.mark.parametrize(
    ("due", "is_open", "soon"),
    [
        (datetime.date(2026, 12, 3), True, True),  # Thursday: today
        (datetime.date(2026, 12, 6), True, True),  # Sunday, the next working day
        (datetime.date(2026, 12, 7), True, False),
        (datetime.date(2026, 12, 3), False, False),  # nothing owed
        (None, True, False),
    ],
)
def test_due_soon_reads_the_organisations_calendar(db, due, is_open, soon):
    case = type("Case", (), {"organisation_id": None})()
    row = QueueRow(case, due, False, is_open, at(2026, 12, 3, 10))
    assert row.due_soon is soon
