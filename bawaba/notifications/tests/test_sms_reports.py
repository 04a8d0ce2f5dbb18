import json
import uuid

import pytest

from bawaba.accounts.tests.factories import UserFactory
from bawaba.notifications.actions import notify
from bawaba.notifications.models import Delivery, DeliveryState

pytestmark = pytest.mark.django_db
TOKEN = "report-secret-for-tests"


@pytest.fixture
def sms(settings):
    settings.SMS_REPORT_TOKEN = TOKEN
    user = UserFactory.create(contact_by_email=False, contact_by_sms=True, mobile="+97336000001")
    notify(recipient=user, event="account.welcome", idempotency_key="w")
    delivery = Delivery.objects.get(channel="sms")
    Delivery.objects.filter(pk=delivery.pk).update(state=DeliveryState.SENT)
    return delivery


def _report(client, body, token=TOKEN):
    return client.post(
        "/hooks/sms/reports/",
        data=json.dumps(body) if isinstance(body, dict) else body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )


def test_a_delivered_report_completes_the_delivery(client, sms):
    assert _report(client, {"reference": str(sms.pk), "status": "delivered"}).status_code == 204
    sms.refresh_from_db()
    assert sms.state == DeliveryState.DELIVERED
    assert sms.delivered_at is not None
    # The same report twice changes nothing and is still acknowledged.
    assert _report(client, {"reference": str(sms.pk), "status": "failed"}).status_code == 204
    sms.refresh_from_db()
    assert sms.state == DeliveryState.DELIVERED


def test_a_failed_report_puts_the_message_in_the_failed_list_with_the_reason(client, sms):
    response = _report(
        client, {"reference": str(sms.pk), "status": "failed", "reason": "unknown subscriber"}
    )
    assert response.status_code == 204
    sms.refresh_from_db()
    assert sms.state == DeliveryState.FAILED
    assert sms.last_error == "gateway report: unknown subscriber"


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ("not json", 400),
        ({"reference": "nope", "status": "delivered"}, 400),
        ({"status": "delivered"}, 400),
        ({"reference": str(uuid.uuid4()), "status": "read"}, 400),
        ({"reference": str(uuid.uuid4()), "status": "delivered"}, 404),
    ],
)
def test_malformed_or_unknown_reports_are_refused_clearly(client, sms, body, status):
    assert _report(client, body).status_code == status
    sms.refresh_from_db()
    assert sms.state == DeliveryState.SENT


def test_a_wrong_token_is_refused_and_reports_can_be_turned_off(client, sms, settings):
    body = {"reference": str(sms.pk), "status": "delivered"}
    assert _report(client, body, token="guess").status_code == 401
    settings.SMS_REPORT_TOKEN = ""
    assert _report(client, body, token="").status_code == 404
    assert client.get("/hooks/sms/reports/").status_code in (404, 405)
    sms.refresh_from_db()
    assert sms.state == DeliveryState.SENT


def test_an_email_delivery_cannot_be_reported_on(client, sms):
    email = Delivery.objects.create(
        notification=sms.notification, channel="email", address="a@b.example", body_text="x"
    )
    body = {"reference": str(email.pk), "status": "delivered"}
    assert _report(client, body).status_code == 404
