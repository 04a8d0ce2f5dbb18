"""Refunds through the real sandbox gateway: partial then full, four eyes
above the second-person amount, more than refundable refused, the gateway
down, a stale form, and the payer told."""

import pytest
from django.db import IntegrityError, transaction

from bawaba.accounts.tests.factories import UserFactory
from bawaba.core.models import AuditEvent
from bawaba.notifications.models import Notification
from bawaba.payments import refunds
from bawaba.payments.actions import payment_status
from bawaba.payments.constants import PaymentState, RefundState
from bawaba.payments.errors import RefundError
from bawaba.payments.gateways import gateway_get
from bawaba.payments.models import Payment, PaymentEvent, Refund
from bawaba.payments.tests.finance_helpers import paid

pytestmark = pytest.mark.django_db


def _at_gateway(payment):
    """What the sandbox gateway says of the payment now."""
    status = payment_status(payment)
    assert status is not None
    return status


@pytest.fixture
def payer():
    return UserFactory.create(email="payer@bawaba.example", preferred_language="en")


@pytest.fixture
def payment(client, sandbox, fees, provider, payer, django_capture_on_commit_callbacks):
    """BD 20.000 paid on the sandbox's page by ``payer``."""
    return paid(
        client, sandbox, fees, provider, 20_000, django_capture_on_commit_callbacks, payer=payer
    )


def _refund(client, payment, amount, reason="Paid twice", revision=None):
    return client.post(
        f"/en/staff/payments/{payment.reference}/refunds/",
        {
            "amount": amount,
            "reason": reason,
            "revision": payment.revision if revision is None else revision,
        },
    )


def test_a_partial_then_a_full_refund(client, finance, payment, fees, payer, sandbox):
    client.force_login(finance)
    response = _refund(client, payment, "١٢٫٥")  # BD 12.500, Arabic-Indic digits and ٫
    assert response.status_code == 302, response.content.decode()[:3000]
    payment.refresh_from_db()
    assert payment.state == PaymentState.PARTLY_REFUNDED
    assert payment.refunded_fils == 12_500
    assert _at_gateway(payment).status == "partly_refunded"
    refund = payment.refunds.get()
    assert refund.state == RefundState.SUCCEEDED and refund.gateway_refund_id
    assert fees.refunds == [(payment.reference, 12_500)]
    told = Notification.objects.get(recipient=payer, event="payment.refunded")
    assert "12.500" in str(told.__dict__)
    event = payment.events.get(action="refunded")
    assert event.source == "staff" and event.actor == finance

    _refund(client, payment, "7.5")
    payment.refresh_from_db()
    assert payment.state == PaymentState.REFUNDED
    assert payment.refunded_fils == 20_000 and payment.refundable_fils == 0
    assert _at_gateway(payment).status == "refunded"
    assert fees.refunds[-1] == (payment.reference, 7_500)
    assert Notification.objects.filter(recipient=payer, event="payment.refunded").count() == 2
    assert AuditEvent.objects.filter(action="payments.refund.succeeded").count() == 2
    html = client.get(f"/en/staff/payments/{payment.reference}/").content.decode()
    assert "There is nothing left to refund on this payment." in html


def test_a_full_refund_clears_the_to_be_refunded_flag(client, finance, payment):
    Payment.objects.filter(pk=payment.pk).update(needs_refund=True)
    payment.refresh_from_db()
    client.force_login(finance)
    _refund(client, payment, "20")
    payment.refresh_from_db()
    assert payment.state == PaymentState.REFUNDED and not payment.needs_refund


def test_more_than_refundable_is_refused_and_nothing_changes(client, finance, payment):
    client.force_login(finance)
    response = _refund(client, payment, "20.001")
    assert response.status_code == 400
    assert "The most you can refund on this payment now is BD 20.000." in (
        response.content.decode()
    )
    payment.refresh_from_db()
    assert payment.state == PaymentState.SUCCEEDED and payment.refunded_fils == 0
    assert not payment.refunds.exists()
    assert _at_gateway(payment).status == "succeeded"


