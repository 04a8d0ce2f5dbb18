"""A person without an account is reached at the address they verified:
an email and an SMS copy, no inbox, and once only for the same key."""

import pytest

from bawaba.notifications.actions import Guest, notify
from bawaba.notifications.models import Delivery, Notification

pytestmark = pytest.mark.django_db


def test_a_guest_gets_copies_at_their_verified_addresses_once():
    guest = Guest(
        email="guest@example.com", mobile="+97336000000", preferred_language="en", name="Ali"
    )
    first = notify(recipient=guest, event="account.welcome", idempotency_key="guest:welcome:1")
    again = notify(recipient=guest, event="account.welcome", idempotency_key="guest:welcome:1")
    assert first.pk == again.pk and first.recipient_id is None
    assert first.language == "en" and "Ali" in first.body
    assert sorted(
        Delivery.objects.filter(notification=first).values_list("channel", "address")
    ) == [
        ("email", "guest@example.com"),
        ("sms", "+97336000000"),
    ]
    assert Notification.objects.count() == 1


def test_a_guest_with_a_mobile_only_gets_an_sms_in_arabic():
    message = notify(
        recipient=Guest(mobile="+97336000001"),
        event="account.welcome",
        idempotency_key="guest:welcome:2",
    )
    assert message.language == "ar"
    assert list(
        Delivery.objects.filter(notification=message).values_list("channel", flat=True)
    ) == ["sms"]
