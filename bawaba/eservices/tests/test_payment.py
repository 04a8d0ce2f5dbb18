"""The payment step over HTTP: an application with a fee waits for payment,
and moves on only when the payments app confirms a payment (paid on the
sandbox gateway's own page, a separate process) or the provider's staff
record a payment made at their counter."""

import datetime

import pytest
from django.utils import timezone

from bawaba.accounts.tests.factories import OrganisationFactory, UserFactory, staff_with_two_step
from bawaba.cases.calendar import calendar_for
from bawaba.cases.deadlines import add_working_days
from bawaba.core.models import AuditEvent
from bawaba.eservices.models import ApplicationState
from bawaba.eservices.payment import application_payment, unpaid_expire
from bawaba.notifications.models import Notification
from bawaba.payments.models import Payment, ProviderAccount
from bawaba.payments.tests.helpers import DECLINED, pay_online, start

pytestmark = pytest.mark.django_db


def _url(application, suffix=""):
    return f"/en/applications/{application.pk}/{suffix}"


def test_paying_on_the_gateway_sends_it_to_the_provider_and_acknowledges_it(
    client, unpaid, applicant, sandbox, django_capture_on_commit_callbacks
):
    html = client.get(_url(unpaid)).content.decode()
    assert "Pay BD 2.000" in html
    payment = pay_online(
        client,
        sandbox,
        kind="application",
        payable_id=unpaid.pk,
        capture=django_capture_on_commit_callbacks,
    )
    assert payment.state == "succeeded"
    assert payment.transaction_id.startswith("SBX")
    assert payment.fee_fils == 50  # the sandbox's minimum fee on BD 2.000
    unpaid.refresh_from_db()
    assert unpaid.state == ApplicationState.SUBMITTED
    assert application_payment(unpaid) == payment
    assert unpaid.due_on == add_working_days(calendar_for(), timezone.localdate(), 3)
    events = sorted(
        Notification.objects.filter(recipient=applicant).values_list("event", flat=True)
    )
    assert events == ["application.payment_due", "application.received", "payment.succeeded"]
    assert list(unpaid.events.values_list("action", flat=True)) == ["started", "submitted", "paid"]
    paid = unpaid.events.get(action="paid")
    assert paid.message_en == f"Fee paid, reference {payment.reference}."
    audit = AuditEvent.objects.get(action="eservices.application.paid")
    assert audit.data == {"application": str(unpaid.pk), "amount_fils": 2000, "channel": "online"}
    # The application page shows the fee paid, with the receipt.
    page = client.get(_url(unpaid)).content.decode()
    assert f"/en/accounts/payments/{payment.reference}/" in page
    assert "Pay BD 2.000" not in page
    # Paying again finds nothing to pay.
    again = start(client, "application", unpaid.pk, key="k2")
    assert again["Location"] == "/en/"
    assert Payment.objects.count() == 1


def test_a_declined_card_changes_nothing_and_the_fee_can_be_paid_again(
    client, unpaid, sandbox, django_capture_on_commit_callbacks
):
    declined = pay_online(
        client,
        sandbox,
        kind="application",
        payable_id=unpaid.pk,
        capture=django_capture_on_commit_callbacks,
        card=DECLINED,
    )
    assert (declined.state, declined.failure_reason) == ("failed", "declined")
    page = client.get(f"/en/accounts/payments/{declined.reference}/").content.decode()
    assert "Your payment did not go through" in page
    assert "The bank declined the card." in page
    assert "Pay BD 2.000" in page
    unpaid.refresh_from_db()
    assert unpaid.state == ApplicationState.AWAITING_PAYMENT
    paid = pay_online(
        client,
        sandbox,
        kind="application",
        payable_id=unpaid.pk,
        capture=django_capture_on_commit_callbacks,
        key="k2",
    )
    assert paid.state == "succeeded"
    unpaid.refresh_from_db()
    assert unpaid.state == ApplicationState.SUBMITTED


def test_another_applicant_cannot_pay_it_or_see_its_payment(
    client, unpaid, sandbox, django_capture_on_commit_callbacks
):
    payment = pay_online(
        client,
        sandbox,
        kind="application",
        payable_id=unpaid.pk,
        capture=django_capture_on_commit_callbacks,
        card=DECLINED,
    )
    client.force_login(UserFactory.create())
    response = start(client, "application", unpaid.pk, key="other")
    assert response.status_code == 302
    assert not Payment.objects.filter(idempotency_key__endswith=":other").exists()
    for suffix in ("", "return/", "receipt.pdf"):
        assert client.get(f"/en/accounts/payments/{payment.reference}/{suffix}").status_code == 404


