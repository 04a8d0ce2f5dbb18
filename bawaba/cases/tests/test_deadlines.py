"""The deadline maths, as tables of cases, on the calculated calendar of
2025–2027 (the one the migration writes into the tables)."""

import dataclasses
import datetime

import pytest

from bawaba.cases.calendar import BAHRAIN, WorkingCalendar
from bawaba.cases.deadlines import (
    add_working_days,
    add_working_time,
    due_date,
    due_moment,
    is_due_soon,
    is_overdue,
    next_working_moment,
    resumed_due_date,
    resumed_due_moment,
    working_days_between,
    working_time_between,
)
from bawaba.cases.seed import public_holidays, ramadan_periods

D = datetime.date
YEARS = range(2025, 2028)
CALENDAR = WorkingCalendar(
    days_off=frozenset(holiday.day for holiday in public_holidays(YEARS)),
    ramadan=tuple(ramadan_periods(YEARS)),
)


def at(year, month, day, hour=0, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=BAHRAIN)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2026, 11, 29), True),  # Sunday
        (D(2026, 12, 3), True),  # Thursday
        (D(2026, 12, 4), False),  # Friday
        (D(2026, 12, 5), False),  # Saturday
        (D(2026, 12, 16), False),  # National Day
        (D(2026, 12, 17), False),  # National Day
        (D(2026, 3, 22), False),  # Eid al-Fitr (a Sunday)
        (D(2026, 5, 26), False),  # Arafat Day (a Tuesday), which the package lacks
        (D(2026, 5, 27), False),  # Eid al-Adha
        (D(2026, 1, 1), False),  # New Year's Day (a Thursday)
        (D(2026, 3, 1), True),  # a Sunday in Ramadan
    ],
)
def test_working_days_are_sunday_to_thursday_without_public_holidays(day, working):
    assert CALENDAR.is_working_day(day) is working


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (D(2026, 11, 29), 1, D(2026, 11, 30)),  # Sunday → Monday
        (D(2026, 12, 3), 1, D(2026, 12, 6)),  # Thursday → Sunday, over the weekend
        (D(2026, 12, 14), 3, D(2026, 12, 21)),  # over National Day and the weekend
        (D(2026, 12, 4), 0, D(2026, 12, 6)),  # Friday, zero days → next working day
        (D(2026, 11, 29), 0, D(2026, 11, 29)),
        (D(2026, 11, 29), 5, D(2026, 12, 6)),
        (D(2026, 5, 25), 1, D(2026, 5, 31)),  # over Arafat Day, Eid al-Adha and the weekend
        (D(2026, 3, 19), 1, D(2026, 3, 23)),  # over Eid al-Fitr (Friday to Sunday)
    ],
)
def test_adding_working_days(start, days, expected):
    assert add_working_days(CALENDAR, start, days) == expected


def test_declared_days_off_count_as_holidays():
    declared = dataclasses.replace(CALENDAR, days_off=CALENDAR.days_off | {D(2026, 11, 30)})
    assert add_working_days(declared, D(2026, 11, 29), 1) == D(2026, 12, 1)
    assert not declared.is_working_day(D(2026, 11, 30))


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (D(2026, 11, 29), D(2026, 11, 29), 0),
        (D(2026, 11, 29), D(2026, 12, 6), 5),
        (D(2026, 12, 3), D(2026, 12, 5), 0),  # Thursday to Saturday
        (D(2026, 12, 10), D(2026, 12, 1), 0),
        (D(2026, 12, 15), D(2026, 12, 20), 1),  # over National Day: only the Sunday
    ],
)
def test_counting_working_days_between_two_dates(start, end, expected):
    assert working_days_between(CALENDAR, start, end) == expected


@pytest.mark.parametrize(
    ("received", "days", "due"),
    [
        # The day it arrives is not counted, so the hour does not matter.
        (at(2026, 12, 3, 14, 14), 1, D(2026, 12, 6)),  # Thursday, a minute before closing
        (at(2026, 12, 3, 14, 16), 1, D(2026, 12, 6)),  # Thursday, a minute after
        (at(2026, 12, 4, 10), 1, D(2026, 12, 6)),  # Friday
        (at(2026, 12, 15, 14, 16), 1, D(2026, 12, 20)),  # eve of National Day
        (at(2026, 12, 15, 10), 3, D(2026, 12, 22)),
        (at(2026, 5, 25, 10), 3, D(2026, 6, 2)),  # eve of Arafat Day and Eid al-Adha
        (at(2026, 3, 19, 10), 2, D(2026, 3, 24)),  # last day of Ramadan, then Eid al-Fitr
        # 21:30 UTC on Wednesday is already Thursday in Bahrain.
        (datetime.datetime(2026, 12, 2, 21, 30, tzinfo=datetime.UTC), 1, D(2026, 12, 6)),
    ],
)
def test_due_date_in_working_days(received, days, due):
    assert due_date(CALENDAR, received, days) == due