def test_above_the_second_person_amount_a_colleague_confirms(
    client, finance, colleague, payment, settings
):
    settings.PAYMENTS_REFUND_SECOND_PERSON_FILS = 10_000
    client.force_login(finance)
    response = _refund(client, payment, "15")
    assert response.status_code == 302
    refund = payment.refunds.get()
    assert refund.state == RefundState.AWAITING_CONFIRMATION
    payment.refresh_from_db()
    assert payment.state == PaymentState.SUCCEEDED and payment.refunded_fils == 0
    assert _at_gateway(payment).status == "succeeded"
    # What waits is held back: only BD 5.000 more can be asked for.
    assert refunds.refundable_now_fils(payment) == 5_000

    # The person who asked cannot confirm, on the page or in the database.
    html = client.get(f"/en/staff/payments/{payment.reference}/").content.decode()
    assert "another member of the finance staff confirms it" in html
    confirm = f"/en/staff/payments/{payment.reference}/refunds/{refund.pk}/confirm/"
    client.post(confirm, {"revision": payment.revision})
    refund.refresh_from_db()
    assert refund.state == RefundState.AWAITING_CONFIRMATION
    with pytest.raises(RefundError), transaction.atomic():
        refunds.refund_confirm(refund_id=refund.pk, actor=finance)
    with pytest.raises(IntegrityError), transaction.atomic():
        Refund.objects.filter(pk=refund.pk).update(confirmed_by=finance)

    client.force_login(colleague)
    response = client.post(confirm, {"revision": payment.revision})
    assert response.status_code == 302
    refund.refresh_from_db()
    payment.refresh_from_db()
    assert refund.state == RefundState.SUCCEEDED and refund.confirmed_by == colleague
    assert payment.state == PaymentState.PARTLY_REFUNDED and payment.refunded_fils == 15_000
    assert _at_gateway(payment).status == "partly_refunded"


def test_a_refund_waiting_for_a_second_person_can_be_cancelled(client, finance, payment, settings):
    settings.PAYMENTS_REFUND_SECOND_PERSON_FILS = 10_000
    client.force_login(finance)
    _refund(client, payment, "15")
    refund = payment.refunds.get()
    payment.refresh_from_db()
    client.post(
        f"/en/staff/payments/{payment.reference}/refunds/{refund.pk}/cancel/",
        {"revision": payment.revision},
    )
    refund.refresh_from_db()
    assert refund.state == RefundState.CANCELLED
    payment.refresh_from_db()
    assert refunds.refundable_now_fils(payment) == 20_000


def test_the_gateway_down_refunds_nothing_and_says_so_then_sending_again_works(
    client, finance, payment, sandbox
):
    events = payment.events.count()
    sandbox.control(down=True)
    client.force_login(finance)
    response = _refund(client, payment, "5")
    html = response.content.decode()
    assert response.status_code == 503
    assert "The payment gateway is not answering at the moment" in html
    payment.refresh_from_db()
    assert payment.state == PaymentState.SUCCEEDED and payment.refunded_fils == 0
    assert payment.events.count() == events
    refund = payment.refunds.get()
    assert refund.state == RefundState.FAILED and refund.failure == "gateway_unavailable"
    assert (
        "The payment gateway was not answering."
        in client.get(f"/en/staff/payments/{payment.reference}/").content.decode()
    )

    sandbox.control(down=False)
    payment.refresh_from_db()
    client.post(
        f"/en/staff/payments/{payment.reference}/refunds/{refund.pk}/retry/",
        {"revision": payment.revision},
    )
    refund.refresh_from_db()
    payment.refresh_from_db()
    assert refund.state == RefundState.SUCCEEDED
    assert payment.refunded_fils == 5_000 and payment.state == PaymentState.PARTLY_REFUNDED


def test_a_refund_sent_twice_is_refunded_once(finance, payment):
    """The portal stopped after the gateway refunded but before recording it:
    sending it again finds the same refund at the gateway."""
    refund = Refund.objects.create(
        payment=payment,
        amount_fils=5_000,
        reason="Paid twice",
        requested_by=finance,
        state=RefundState.FAILED,
        failure="sending",
    )
    gateway_get("sandbox").refund(
        payment.account, payment, amount_fils=5_000, reference=str(refund.pk)
    )
    again = refunds.refund_retry(refund_id=refund.pk, actor=finance)
    assert again.state == RefundState.SUCCEEDED
    payment.refresh_from_db()
    assert payment.refunded_fils == 5_000
    assert _at_gateway(payment).refunded_fils == 5_000


def test_a_stale_form_is_refused(client, finance, payment):
    client.force_login(finance)
    old = payment.revision
    _refund(client, payment, "5")
    response = _refund(client, payment, "5", revision=old)
    assert response.status_code == 409
    assert "Someone changed this payment since you opened it" in response.content.decode()
    payment.refresh_from_db()
    assert payment.refunded_fils == 5_000


def test_the_reason_is_required_and_keeps_the_text_rules(finance, payment):
    for reason in ("", "   ", "a\x00b", "x" * 1001):
        with pytest.raises(RefundError):
            refunds.refund_request(
                payment=payment,
                amount_fils=1000,
                reason=reason,
                actor=finance,
                revision=payment.revision,
            )
    assert not PaymentEvent.objects.filter(payment=payment, action="refunded").exists()
