"""The payment step over HTTP: an application with a fee waits for payment,
and moves on only when the sandbox gateway confirms it or the provider's
staff record a payment made at their counter."""

import pytest
from django.utils import timezone

from bawaba.accounts.tests.factories import OrganisationFactory, UserFactory, staff_with_two_step
from bawaba.cases.calendar import calendar_for
from bawaba.cases.deadlines import add_working_days
from bawaba.core.models import AuditEvent
from bawaba.eservices import payment
from bawaba.eservices.models import ApplicationState
from bawaba.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _url(application, suffix=""):
    return f"/en/applications/{application.pk}/{suffix}"


def test_paying_in_the_sandbox_sends_it_to_the_provider_and_acknowledges_it(
    client, unpaid, applicant, django_capture_on_commit_callbacks
):
    response = client.post(_url(unpaid, "pay/"))
    assert response["Location"] == _url(unpaid, "pay/sandbox/")
    html = client.get(response["Location"]).content.decode()
    assert "Test payment page" in html
    assert "no money is taken" in html
    assert "Pay BD 2.000" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(unpaid, "pay/sandbox/"), {"outcome": "pay"}, follow=True)
    assert "Payment received. Your application is now with" in response.content.decode()
    unpaid.refresh_from_db()
    assert unpaid.state == ApplicationState.SUBMITTED
    assert unpaid.paid_at is not None
    assert unpaid.payment_reference.startswith("SANDBOX-")
    assert unpaid.due_on == add_working_days(calendar_for(), timezone.localdate(), 3)
    events = list(Notification.objects.filter(recipient=applicant).values_list("event", flat=True))
    assert sorted(events) == ["application.payment_due", "application.received"]
    assert list(unpaid.events.values_list("action", flat=True)) == ["started", "submitted", "paid"]
    paid = unpaid.events.get(action="paid")
    assert paid.message_en == f"Fee paid, reference {unpaid.payment_reference}."
    assert unpaid.payment_reference in paid.message_ar
    audit = AuditEvent.objects.get(action="eservices.application.paid")
    assert audit.data["amount_fils"] == 2000
    assert audit.data["channel"] == "online"
    # Paid once: the pay pages only lead back to the application now.
    assert client.post(_url(unpaid, "pay/sandbox/"), {"outcome": "pay"}).status_code == 302
    unpaid.refresh_from_db()
    assert unpaid.events.filter(action="paid").count() == 1


def test_a_declined_payment_changes_nothing_and_can_be_tried_again(client, unpaid):
    response = client.post(_url(unpaid, "pay/sandbox/"), {"outcome": "decline"}, follow=True)
    html = response.content.decode()
    assert "The payment did not go through and nothing was taken" in html
    assert "Pay BD 2.000" in html
    unpaid.refresh_from_db()
    assert unpaid.state == ApplicationState.AWAITING_PAYMENT
    assert unpaid.paid_at is None


def test_the_gateway_confirming_twice_records_one_payment(unpaid):
    first = payment.application_paid(application_id=unpaid.pk, amount_fils=2000, reference="GW-1")
    again = payment.application_paid(application_id=unpaid.pk, amount_fils=2000, reference="GW-1")
    assert first.revision == again.revision
    assert unpaid.events.filter(action="paid").count() == 1


def test_a_payment_of_the_wrong_amount_is_refused(unpaid):
    with pytest.raises(payment.PaymentError, match="not the fee"):
        payment.application_paid(application_id=unpaid.pk, amount_fils=1000, reference="GW-2")
    unpaid.refresh_from_db()
    assert unpaid.state == ApplicationState.AWAITING_PAYMENT


def test_another_applicant_cannot_pay_or_see_the_payment_page(client, unpaid):
    client.force_login(UserFactory.create())
    assert client.get(_url(unpaid, "pay/sandbox/")).status_code == 404
    assert client.post(_url(unpaid, "pay/sandbox/"), {"outcome": "pay"}).status_code == 404
    assert client.post(_url(unpaid, "pay/")).status_code == 404
    unpaid.refresh_from_db()
    assert unpaid.state == ApplicationState.AWAITING_PAYMENT


def test_without_an_online_gateway_the_applicant_is_told_to_pay_at_the_counter(
    client, unpaid, settings
):
    settings.PAYMENT_GATEWAY = ""
    html = client.get(_url(unpaid)).content.decode()
    assert "Online payment is not available yet" in html
    assert "Pay BD 2.000" not in html
    assert client.get(_url(unpaid, "pay/sandbox/")).status_code == 404
    assert client.post(_url(unpaid, "pay/"))["Location"] == _url(unpaid)


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
    assert unpaid.payment_reference == "R-1001"
    assert unpaid.due_on == add_working_days(calendar_for(), timezone.localdate(), 3)
    audit = AuditEvent.objects.get(action="eservices.application.paid")
    assert audit.data["channel"] == "counter"
    assert audit.actor == worker
    html = client.get(f"/en/staff/applications/{unpaid.pk}/").content.decode()
    assert '(reference <bdi dir="ltr" class="isolate-code">R-1001</bdi>)' in html
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


def test_an_unpaid_application_can_be_withdrawn(client, unpaid):
    response = client.post(_url(unpaid, "withdraw/"), {"revision": unpaid.revision})
    assert response.status_code == 302
    unpaid.refresh_from_db()
    assert unpaid.state == ApplicationState.WITHDRAWN
