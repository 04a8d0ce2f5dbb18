"""The gateway's signed notifications: the real bodies the sandbox sent,
delivered to the portal as the gateway delivers them, tampered with,
replayed, and delivered many times at once."""

import json
import threading
import time

import pytest
from django.db import connections
from django.test import Client

from bawaba.core.models import AuditEvent
from bawaba.notifications.models import Notification
from bawaba.payments.models import GatewayNotification, Payment
from bawaba.payments.tests.helpers import SUCCESS, signed, start

pytestmark = pytest.mark.django_db


def _hook(account):
    return f"/hooks/payments/{account.public_id}/"


def _paid_and_notified(client, dues, account, sandbox, payer, payable_id="N-1"):
    """A payment the payer paid on the gateway's page, and the body of the
    notification the gateway sent about it (the portal has not heard yet)."""
    dues.add(payable_id, 6_000, account.organisation, payer=payer)
    client.force_login(payer)
    start(client, "test_dues", payable_id)
    payment = Payment.objects.get(payable_id=payable_id)
    sandbox.complete(payment.checkout_id, SUCCESS.replace(" ", ""))
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        sent = sandbox.notifications(payment.reference)
        if sent:
            return payment, sent[-1]["body"].encode()
        time.sleep(0.05)
    raise AssertionError("the sandbox sent no notification")


def _deliver(client, account, body, **headers):
    return client.post(
        _hook(account), body, content_type="application/json", headers=headers or signed(body)
    )


def test_a_notification_settles_the_payment_after_asking_the_gateway(
    client, dues, account, sandbox, citizen, django_capture_on_commit_callbacks
):
    payment, body = _paid_and_notified(client, dues, account, sandbox, citizen)
    with django_capture_on_commit_callbacks(execute=True):
        response = _deliver(Client(), account, body)
    assert response.status_code == 200
    payment.refresh_from_db()
    assert payment.state == "succeeded"
    assert list(payment.events.all())[-1].source == "notification"


def test_the_same_notification_ten_times_gives_one_payment_one_receipt_one_message(
    client, dues, account, sandbox, citizen, django_capture_on_commit_callbacks
):
    payment, body = _paid_and_notified(client, dues, account, sandbox, citizen)
    gateway = Client()
    with django_capture_on_commit_callbacks(execute=True):
        answers = [_deliver(gateway, account, body).status_code for _ in range(10)]
    assert answers == [200] * 10
    payment.refresh_from_db()
    assert payment.state == "succeeded"
    assert payment.events.filter(action="succeed").count() == 1
    assert GatewayNotification.objects.count() == 1
    assert Notification.objects.filter(recipient=citizen, event="payment.succeeded").count() == 1


@pytest.mark.parametrize(
    "tamper",
    ["bad signature", "changed amount", "another provider's secret", "replayed old one"],
)
def test_a_tampered_notification_is_refused_logged_and_changes_nothing(
    client, dues, account, sandbox, citizen, tamper, caplog
):
    payment, body = _paid_and_notified(client, dues, account, sandbox, citizen)
    headers = signed(body)
    if tamper == "bad signature":
        headers["X-Sandbox-Signature"] = "sha256=" + "0" * 64
    elif tamper == "changed amount":
        changed = json.loads(body)
        changed["amount"] = 1
        body = json.dumps(changed).encode()
        headers = signed(body)
    elif tamper == "another provider's secret":
        headers = signed(body, secret="other-secret")  # the other test merchant
    else:
        headers = signed(body, timestamp=int(time.time()) - 3600)
    response = _deliver(Client(), account, body, **headers)
    assert response.status_code == 400
    payment.refresh_from_db()
    assert payment.state == "in_progress"
    assert not GatewayNotification.objects.exists()
    assert "payments.notification_refused" in caplog.text
    assert "test-secret" not in caplog.text


def test_a_notification_for_an_unknown_account_or_payment_is_refused(client, account):
    body = b'{"delivery_id": "dlv_1", "order_reference": "PAY-0000-0000"}'
    assert Client().post(
        "/hooks/payments/00000000-0000-0000-0000-000000000000/",
        body,
        content_type="application/json",
        headers=signed(body),
    ).status_code in (400, 404)
    assert _deliver(Client(), account, b"not json").status_code == 400
    assert not AuditEvent.objects.filter(action="payments.payment.succeeded").exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_ten_deliveries_at_the_same_moment_give_exactly_one_success(
    client, dues, account, sandbox, citizen
):
    payment, body = _paid_and_notified(client, dues, account, sandbox, citizen)
    barrier = threading.Barrier(10)
    answers: list = []

    def deliver():
        try:
            barrier.wait()
            answers.append(_deliver(Client(), account, body).status_code)
        except Exception as error:  # the test reports it
            answers.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=deliver) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert answers == [200] * 10
    payment.refresh_from_db()
    assert payment.state == "succeeded"
    assert payment.events.filter(action="succeed").count() == 1
    assert Payment.objects.filter(receipt_code__isnull=False).count() == 1
    assert Notification.objects.filter(recipient=citizen, event="payment.succeeded").count() == 1
