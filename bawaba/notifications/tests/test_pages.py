import datetime
import smtplib

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.utils import timezone

from bawaba.accounts.tests.factories import UserFactory, staff_with_two_step
from bawaba.core.models import AuditEvent
from bawaba.notifications.actions import notify
from bawaba.notifications.models import Delivery, DeliveryState, MessageTemplate, Notification

pytestmark = pytest.mark.django_db


def _message(user, key="m-1"):
    return notify(recipient=user, event="account.welcome", idempotency_key=key)


def _staff_with(*codenames, superuser=False):
    user = staff_with_two_step(is_superuser=superuser)
    for codename in codenames:
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return user


# The inbox


def test_the_inbox_needs_a_signed_in_person(client):
    response = client.get("/en/accounts/messages/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_header_counts_unread_messages_and_reading_one_lowers_it(client, citizen):
    citizen.preferred_language = "en"
    citizen.save()
    first = _message(citizen, "a")
    _message(citizen, "b")
    client.force_login(citizen)
    html = client.get("/en/accounts/messages/").content.decode()
    assert 'class="count-badge">2<span class="visually-hidden"> unread' in html
    assert html.count("inbox__item--unread") == 2
    detail = client.get(f"/en/accounts/messages/{first.pk}/").content.decode()
    assert "Your Bawaba account is ready" in detail or "Welcome to Bawaba" in detail
    assert 'dir="ltr"' in detail
    first.refresh_from_db()
    assert first.read_at is not None
    html = client.get("/en/accounts/messages/").content.decode()
    assert 'class="count-badge">1<' in html


def test_mark_all_as_read_is_a_post_and_clears_the_count(client, citizen):
    _message(citizen, "a")
    _message(citizen, "b")
    client.force_login(citizen)
    assert client.get("/en/accounts/messages/read-all/").status_code == 405
    response = client.post("/en/accounts/messages/read-all/", follow=True)
    assert "count-badge" not in response.content.decode()
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_someone_elses_message_is_a_404_and_stays_unread(client, citizen):
    other = UserFactory.create()
    theirs = _message(other)
    client.force_login(citizen)
    assert client.get(f"/en/accounts/messages/{theirs.pk}/").status_code == 404
    assert client.get("/en/accounts/messages/not-a-uuid/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert theirs.subject not in client.get("/en/accounts/messages/").content.decode()


def test_the_inbox_in_arabic_is_right_to_left(client, citizen):
    _message(citizen)
    client.force_login(citizen)
    html = client.get("/ar/accounts/messages/").content.decode()
    assert 'dir="rtl"' in html
    assert "الرسائل" in html
    assert "أهلاً بكم في بوابة" in html


# Staff pages

STAFF_PAGES = [
    "/en/staff/messages/",
    "/en/staff/messages/failed/",
    "/en/staff/messages/templates/",
    "/en/staff/messages/templates/account.welcome/sms/",
]


@pytest.mark.parametrize("path", STAFF_PAGES)
def test_outsiders_get_404_from_the_staff_message_pages(client, citizen, path):
    client.force_login(citizen)
    assert client.get(path).status_code == 404
    staff_without_permission = _staff_with()
    client.force_login(staff_without_permission)
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("path", STAFF_PAGES)
def test_portal_administrators_see_the_staff_message_pages(client, path):
    client.force_login(_staff_with(superuser=True))
    assert client.get(path).status_code == 200


def test_unknown_event_or_channel_is_a_404(client):
    client.force_login(_staff_with(superuser=True))
    assert client.get("/en/staff/messages/templates/nope/sms/").status_code == 404
    assert client.get("/en/staff/messages/templates/account.welcome/fax/").status_code == 404


def test_the_health_page_counts_queued_failed_and_the_oldest_waiting(
    client, citizen, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        waiting = _message(citizen, "waiting")
    Delivery.objects.filter(notification=waiting).update(
        created_at=timezone.now() - datetime.timedelta(minutes=30)
    )
    failed = _message(UserFactory.create(), "failed")
    Delivery.objects.filter(notification=failed).update(
        state=DeliveryState.FAILED, failed_at=timezone.now(), last_error="mail server answered 550"
    )
    client.force_login(_staff_with("view_delivery"))
    html = client.get("/en/staff/messages/").content.decode()
    assert "(30\xa0minutes ago)" in html
    assert "Some messages are not getting through" in html
    failed_page = client.get("/en/staff/messages/failed/").content.decode()
    assert "mail server answered 550" in failed_page
    assert "Send again" not in failed_page  # viewing is not resending


def test_staff_resend_a_failed_message_and_it_is_audited(
    client, citizen, monkeypatch, django_capture_on_commit_callbacks
):
    def refused(self, fail_silently=False):
        raise smtplib.SMTPDataError(554, b"rejected")

    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", refused)
    with django_capture_on_commit_callbacks(execute=True):
        _message(citizen)
    delivery = Delivery.objects.get()
    assert delivery.state == DeliveryState.FAILED
    monkeypatch.undo()

    viewer = _staff_with("view_delivery")
    client.force_login(viewer)
    assert client.post(f"/en/staff/messages/failed/{delivery.pk}/resend/").status_code == 404

    operator = _staff_with("view_delivery", "change_delivery")
    client.force_login(operator)
    assert "Send again" in client.get("/en/staff/messages/failed/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/staff/messages/failed/{delivery.pk}/resend/", follow=True)
    assert "back in the queue" in response.content.decode()
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.SENT
    assert len(mail.outbox) == 1
    assert AuditEvent.objects.filter(
        action="notifications.delivery.resent", actor=operator
    ).exists()
    # A second click finds nothing to resend and says so.
    response = client.post(f"/en/staff/messages/failed/{delivery.pk}/resend/", follow=True)
    assert "no longer in the failed list" in response.content.decode()


def _template_form(**changes):
    data = {
        "body_ar": "بوابة: حسابك جاهز يا {name}.",
        "body_en": "Bawaba: your account is ready, {name}.",
        "preview": "1",
    }
    data.update(changes)
    return data


def test_the_sms_template_editor_shows_length_parts_and_cost_before_saving(client):
    client.force_login(_staff_with(superuser=True))
    long_arabic = "بوابة: " + "رسالة طويلة " * 8 + "{name}"
    response = client.post(
        "/en/staff/messages/templates/account.welcome/sms/",
        _template_form(body_ar=long_arabic),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "UCS-2" in html and "GSM-7" in html
    assert "SMS parts" in html
    assert "BHD 0.030" in html or "0.030" in html  # two parts at 15 fils
    # Previewing saves nothing.
    stored = MessageTemplate.objects.get(event="account.welcome", channel="sms", language="ar")
    assert stored.body != long_arabic


def test_a_template_cannot_be_saved_in_one_language_or_with_an_unknown_placeholder(client):
    client.force_login(_staff_with(superuser=True))
    response = client.post(
        "/en/staff/messages/templates/account.welcome/email/",
        {"subject_ar": "مرحباً", "body_ar": "نص", "subject_en": "", "body_en": "", "save": "1"},
    )
    html = response.content.decode()
    assert "Enter the text in English." in html
    assert "Enter the subject in English." in html
    assert 'value="مرحباً"' in html  # nothing typed is lost
    response = client.post(
        "/en/staff/messages/templates/account.welcome/sms/",
        _template_form(body_en="Hello {password}", save="1"),
    )
    assert "This message cannot use {password}. It can use: {name}." in response.content.decode()
    response = client.post(
        "/en/staff/messages/templates/account.welcome/sms/",
        _template_form(body_en="Hello {name", save="1"),
    )
    assert "A brace is not closed." in response.content.decode()
    assert not AuditEvent.objects.filter(action="notifications.template.changed").exists()


def test_a_saved_template_is_used_for_the_next_message(client, citizen):
    admin = _staff_with(superuser=True)
    client.force_login(admin)
    response = client.post(
        "/en/staff/messages/templates/account.welcome/inbox/",
        {
            "subject_ar": "مرحباً بك يا {name}",
            "body_ar": "نص جديد",
            "subject_en": "Hello {name}",
            "body_en": "New text",
            "save": "1",
        },
    )
    assert response.status_code == 302
    row = MessageTemplate.objects.get(event="account.welcome", channel="inbox", language="ar")
    assert row.updated_by == admin
    assert AuditEvent.objects.filter(action="notifications.template.changed").exists()
    citizen.name_ar = "مريم"
    citizen.save()
    assert _message(citizen).subject == "مرحباً بك يا مريم"


def test_the_inbox_runs_the_same_number_of_queries_however_many_messages(
    client, citizen, django_assert_max_num_queries
):
    client.force_login(citizen)
    _message(citizen, "first")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get("/en/accounts/messages/")
    for number in range(30):
        _message(citizen, f"more-{number}")
    with django_assert_max_num_queries(len(one.captured_queries)):
        html = client.get("/en/accounts/messages/").content.decode()
    assert html.count('<li class="inbox__item') == 20  # one page
