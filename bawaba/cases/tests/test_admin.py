"""Portal administrators keep the working calendar in the administration
site, and every deadline computed after a change reads it."""

import datetime

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from bawaba.accounts.tests.factories import PASSWORD
from bawaba.cases.calendar import BAHRAIN, calendar_for
from bawaba.cases.deadlines import due_date
from bawaba.cases.models import Holiday, HolidaySource
from bawaba.core.models import AuditEvent

pytestmark = pytest.mark.django_db

D = datetime.date
SUNDAY = datetime.datetime(2026, 11, 29, 10, tzinfo=BAHRAIN)


@pytest.fixture
def administrator(client, django_user_model):
    admin = django_user_model.objects.create_superuser("root@bawaba.example", PASSWORD)
    TOTP.activate(admin, generate_totp_secret())
    client.force_login(admin)
    return admin


def test_a_portal_administrator_adds_a_day_off_and_the_deadline_moves(client, administrator):
    assert due_date(calendar_for(), SUNDAY, 1) == D(2026, 11, 30)
    response = client.post(
        "/en/admin/cases/holiday/add/",
        {
            "day": "2026-11-30",
            "name_ar": "عطلة معلنة",
            "name_en": "Declared day off",
            "is_day_off": "on",
            "reason": "Cabinet decision",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    holiday = Holiday.objects.get(day=D(2026, 11, 30))
    assert holiday.source == HolidaySource.DECLARED
    assert holiday.changed_by == administrator
    assert due_date(calendar_for(), SUNDAY, 1) == D(2026, 12, 1)
    audit = AuditEvent.objects.get(action="cases.holiday.added")
    assert audit.actor == administrator


def test_a_portal_administrator_clears_a_holiday_and_the_deadline_moves(client, administrator):
    eve = datetime.datetime(2026, 12, 15, 10, tzinfo=BAHRAIN)
    assert due_date(calendar_for(), eve, 1) == D(2026, 12, 20)
    national_day = Holiday.objects.get(day=D(2026, 12, 16))
    response = client.post(
        f"/en/admin/cases/holiday/{national_day.pk}/change/",
        {
            "day": "2026-12-16",
            "name_ar": national_day.name_ar,
            "name_en": national_day.name_en,
            "reason": "Moved by announcement",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    national_day.refresh_from_db()
    assert not national_day.is_day_off
    assert national_day.source == HolidaySource.CALCULATED
    assert due_date(calendar_for(), eve, 1) == D(2026, 12, 16)
    assert AuditEvent.objects.filter(action="cases.holiday.changed").count() == 1


@pytest.mark.parametrize(
    "page",
    [
        "/ar/admin/cases/holiday/",
        "/ar/admin/cases/holiday/?day__year=2026",
        "/ar/admin/cases/workinghours/",
        "/ar/admin/cases/workinghours/add/",
        "/ar/admin/cases/ramadanperiod/",
    ],
)
def test_the_calendar_pages_open_in_arabic(client, administrator, page):
    response = client.get(page)
    assert response.status_code == 200
    html = response.content.decode()
    assert "عطلة" in html or "ساعات العمل" in html or "رمضان" in html


def test_provider_staff_cannot_reach_the_calendar(client, staff_member):
    client.force_login(staff_member)
    assert client.get("/en/admin/cases/holiday/").status_code == 404
