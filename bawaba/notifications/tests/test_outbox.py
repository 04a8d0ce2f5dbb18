import datetime
import smtplib

import pytest
from django.core import mail
from django.utils import timezone

from bawaba.accounts.tests.factories import UserFactory
from bawaba.notifications import actions
from bawaba.notifications.actions import notify, outbox_sweep, retry_delay
from bawaba.notifications.models import (
    Delivery,
    DeliveryState,
    Notification,
    SandboxSms,
)

pytestmark = pytest.mark.django_db


def _welcome(user, key="welcome-1"):
    return notify(recipient=user, event="account.welcome", idempotency_key=key)


@pytest.mark.parametrize(
    ("attempt", "low", "high"),
    [
        (1, 15, 30),
        (2, 30, 60),
        (3, 60, 120),
        (7, 960, 1920),
        (8, 1800, 3600),  # capped at RETRY_MAX
        (30, 1800, 3600),
    ],
)
def test_retry_delay_doubles_up_to_the_cap_with_jitter_in_the_upper_half(attempt, low, high):
    assert retry_delay(attempt, base=30, cap=3600, rand=lambda a, b: a) == low
    assert retry_delay(attempt, base=30, cap=3600, rand=lambda a, b: b) == high


def test_nothing_is_sent_before_the_transaction_commits(django_capture_on_commit_callbacks):
    user = UserFactory.create(preferred_language="en")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _welcome(user)
    assert len(mail.outbox) == 0
    assert Delivery.objects.get().state == DeliveryState.QUEUED
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    delivery = Delivery.objects.get()
    assert delivery.state == DeliveryState.SENT
    assert delivery.attempts == 1
    assert delivery.sent_at is not None


def test_a_rolled_back_action_sends_nothing(django_capture_on_commit_callbacks):
    from django.db import transaction

    user = UserFactory.create()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                _welcome(user)
                raise RuntimeError("the action failed")
        except RuntimeError:
            pass
    assert callbacks == []
    assert Notification.objects.count() == 0
    assert len(mail.outbox) == 0


def test_the_same_idempotency_key_writes_one_message(django_capture_on_commit_callbacks):
    user = UserFactory.create()
    with django_capture_on_commit_callbacks(execute=True):
        first = _welcome(user, key="k")
        second = _welcome(user, key="k")
    assert first.pk == second.pk
    assert Notification.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_delivery_task_run_twice_sends_once(django_capture_on_commit_callbacks):
    user = UserFactory.create()
    with django_capture_on_commit_callbacks(execute=True):
        _welcome(user)
    delivery = Delivery.objects.get()
    assert actions.delivery_attempt(str(delivery.pk)) == "skipped"
    assert actions.delivery_attempt("not-a-uuid") == "skipped"
    assert len(mail.outbox) == 1


def test_the_recipients_language_picks_the_version():
    arabic = UserFactory.create(preferred_language="ar", name_ar="مريم")
    english = UserFactory.create(preferred_language="en", name_en="Maryam")
    assert _welcome(arabic).subject == "أهلاً بكم في بوابة"
    note = _welcome(english)
    assert note.subject == "Welcome to Bawaba"
    assert note.body.startswith("Hello Maryam,")
    email = Delivery.objects.get(notification=note, channel="email")
    assert 'lang="en" dir="ltr"' in email.body_html
    arabic_email = Delivery.objects.get(notification__recipient=arabic, channel="email")
    assert 'lang="ar" dir="rtl"' in arabic_email.body_html
    assert "مرحباً مريم،" in arabic_email.body_text


@pytest.mark.parametrize(
    ("by_email", "by_sms", "mobile", "essential", "expected"),
    [
        (True, False, "", True, ["email"]),
        (True, True, "+97336000001", True, ["email", "sms"]),
        (False, True, "+97336000001", True, ["sms"]),
        (False, False, "+97336000001", True, ["email"]),  # essential: never nowhere
        (False, False, "+97336000001", False, []),  # optional: inbox only
        (True, True, "", False, ["email"]),  # no number, no SMS
    ],
)
def test_channels_follow_the_persons_choice_but_essential_messages_always_go(
    by_email, by_sms, mobile, essential, expected
):
    user = UserFactory.build(
        contact_by_email=by_email, contact_by_sms=by_sms, mobile=mobile, email="a@bawaba.example"
    )
    event = actions.event_get(
        "security.password_changed" if essential else "catalogue.revision_published"
    )
    assert [channel for channel, _ in actions.recipient_channels(user, event)] == expected


def test_sms_goes_through_the_provider_and_the_sandbox_confirms_delivery(
    django_capture_on_commit_callbacks,
):
    user = UserFactory.create(contact_by_sms=True, mobile="+97336000001", preferred_language="ar")
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            recipient=user,
            event="security.password_changed",
            idempotency_key="pw-1",
            values={"when": datetime.datetime(2026, 11, 29, 7, 5, tzinfo=datetime.UTC)},
        )
    sms = Delivery.objects.get(channel="sms")
    assert sms.state == DeliveryState.DELIVERED
    assert sms.delivered_at is not None
    record = SandboxSms.objects.get()
    assert "في 29 نوفمبر 2026، 10:05." in record.text
    assert record.to == "+97336000001"
    assert record.reference == str(sms.pk)
    assert record.text.startswith("بوابة: تم تغيير كلمة مرور حسابكم")


