"""The working calendar: which days are working days and when work opens
and closes on them, in Asia/Bahrain.

``WorkingCalendar`` is a plain value built from the tables in ``models.py``
(``calendar_for``), kept in the cache and dropped from it whenever a holiday,
working hours or Ramadan row is saved or deleted. The deadline maths in
``deadlines.py`` takes it as an argument and reads nothing else.
"""

from __future__ import annotations

import dataclasses
import datetime
import uuid
from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save

BAHRAIN = ZoneInfo("Asia/Bahrain")

Hours = tuple[datetime.time, datetime.time]
# Indexed by date.weekday() (Monday is 0); None: not a working day.
Week = tuple[Hours | None, ...]


def week_of(hours: Iterable[tuple[int, datetime.time, datetime.time]]) -> Week:
    days: list[Hours | None] = [None] * 7
    for weekday, opens, closes in hours:
        days[weekday] = (opens, closes)
    return tuple(days)


_SUNDAY_TO_THURSDAY = (6, 0, 1, 2, 3)
# The government's usual hours, Sunday to Thursday, and in Ramadan the hours
# the Prime Minister's circular has set each year since 2023 (08:00–14:00).
# The migration writes them into the tables; these are what a database
# without rows (a new or emptied one) falls back to.
DEFAULT_WEEK = week_of(
    (day, datetime.time(7), datetime.time(14, 15)) for day in _SUNDAY_TO_THURSDAY
)
DEFAULT_RAMADAN_WEEK = week_of(
    (day, datetime.time(8), datetime.time(14)) for day in _SUNDAY_TO_THURSDAY
)


@dataclasses.dataclass(frozen=True)
class WorkingCalendar:
    """Working weeks (normal and Ramadan), days off, and Ramadan periods
    (first and last day included)."""

    week: Week = DEFAULT_WEEK
    ramadan_week: Week = DEFAULT_RAMADAN_WEEK
    days_off: frozenset[datetime.date] = frozenset()
    ramadan: tuple[tuple[datetime.date, datetime.date], ...] = ()
    zone: datetime.tzinfo = BAHRAIN

    def __post_init__(self) -> None:
        for week in (self.week, self.ramadan_week):
            if len(week) != 7 or not any(week):
                # Without a working day in the week, no deadline would ever come.
                raise ValueError("A working week needs seven days and at least one working day.")

    def in_ramadan(self, day: datetime.date) -> bool:
        return any(first <= day <= last for first, last in self.ramadan)

    def hours_on(self, day: datetime.date) -> Hours | None:
        """When work opens and closes on ``day``; None on a day off."""
        if day in self.days_off:
            return None
        week = self.ramadan_week if self.in_ramadan(day) else self.week
        return week[day.weekday()]

    def is_working_day(self, day: datetime.date) -> bool:
        return self.hours_on(day) is not None

    def local(self, moment: datetime.datetime) -> datetime.datetime:
        return moment.astimezone(self.zone)

    def local_date(self, moment: datetime.datetime) -> datetime.date:
        return self.local(moment).date()

    def at(self, day: datetime.date, time: datetime.time) -> datetime.datetime:
        return datetime.datetime.combine(day, time, tzinfo=self.zone)


# Reloaded at least hourly, whatever happens: rows written without the model
# (a bulk update, a data migration) are picked up within the hour.
CACHE_SECONDS = 60 * 60
_GENERATION_KEY = "cases.calendar.generation"


def calendar_for(organisation_id: int | None = None) -> WorkingCalendar:
    """The calendar of one organisation (its own hours if it has any), or the
    portal-wide one."""
    generation = cache.get(_GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        cache.set(_GENERATION_KEY, generation, CACHE_SECONDS)
    key = f"cases.calendar.{generation}.{organisation_id or 'portal'}"
    calendar = cache.get(key)
    if calendar is None:
        calendar = calendar_load(organisation_id)
        cache.set(key, calendar, CACHE_SECONDS)
    return calendar


def calendar_load(organisation_id: int | None = None) -> WorkingCalendar:
    """Read the calendar from the tables (three queries)."""
    from bawaba.cases.models import Holiday, RamadanPeriod, WorkingHours

    scope = Q(organisation__isnull=True)
    if organisation_id is not None:
        scope |= Q(organisation_id=organisation_id)
    rows = list(
        WorkingHours.objects.filter(scope).values_list(
            "organisation_id", "in_ramadan", "weekday", "opens", "closes"
        )
    )

    def week(in_ramadan: bool, default: Week) -> Week:
        own = [row[2:] for row in rows if row[0] is not None and row[1] == in_ramadan]
        portal = [row[2:] for row in rows if row[0] is None and row[1] == in_ramadan]
        return week_of(own or portal) if own or portal else default

    return WorkingCalendar(
        week=week(False, DEFAULT_WEEK),
        ramadan_week=week(True, DEFAULT_RAMADAN_WEEK),
        days_off=frozenset(Holiday.objects.filter(is_day_off=True).values_list("day", flat=True)),
        ramadan=tuple(RamadanPeriod.objects.values_list("starts_on", "ends_on")),
    )


def calendar_invalidate() -> None:
    """Drop every cached calendar, now and again when the transaction commits
    (a process that reloads in between would otherwise keep the old rows)."""
    cache.delete(_GENERATION_KEY)
    transaction.on_commit(lambda: cache.delete(_GENERATION_KEY))


def _invalidate(**kwargs: Any) -> None:
    calendar_invalidate()


def connect_invalidation() -> None:
    # A cache, not a domain flow: whatever writes a row through the model
    # (the admin, a command, a shell) makes the next deadline read it.
    from bawaba.cases.models import Holiday, RamadanPeriod, WorkingHours

    for model in (Holiday, WorkingHours, RamadanPeriod):
        uid = f"cases.calendar.{model.__name__}"
        post_save.connect(_invalidate, sender=model, dispatch_uid=f"{uid}.save")
        post_delete.connect(_invalidate, sender=model, dispatch_uid=f"{uid}.delete")