def test_without_an_online_payment_account_the_applicant_is_told_to_pay_at_the_counter(
    client, unpaid
):
    ProviderAccount.objects.update(is_active=False)
    html = client.get(_url(unpaid)).content.decode()
    assert "Online payment is not available yet" in html
    assert "Pay BD 2.000" not in html
    response = start(client, "application", unpaid.pk)
    assert response.status_code == 302
    assert not Payment.objects.exists()


def test_unpaid_applications_cannot_be_taken_and_staff_record_counter_payments(
    client, unpaid, django_capture_on_commit_callbacks
):
    worker = staff_with_two_step(unpaid.organisation, "case_worker")
    client.force_login(worker)
    html = client.get(f"/en/staff/applications/{unpaid.pk}/").content.decode()
    assert "Waiting for payment" in html
    assert "not paid yet" in html
    assert "Record a payment made at the counter" in html
    assert html.count("Only when the applicant has paid the whole fee") == 1
    assert "Take it" not in html

    act = f"/en/staff/applications/{unpaid.pk}/act/"
    refused = client.post(act, {"move": "claim", "revision": unpaid.revision})
    assert refused.status_code == 400
    assert "This is no longer possible" in refused.content.decode()

    empty = client.post(act, {"move": "record_payment", "revision": unpaid.revision})
    assert empty.status_code == 400
    assert "Enter the receipt number of the payment." in empty.content.decode()
    page = empty.content.decode()
    assert 'aria-describedby="record_payment-receipt_error"' in page
    assert '<a href="#record_payment-receipt">Enter the receipt number' in page

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            act, {"move": "record_payment", "revision": unpaid.revision, "receipt": "R-1001"}
        )
    assert done.status_code == 302
    unpaid.refresh_from_db()
    assert unpaid.state == ApplicationState.SUBMITTED
    payment = Payment.objects.get()
    assert (payment.channel, payment.state, payment.transaction_id) == (
        "counter",
        "succeeded",
        "R-1001",
    )
    assert payment.receipt_code
    assert list(payment.events.values_list("action", "source")) == [
        ("created", "staff"),
        ("recorded", "staff"),
    ]
    assert unpaid.due_on == add_working_days(calendar_for(), timezone.localdate(), 3)
    audit = AuditEvent.objects.get(action="eservices.application.paid")
    assert audit.data["channel"] == "counter"
    assert audit.actor == worker
    html = client.get(f"/en/staff/applications/{unpaid.pk}/").content.decode()
    assert f'(reference <bdi dir="ltr" class="isolate-code">{payment.reference}</bdi>)' in html
    assert "Take it" in html


def test_another_providers_staff_cannot_record_a_payment(client, unpaid):
    outsider = staff_with_two_step(OrganisationFactory.create(), "case_worker")
    client.force_login(outsider)
    act = f"/en/staff/applications/{unpaid.pk}/act/"
    response = client.post(
        act, {"move": "record_payment", "revision": unpaid.revision, "receipt": "R-1"}
    )
    assert response.status_code == 404
    unpaid.refresh_from_db()
    assert unpaid.state == ApplicationState.AWAITING_PAYMENT
    assert not Payment.objects.exists()


def test_an_unpaid_application_can_be_withdrawn(client, unpaid):
    response = client.post(_url(unpaid, "withdraw/"), {"revision": unpaid.revision})
    assert response.status_code == 302
    unpaid.refresh_from_db()
    assert unpaid.state == ApplicationState.WITHDRAWN


def test_an_unpaid_application_is_warned_about_then_expires(unpaid, applicant, settings):
    settings.APPLICATION_UNPAID_DAYS = 14
    sent = unpaid.submitted_at
    assert unpaid_expire(now=sent + datetime.timedelta(days=10)) == (0, 0)
    assert unpaid_expire(now=sent + datetime.timedelta(days=12)) == (1, 0)
    assert unpaid_expire(now=sent + datetime.timedelta(days=12, hours=1)) == (0, 0)  # once
    warning = Notification.objects.get(recipient=applicant, event="application.payment_expiring")
    assert "BD 2.000" in warning.body
    assert unpaid_expire(now=sent + datetime.timedelta(days=15)) == (0, 1)
    unpaid.refresh_from_db()
    assert unpaid.state == ApplicationState.EXPIRED
    assert Notification.objects.filter(
        recipient=applicant, event="application.status_changed"
    ).exists()