@pytest.mark.parametrize(
    ("moment", "next_moment"),
    [
        (at(2026, 12, 3, 14, 14), at(2026, 12, 3, 14, 14)),  # Thursday, still open
        (at(2026, 12, 3, 14, 15), at(2026, 12, 6, 7)),  # closing time is after hours
        (at(2026, 12, 3, 14, 16), at(2026, 12, 6, 7)),
        (at(2026, 12, 4, 10), at(2026, 12, 6, 7)),  # Friday
        (at(2026, 11, 29, 6, 59), at(2026, 11, 29, 7)),  # Sunday before opening
        (at(2026, 12, 15, 15), at(2026, 12, 20, 7)),  # eve of National Day
        (at(2026, 5, 25, 15), at(2026, 5, 31, 7)),  # eve of Arafat Day
        (at(2026, 3, 1, 7, 30), at(2026, 3, 1, 8)),  # Ramadan opens at eight
        (at(2026, 3, 19, 14), at(2026, 3, 23, 7)),  # Ramadan closes at two; after Eid, seven
    ],
)
def test_the_clock_starts_at_the_next_working_moment(moment, next_moment):
    assert next_working_moment(CALENDAR, moment) == next_moment


@pytest.mark.parametrize(
    ("received", "hours", "due"),
    [
        (at(2026, 12, 3, 14, 14), 1, at(2026, 12, 6, 7, 59)),  # a minute on Thursday
        (at(2026, 12, 3, 14, 16), 1, at(2026, 12, 6, 8)),  # after hours: from Sunday
        (at(2026, 12, 4, 10), 1, at(2026, 12, 6, 8)),  # Friday
        (at(2026, 11, 29, 6), 1, at(2026, 11, 29, 8)),  # before opening
        (at(2026, 11, 29, 7), 7.25, at(2026, 11, 29, 14, 15)),  # a whole day ends at closing
        (at(2026, 11, 29, 7), 7.5, at(2026, 11, 30, 7, 15)),
        (at(2026, 12, 15, 14, 14), 1, at(2026, 12, 20, 7, 59)),  # over National Day
        (at(2026, 12, 15, 14, 16), 1, at(2026, 12, 20, 8)),
        (at(2026, 5, 25, 13, 15), 2, at(2026, 5, 31, 8)),  # over Arafat Day and Eid al-Adha
        (at(2026, 3, 1, 13, 30), 1, at(2026, 3, 2, 8, 30)),  # Ramadan: closes at two
        (at(2026, 3, 29, 13, 30), 1, at(2026, 3, 30, 7, 15)),  # the same after Ramadan
        (at(2026, 3, 19, 13, 30), 1, at(2026, 3, 23, 7, 30)),  # last of Ramadan, over Eid
        (at(2026, 3, 1, 8), 6, at(2026, 3, 1, 14)),  # a whole Ramadan day is six hours
    ],
)
def test_due_moment_in_working_hours(received, hours, due):
    assert due_moment(CALENDAR, received, hours) == due


@pytest.mark.parametrize(
    ("start", "end", "worked"),
    [
        (at(2026, 11, 29, 7), at(2026, 11, 29, 14, 15), datetime.timedelta(hours=7.25)),
        (at(2026, 11, 29, 6), at(2026, 11, 29, 20), datetime.timedelta(hours=7.25)),
        (at(2026, 12, 3, 14), at(2026, 12, 6, 8), datetime.timedelta(minutes=75)),
        (at(2026, 12, 4, 8), at(2026, 12, 5, 20), datetime.timedelta()),  # the weekend
        (at(2026, 12, 15, 14), at(2026, 12, 20, 7), datetime.timedelta(minutes=15)),
        (at(2026, 3, 1, 7), at(2026, 3, 1, 15), datetime.timedelta(hours=6)),  # Ramadan
        (at(2026, 12, 6, 9), at(2026, 12, 6, 8), datetime.timedelta()),
    ],
)
def test_working_time_between_two_moments(start, end, worked):
    assert working_time_between(CALENDAR, start, end) == worked


