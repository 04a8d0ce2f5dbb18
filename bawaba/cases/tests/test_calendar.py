"""The calendar the tables hold: seeded by the migration, read once into the
cache, and read again after any row is saved or deleted through the model."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bawaba.accounts.tests.factories import OrganisationFactory
from bawaba.cases.calendar import (
    BAHRAIN,
    DEFAULT_RAMADAN_WEEK,
    DEFAULT_WEEK,
    calendar_for,
    calendar_load,
)
from bawaba.cases.deadlines import due_date, due_moment
from bawaba.cases.models import Holiday, HolidaySource, RamadanPeriod, WorkingHours
from bawaba.cases.seed import public_holidays

pytestmark = pytest.mark.django_db

D = datetime.date
SEVEN, QUARTER_PAST_TWO = datetime.time(7), datetime.time(14, 15)
# Sunday 29 November 2026, in the morning: Monday 30 is an ordinary working day.
SUNDAY = datetime.datetime(2026, 11, 29, 10, tzinfo=BAHRAIN)


def test_the_migration_seeds_the_calculated_holidays_with_arafat_day():
    calendar = calendar_for()
    seeded = {holiday.day for holiday in public_holidays(range(2024, 2033))}
    assert calendar.days_off == seeded
    assert {D(2026, 12, 16), D(2026, 12, 17), D(2026, 5, 26)} <= calendar.days_off
    arafat = Holiday.objects.get(day=D(2026, 5, 26))
    assert (arafat.name_en, arafat.name_ar) == ("Arafat Day", "يوم عرفة")
    assert arafat.source == HolidaySource.CALCULATED


def test_the_migration_seeds_the_government_hours_and_ramadan():
    calendar = calendar_for()
    assert calendar.week == DEFAULT_WEEK
    assert calendar.week[6] == (SEVEN, QUARTER_PAST_TWO)  # Sunday
    assert calendar.week[4] is None  # Friday
    assert calendar.ramadan_week == DEFAULT_RAMADAN_WEEK
    assert calendar.ramadan_week[3] == (datetime.time(8), datetime.time(14))  # Thursday
    assert (D(2026, 2, 18), D(2026, 3, 19)) in calendar.ramadan
    assert WorkingHours.objects.filter(organisation=None).count() == 10


def test_the_calendar_is_read_once_and_then_comes_from_the_cache():
    with CaptureQueriesContext(connection) as first:
        calendar_for()
    assert len(first) == 3
    with CaptureQueriesContext(connection) as again:
        calendar_for()
    assert len(again) == 0


def test_an_administrator_added_day_off_moves_the_deadline():
    assert due_date(calendar_for(), SUNDAY, 1) == D(2026, 11, 30)
    Holiday.objects.create(day=D(2026, 11, 30), name_ar="عطلة معلنة", name_en="Declared day off")
    assert due_date(calendar_for(), SUNDAY, 1) == D(2026, 12, 1)
    assert due_moment(calendar_for(), SUNDAY, 5) == datetime.datetime(
        2026, 12, 1, 7, 45, tzinfo=BAHRAIN
    )


def test_an_administrator_removed_holiday_is_a_working_day_again():
    eve = datetime.datetime(2026, 12, 15, 10, tzinfo=BAHRAIN)
    assert due_date(calendar_for(), eve, 1) == D(2026, 12, 20)
    national_day = Holiday.objects.get(day=D(2026, 12, 17))
    national_day.is_day_off = False
    national_day.save()
    assert due_date(calendar_for(), eve, 1) == D(2026, 12, 17)
    national_day.delete()
    assert due_date(calendar_for(), eve, 1) == D(2026, 12, 17)


def test_a_moved_holiday_is_one_day_cleared_and_another_added():
    before = datetime.datetime(2026, 5, 24, 10, tzinfo=BAHRAIN)  # Sunday before Arafat Day
    assert due_date(calendar_for(), before, 1) == D(2026, 5, 25)
    Holiday.objects.filter(day=D(2026, 5, 26)).get().delete()
    Holiday.objects.create(day=D(2026, 5, 25), name_ar="يوم عرفة", name_en="Arafat Day")
    assert due_date(calendar_for(), before, 1) == D(2026, 5, 26)


def test_a_changed_ramadan_period_changes_the_hours():
    first_day = datetime.datetime(2026, 2, 18, 13, 30, tzinfo=BAHRAIN)
    assert due_moment(calendar_for(), first_day, 1) == datetime.datetime(
        2026, 2, 19, 8, 30, tzinfo=BAHRAIN
    )
    RamadanPeriod.objects.filter(starts_on=D(2026, 2, 18)).update(starts_on=D(2026, 2, 19))
    # A bulk update bypasses the model: the cached calendar stays until it expires.
    assert calendar_for().in_ramadan(D(2026, 2, 18))
    RamadanPeriod.objects.get(starts_on=D(2026, 2, 19)).save()
    assert due_moment(calendar_for(), first_day, 1) == datetime.datetime(
        2026, 2, 19, 8, 15, tzinfo=BAHRAIN
    )


def test_an_organisation_with_its_own_hours_has_its_own_week():
    organisation = OrganisationFactory.create()
    other = OrganisationFactory.create()
    for weekday in (5, 6, 0, 1, 2):  # Saturday to Wednesday
        WorkingHours.objects.create(
            organisation=organisation, weekday=weekday, opens=SEVEN, closes=datetime.time(15)
        )
    thursday = datetime.datetime(2026, 12, 3, 14, 30, tzinfo=BAHRAIN)
    own = calendar_for(organisation.pk)
    assert own.week[3] is None and own.week[5] == (SEVEN, datetime.time(15))
    assert own.ramadan_week == DEFAULT_RAMADAN_WEEK  # no Ramadan rows of its own
    assert due_date(own, thursday, 1) == D(2026, 12, 5)  # Saturday
    assert due_date(calendar_for(other.pk), thursday, 1) == D(2026, 12, 6)
    assert calendar_for(other.pk) == calendar_for()


def test_an_emptied_table_falls_back_to_the_government_week():
    WorkingHours.objects.all().delete()
    Holiday.objects.all().delete()
    calendar = calendar_load()
    assert calendar.week == DEFAULT_WEEK
    assert calendar.days_off == frozenset()


def test_seeding_more_years_adds_them_and_keeps_what_administrators_changed():
    call_command("calendar_seed", "2026", "2033", stdout=io.StringIO())  # 2026 is seeded
    national_day = Holiday.objects.get(day=D(2026, 12, 16))
    national_day.is_day_off = False
    national_day.save()
    Holiday.objects.get(day=D(2026, 12, 17)).delete()
    out = io.StringIO()
    call_command("calendar_seed", "2026", "2033", "2034", stdout=out)
    added = len(public_holidays([2034])) + 1  # and the deleted 17 December 2026
    assert out.getvalue() == f"{added} holidays and 1 Ramadan periods added.\n"
    assert not Holiday.objects.get(day=D(2026, 12, 16)).is_day_off
    calendar = calendar_for()
    assert D(2033, 12, 16) in calendar.days_off
    assert D(2026, 12, 16) not in calendar.days_off
    assert sum(1 for first, _ in calendar.ramadan if first.year == 2033) == 1