def test_an_unknown_placeholder_value_is_a_programming_error():
    user = UserFactory.create()
    with pytest.raises(ValueError, match="no placeholder"):
        notify(
            recipient=user,
            event="account.welcome",
            idempotency_key="x",
            values={"secret": "nope"},
        )


class _FlakySmtp:
    def __init__(self, failures, error):
        self.failures = failures
        self.error = error

    def __call__(self, *args, **kwargs):
        if self.failures:
            self.failures -= 1
            raise self.error
        return 1


def test_a_passing_smtp_failure_is_retried_later_then_sent(
    monkeypatch, django_capture_on_commit_callbacks
):
    flaky = _FlakySmtp(1, ConnectionRefusedError("down"))
    original = mail.EmailMultiAlternatives.send

    def send(self, fail_silently=False):
        flaky()
        return original(self, fail_silently)

    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", send)
    user = UserFactory.create()
    with django_capture_on_commit_callbacks(execute=True):
        _welcome(user)
    delivery = Delivery.objects.get()
    assert delivery.state == DeliveryState.QUEUED
    assert delivery.attempts == 1
    assert "unreachable" in delivery.last_error
    assert delivery.next_attempt_at > timezone.now()
    # Not due yet: a duplicate task does nothing.
    assert actions.delivery_attempt(str(delivery.pk)) == "skipped"
    Delivery.objects.filter(pk=delivery.pk).update(
        next_attempt_at=timezone.now() - datetime.timedelta(hours=1)
    )
    assert outbox_sweep() == 1
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.SENT
    assert delivery.attempts == 2
    assert delivery.last_error == ""
    assert len(mail.outbox) == 1


def test_a_refused_address_fails_at_once_and_is_dead_lettered(
    monkeypatch, django_capture_on_commit_callbacks
):
    def send(self, fail_silently=False):
        raise smtplib.SMTPRecipientsRefused({"a@x": (550, b"no such user")})

    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", send)
    user = UserFactory.create()
    with django_capture_on_commit_callbacks(execute=True):
        _welcome(user)
    delivery = Delivery.objects.get()
    assert delivery.state == DeliveryState.FAILED
    assert delivery.failed_at is not None
    assert "550" in delivery.last_error
    assert "a@x" not in delivery.last_error  # no addresses in reasons or logs


def test_after_the_retry_budget_a_delivery_fails(
    monkeypatch, settings, django_capture_on_commit_callbacks
):
    settings.NOTIFICATIONS = {**settings.NOTIFICATIONS, "MAX_ATTEMPTS": 2}

    def send(self, fail_silently=False):
        raise smtplib.SMTPServerDisconnected("gone")

    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", send)
    user = UserFactory.create()
    with django_capture_on_commit_callbacks(execute=True):
        _welcome(user)
    Delivery.objects.update(next_attempt_at=timezone.now() - datetime.timedelta(hours=1))
    outbox_sweep()
    delivery = Delivery.objects.get()
    assert (delivery.state, delivery.attempts) == (DeliveryState.FAILED, 2)


def test_a_delivery_abandoned_by_a_dead_worker_is_taken_over_after_its_lease(
    django_capture_on_commit_callbacks,
):
    user = UserFactory.create()
    with django_capture_on_commit_callbacks(execute=False):
        _welcome(user)
    delivery = Delivery.objects.get()
    # A worker claimed it and died before finishing.
    Delivery.objects.filter(pk=delivery.pk).update(
        state=DeliveryState.SENDING,
        attempts=1,
        lease_expires_at=timezone.now() + datetime.timedelta(minutes=5),
    )
    assert outbox_sweep() == 0
    assert actions.delivery_attempt(str(delivery.pk)) == "skipped"
    Delivery.objects.filter(pk=delivery.pk).update(
        lease_expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert outbox_sweep() == 1
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts) == (DeliveryState.SENT, 2)
    assert len(mail.outbox) == 1


def test_a_broker_outage_at_commit_loses_nothing(monkeypatch, django_capture_on_commit_callbacks):
    from bawaba.notifications import tasks

    def broker_down(*args, **kwargs):
        raise ConnectionError("broker down")

    monkeypatch.setattr(tasks.deliver, "delay", broker_down)
    user = UserFactory.create()
    with django_capture_on_commit_callbacks(execute=True):
        _welcome(user)
    delivery = Delivery.objects.get()
    assert delivery.state == DeliveryState.QUEUED
    monkeypatch.undo()
    Delivery.objects.update(next_attempt_at=timezone.now() - datetime.timedelta(hours=1))
    assert outbox_sweep() == 1
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.SENT


def test_a_message_that_kills_its_worker_every_time_ends_in_the_failed_list(
    settings, django_capture_on_commit_callbacks
):
    settings.NOTIFICATIONS = {**settings.NOTIFICATIONS, "MAX_ATTEMPTS": 3}
    user = UserFactory.create()
    with django_capture_on_commit_callbacks(execute=False):
        _welcome(user)
    delivery = Delivery.objects.get()
    Delivery.objects.filter(pk=delivery.pk).update(
        state=DeliveryState.SENDING,
        attempts=3,
        lease_expires_at=timezone.now() - datetime.timedelta(seconds=1),
    )
    assert actions.delivery_attempt(str(delivery.pk)) == "skipped"
    assert outbox_sweep() == 0
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.FAILED
    assert "stopped during every attempt" in delivery.last_error
    assert len(mail.outbox) == 0
