"""The contact centre files a case for a caller: channel phone, the caller's
details confirmed, consent recorded, a callback within the contact centre's
hours (anything else refused with a clear message); the reference to read
out; the agent cannot open the case afterwards; others cannot open the page."""

import datetime

import pytest
from django.utils import timezone

from bawaba.accounts.constants import Role
from bawaba.accounts.tests.factories import OrganisationFactory, UserFactory, staff_with_two_step
from bawaba.cases.calendar import calendar_for
from bawaba.catalogue.tests.factories import ServiceFactory
from bawaba.complaints.agent_forms import within_contact_centre_hours
from bawaba.complaints.models import Channel, Complaint, Kind
from bawaba.notifications.models import Delivery

pytestmark = pytest.mark.django_db

PAGE = "/{language}/staff/contact-centre/"


@pytest.fixture
def provider():
    return OrganisationFactory.create(slug="roads", name_en="Roads Agency", name_ar="هيئة الطرق")


@pytest.fixture
def agent():
    return staff_with_two_step(OrganisationFactory.create(), Role.CONTACT_CENTRE_AGENT)


def next_open_day():
    calendar = calendar_for()
    day = timezone.localdate() + datetime.timedelta(days=1)
    while not within_contact_centre_hours(calendar, calendar.at(day, datetime.time(10))):
        day += datetime.timedelta(days=1)
    return day


def next_friday():
    day = timezone.localdate() + datetime.timedelta(days=1)
    while day.weekday() != 4:  # Friday
        day += datetime.timedelta(days=1)
    return day


def answers(organisation, **fields):
    return {
        "kind": Kind.COMPLAINT,
        "provider": organisation.slug,
        "subject": "Streetlight out",
        "details": "The light on Road 12 has been out for a week.",
        "name": "Fatima Hasan",
        "mobile": "36000010",
        "read_back": "on",
        **fields,
    }


@pytest.mark.parametrize("language", ["en", "ar"])
def test_an_agent_files_for_a_caller_with_consent_and_a_callback(client, agent, provider, language):
    service = ServiceFactory.create(slug="lights", provider=provider)
    client.force_login(agent)
    page = client.get(PAGE.format(language=language))
    assert page.status_code == 200 and 'name="read_back"' in page.content.decode()
    day = next_open_day()
    response = client.post(
        PAGE.format(language=language),
        answers(
            provider,
            service="lights",
            consent_to_contact="on",
            callback_date=day.isoformat(),
            callback_time="09:30",
        ),
    )
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.channel == Channel.PHONE
    assert complaint.filed_by == agent and complaint.person is None
    assert complaint.consent_to_contact and complaint.contact_verified_at is not None
    assert complaint.contact_mobile == "+97336000010" and complaint.service == service
    assert complaint.callback_at == calendar_for().at(day, datetime.time(9, 30))
    assert Delivery.objects.filter(
        notification__event="complaint.received", address="+97336000010"
    ).exists()
    filed = client.get(response["Location"])
    assert complaint.reference in filed.content.decode()
    # The agent holds no complaints role: the case is not theirs to open.
    assert client.get(f"/{language}/staff/complaints/{complaint.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Choose a time when the contact centre is open"),
        ("ar", "اختاروا وقتاً يعمل فيه مركز الاتصال"),
    ],
)
def test_a_callback_outside_the_contact_centre_s_hours_is_refused(
    client, agent, provider, language, message
):
    client.force_login(agent)
    for day, time in (
        (next_friday(), "10:00"),
        (next_open_day(), "17:30"),
        (next_open_day(), "07:59"),
    ):
        response = client.post(
            PAGE.format(language=language),
            answers(provider, callback_date=day.isoformat(), callback_time=time),
        )
        html = response.content.decode()
        assert response.status_code == 200, (day, time)
        assert 'class="error-summary"' in html and message in html
        assert "Streetlight out" in html
    assert not Complaint.objects.exists()


def test_the_read_back_and_a_contact_are_required_and_consent_is_recorded(client, agent, provider):
    client.force_login(agent)
    response = client.post("/en/staff/contact-centre/", answers(provider, read_back="", mobile=""))
    html = response.content.decode()
    assert "I read the details back to the caller" in html
    assert "Enter an email address or a mobile number" in html
    client.post("/en/staff/contact-centre/", answers(provider, callback_date=next_open_day()))
    assert not Complaint.objects.exists()  # a day without a time
    client.post("/en/staff/contact-centre/", answers(provider, email="caller@example.com"))
    complaint = Complaint.objects.get()
    assert not complaint.consent_to_contact and complaint.callback_at is None


@pytest.mark.parametrize("language", ["en", "ar"])
def test_only_contact_centre_agents_open_the_page(client, provider, language):
    path = PAGE.format(language=language)
    client.force_login(staff_with_two_step(provider, Role.COMPLAINTS_OFFICER))
    assert client.get(path).status_code == 404
    assert client.post(path, answers(provider)).status_code == 404
    client.force_login(UserFactory.create())
    assert client.get(path).status_code == 404
    client.logout()
    assert client.get(path).status_code in (302, 404)
    assert not Complaint.objects.exists()


def test_garbled_input_is_never_a_500(client, agent, provider):
    client.force_login(agent)
    for fields in (
        {"service": "nothing"},
        {"callback_date": "31/02/2026", "callback_time": "25:00"},
        {"provider": "x" * 500, "mobile": "\x00"},
        {"subject": "a" * 300, "callback_time": "10:00"},
    ):
        response = client.post("/en/staff/contact-centre/", answers(provider, **fields))
        assert response.status_code == 200
    assert client.get("/en/staff/contact-centre/filed/").status_code == 302
    assert not Complaint.objects.exists()