def test_adding_working_time_and_measuring_it_agree():
    start = at(2026, 12, 14, 11, 20)
    for minutes in (0, 1, 175, 435, 436, 3000):
        end = add_working_time(CALENDAR, start, datetime.timedelta(minutes=minutes))
        assert working_time_between(CALENDAR, start, end) == datetime.timedelta(minutes=minutes)


@pytest.mark.parametrize(
    ("due_on", "paused_at", "resumed_at", "new_due_on"),
    [
        # Paused Sunday, answered Tuesday: Monday and Tuesday passed.
        (D(2026, 12, 3), at(2026, 11, 29, 10), at(2026, 12, 1, 9), D(2026, 12, 7)),
        # Answered the same day: no working day passed.
        (D(2026, 12, 3), at(2026, 11, 29, 10), at(2026, 11, 29, 13), D(2026, 12, 3)),
        # Paused Thursday, answered over the weekend.
        (D(2026, 12, 3), at(2026, 12, 3, 13), at(2026, 12, 5, 20), D(2026, 12, 3)),
        # Paused on the eve of National Day, answered on the Sunday after.
        (D(2026, 12, 21), at(2026, 12, 15, 10), at(2026, 12, 20, 10), D(2026, 12, 22)),
    ],
)
def test_the_due_date_moves_by_the_working_days_spent_waiting(
    due_on, paused_at, resumed_at, new_due_on
):
    assert resumed_due_date(CALENDAR, due_on, paused_at, resumed_at) == new_due_on


@pytest.mark.parametrize(
    ("due_at", "paused_at", "resumed_at", "new_due_at"),
    [
        # A whole working day of waiting (Monday 10:00 to Tuesday 10:00).
        (at(2026, 12, 3, 10), at(2026, 11, 30, 10), at(2026, 12, 1, 10), at(2026, 12, 6, 10)),
        # Paused after hours on Thursday, answered on Saturday: no working time passed.
        (at(2026, 12, 6, 10), at(2026, 12, 3, 15), at(2026, 12, 5, 12), at(2026, 12, 6, 10)),
        # 14:00 Thursday to 08:00 Sunday: fifteen minutes and an hour.
        (at(2026, 12, 7, 9), at(2026, 12, 3, 14), at(2026, 12, 6, 8), at(2026, 12, 7, 10, 15)),
        # Across National Day: fifteen minutes on the eve, nothing until Sunday.
        (
            at(2026, 12, 21, 14),
            at(2026, 12, 15, 14),
            at(2026, 12, 20, 7),
            at(2026, 12, 21, 14, 15),  # work that ends at closing time is due then
        ),
    ],
)
def test_the_due_moment_moves_by_the_working_time_spent_waiting(
    due_at, paused_at, resumed_at, new_due_at
):
    assert resumed_due_moment(CALENDAR, due_at, paused_at, resumed_at) == new_due_at


@pytest.mark.parametrize(
    ("due", "now", "overdue", "soon"),
    [
        (D(2026, 12, 3), at(2026, 12, 3, 23, 59), False, True),  # the last day itself
        (D(2026, 12, 3), at(2026, 12, 4, 0, 1), True, False),
        (D(2026, 12, 6), at(2026, 12, 3, 10), False, True),  # Sunday is the next working day
        (D(2026, 12, 7), at(2026, 12, 3, 10), False, False),
        (D(2026, 12, 20), at(2026, 12, 15, 10), False, True),  # over National Day
        (D(2026, 12, 21), at(2026, 12, 15, 10), False, False),
        (at(2026, 12, 3, 14, 15), at(2026, 12, 3, 14, 15), False, True),
        (at(2026, 12, 3, 14, 15), at(2026, 12, 3, 14, 16), True, False),
        (at(2026, 12, 6, 9), at(2026, 12, 3, 14, 16), False, True),
        (at(2026, 12, 7, 9), at(2026, 12, 3, 14, 16), False, False),
    ],
)
def test_overdue_and_due_soon(due, now, overdue, soon):
    assert is_overdue(CALENDAR, due, now) is overdue
    assert is_due_soon(CALENDAR, due, now) is soon


def test_a_week_without_a_working_day_is_refused():
    with pytest.raises(ValueError, match="working day"):
        WorkingCalendar(week=(None,) * 7)
