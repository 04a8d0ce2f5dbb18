"""Deadline maths on a working calendar: pure functions of a
``WorkingCalendar`` and the moments given, so that they read no table and no
clock and are tested with tables of cases.

Two kinds of deadline:

- in working days, a date: ``due_date`` counts from the day the case is
  received (that day not counted), so the provider has that many whole working
  days whatever the hour it arrived; the case is overdue from the day after;
- in working hours, a moment: ``due_moment`` counts working time from the
  next working moment, so a case received after hours or on a day off starts
  its clock when work next opens.

While a case waits for the person the clock stops: ``resumed_due_date`` and
``resumed_due_moment`` push the deadline on by the working time that passed
between the pause and the answer.
"""

from __future__ import annotations

import datetime

from bawaba.cases.calendar import BAHRAIN, WorkingCalendar

ONE_DAY = datetime.timedelta(days=1)


def add_working_days(calendar: WorkingCalendar, start: datetime.date, days: int) -> datetime.date:
    """The date ``days`` working days after ``start`` (``start`` itself not
    counted). Zero days gives ``start`` itself when it is a working day, else
    the next working day."""
    day = start
    if days == 0:
        while not calendar.is_working_day(day):
            day += ONE_DAY
        return day
    remaining = days
    while remaining:
        day += ONE_DAY
        if calendar.is_working_day(day):
            remaining -= 1
    return day


def working_days_between(
    calendar: WorkingCalendar, start: datetime.date, end: datetime.date
) -> int:
    """Working days after ``start`` up to and including ``end`` (0 if end ≤ start)."""
    count = 0
    day = start
    while day < end:
        day += ONE_DAY
        if calendar.is_working_day(day):
            count += 1
    return count


def due_date(calendar: WorkingCalendar, received: datetime.datetime, days: int) -> datetime.date:
    """The last day to decide a case received at ``received`` with ``days``
    working days to do it."""
    return add_working_days(calendar, calendar.local_date(received), days)


def _next_working_span(
    calendar: WorkingCalendar, moment: datetime.datetime
) -> tuple[datetime.datetime, datetime.datetime]:
    """The next working moment and the closing time of its day."""
    local = calendar.local(moment)
    day = local.date()
    hours = calendar.hours_on(day)
    if hours is not None and local.time() < hours[1]:
        return max(local, calendar.at(day, hours[0])), calendar.at(day, hours[1])
    day += ONE_DAY
    while (hours := calendar.hours_on(day)) is None:
        day += ONE_DAY
    return calendar.at(day, hours[0]), calendar.at(day, hours[1])


def next_working_moment(calendar: WorkingCalendar, moment: datetime.datetime) -> datetime.datetime:
    """``moment`` itself during working hours; otherwise when work next opens."""
    return _next_working_span(calendar, moment)[0]


def add_working_time(
    calendar: WorkingCalendar, start: datetime.datetime, duration: datetime.timedelta
) -> datetime.datetime:
    """The moment when ``duration`` of working time has passed after ``start``.
    Work that ends exactly at closing time is due at closing time."""
    moment, closing = _next_working_span(calendar, start)
    remaining = duration
    while remaining > closing - moment:
        remaining -= closing - moment
        moment, closing = _next_working_span(calendar, closing)
    return moment + remaining


def due_moment(
    calendar: WorkingCalendar, received: datetime.datetime, hours: float
) -> datetime.datetime:
    """When a case received at ``received`` with ``hours`` working hours to do it is due."""
    return add_working_time(calendar, received, datetime.timedelta(hours=hours))


def working_time_between(
    calendar: WorkingCalendar, start: datetime.datetime, end: datetime.datetime
) -> datetime.timedelta:
    """The working time from ``start`` to ``end`` (nothing if end ≤ start)."""
    total = datetime.timedelta()
    if end <= start:
        return total
    last = calendar.local_date(end)
    day = calendar.local_date(start)
    while day <= last:
        hours = calendar.hours_on(day)
        if hours is not None:
            opens = max(calendar.at(day, hours[0]), start)
            closes = min(calendar.at(day, hours[1]), end)
            if closes > opens:
                total += closes - opens
        day += ONE_DAY
    return total


def resumed_due_date(
    calendar: WorkingCalendar,
    due_on: datetime.date,
    paused_at: datetime.datetime,
    resumed_at: datetime.datetime,
) -> datetime.date:
    """The due date after the clock stopped at ``paused_at`` and started again
    at ``resumed_at``: later by the working days that passed after the day of
    the pause, up to and including the day of the answer."""
    waited = working_days_between(
        calendar, calendar.local_date(paused_at), calendar.local_date(resumed_at)
    )
    return add_working_days(calendar, due_on, waited)


def resumed_due_moment(
    calendar: WorkingCalendar,
    due_at: datetime.datetime,
    paused_at: datetime.datetime,
    resumed_at: datetime.datetime,
) -> datetime.datetime:
    """The due moment after the clock stopped at ``paused_at`` and started
    again at ``resumed_at``: later by the working time in between, so the
    working time that was left at the pause is left again."""
    waited = working_time_between(calendar, paused_at, resumed_at)
    return add_working_time(calendar, due_at, waited) if waited else due_at


def start_of_day(day: datetime.date, zone: datetime.tzinfo = BAHRAIN) -> datetime.datetime:
    """The first moment of ``day`` in Asia/Bahrain."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=zone)


def end_of_day(day: datetime.date, zone: datetime.tzinfo = BAHRAIN) -> datetime.datetime:
    """The last moment of ``day`` in Asia/Bahrain: the due moment of a
    deadline in working days, which is missed once that day is over."""
    return datetime.datetime.combine(day, datetime.time.max, tzinfo=zone)


def is_overdue(
    calendar: WorkingCalendar, due: datetime.date | datetime.datetime, now: datetime.datetime
) -> bool:
    """A due date is missed from the day after it; a due moment right after it."""
    if isinstance(due, datetime.datetime):
        return now > due
    return due < calendar.local_date(now)


def is_due_soon(
    calendar: WorkingCalendar,
    due: datetime.date | datetime.datetime,
    now: datetime.datetime,
    *,
    working_days: int = 1,
) -> bool:
    """Not overdue yet, but due by the end of the next ``working_days``
    working days (today, if it is a working day, and the next one, for one)."""
    if is_overdue(calendar, due, now):
        return False
    day = calendar.local_date(due) if isinstance(due, datetime.datetime) else due
    return day <= add_working_days(calendar, calendar.local_date(now), working_days)
