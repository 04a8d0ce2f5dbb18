"""Paying through the sandbox gateway, a real separate process: the payment
is created once, the payer pays on the gateway's hosted page, and the portal
settles it from the gateway's own word, whichever way the news comes."""

import datetime
import io

import pytest
from django.core import mail
from django.utils import timezone
from pypdf import PdfReader

from bawaba.accounts.tests.factories import UserFactory
from bawaba.core.models import AuditEvent
from bawaba.notifications.models import Notification
from bawaba.payments import actions
from bawaba.payments.errors import PaymentMismatch
from bawaba.payments.models import Payment
from bawaba.payments.tests.helpers import (
    CHALLENGE,
    INSUFFICIENT,
    SUCCESS,
    TIMEOUT,
    pay_online,
    start,
)

pytestmark = pytest.mark.django_db


def test_the_same_key_or_a_second_tab_gives_the_same_payment(dues, account, sandbox, citizen):
    dues.add("D-1", 12_500, account.organisation, payer=citizen)
    first = actions.payment_start(kind="test_dues", payable_id="D-1", key="a", payer=citizen)
    again = actions.payment_start(kind="test_dues", payable_id="D-1", key="a", payer=citizen)
    other_tab = actions.payment_start(kind="test_dues", payable_id="D-1", key="b", payer=citizen)
    assert first.pk == again.pk == other_tab.pk
    assert Payment.objects.count() == 1
    assert first.reference.startswith("PAY-")
    assert (first.amount_fils, first.currency, first.state) == (12_500, "BHD", "created")


def test_somebody_else_cannot_pay_what_is_someone_elses(dues, account, sandbox, citizen):
    dues.add("D-1", 1_000, account.organisation, payer=citizen)
    with pytest.raises(actions.PaymentError):
        actions.payment_start(kind="test_dues", payable_id="D-1", key="a", payer=UserFactory())
    with pytest.raises(actions.PaymentError):
        actions.payment_start(kind="test_dues", payable_id="nothing", key="a", payer=citizen)
    assert not Payment.objects.exists()


def test_an_anonymous_payer_pays_gets_the_receipt_by_email_and_can_download_it(
    client, dues, account, sandbox, django_capture_on_commit_callbacks
):
    dues.add("D-2", 7_250, account.organisation)
    response = start(client, "test_dues", "D-2", email="payer@example.com")
    assert response.status_code == 302
    payment = Payment.objects.get()
    assert response["Location"] == f"{sandbox.url}/gateway/pay/{payment.checkout_id}"
    assert payment.state == "in_progress"
    # A second click goes back to the same page on the gateway.
    assert start(client, "test_dues", "D-2", key="k9")["Location"] == response["Location"]
    sandbox.complete(payment.checkout_id, SUCCESS.replace(" ", ""))
    with django_capture_on_commit_callbacks(execute=True):
        back = client.get(f"/en/accounts/payments/{payment.reference}/return/?checkout_id=forged")
    assert back["Location"] == f"/en/accounts/payments/{payment.reference}/"
    payment.refresh_from_db()
    assert payment.state == "succeeded"
    assert dues.items["D-2"]["paid_by"] == payment.reference
    assert [(e.action, e.source) for e in payment.events.all()] == [
        ("created", "portal"),
        ("begin", "portal"),
        ("succeed", "browser"),
    ]
    page = client.get(back["Location"]).content.decode()
    assert "Payment received" in page
    assert "BD 7.250" in page
    assert [message.to for message in mail.outbox] == [["payer@example.com"]]
    assert payment.reference in mail.outbox[0].subject
    pdf = client.get(f"/en/accounts/payments/{payment.reference}/receipt.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join((page.extract_text() or "") for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert payment.reference in text
    assert str(payment.receipt_code) in text
    assert "7.250" in text
    verified = client.get(f"/en/verify/{payment.receipt_code}/")
    assert verified.status_code == 200
    assert "This receipt is genuine" in verified.content.decode()
    # Another browser knows nothing of it.
    client.cookies.clear()
    assert client.get(f"/en/accounts/payments/{payment.reference}/").status_code == 404


@pytest.mark.parametrize(
    ("card", "reason", "message"),
    [
        (INSUFFICIENT, "insufficient_funds", "There was not enough money on the card."),
        (TIMEOUT, "timeout", "The bank did not answer in time."),
    ],
)
def test_a_failed_card_says_why_and_offers_to_pay_again(
    client,
    dues,
    account,
    sandbox,
    citizen,
    card,
    reason,
    message,
    django_capture_on_commit_callbacks,
):
    dues.add("D-3", 2_000, account.organisation, payer=citizen)
    client.force_login(citizen)
    failed = pay_online(
        client,
        sandbox,
        kind="test_dues",
        payable_id="D-3",
        capture=django_capture_on_commit_callbacks,
        card=card,
    )
    assert (failed.state, failed.failure_reason) == ("failed", reason)
    page = client.get(f"/en/accounts/payments/{failed.reference}/").content.decode()
    assert message in page
    assert "Pay BD 2.000" in page
    assert client.get(f"/en/accounts/payments/{failed.reference}/receipt.pdf").status_code == 404


def test_a_3d_secure_challenge_passed_on_the_gateway_is_a_payment(
    client, dues, account, sandbox, citizen, django_capture_on_commit_callbacks
):
    dues.add("D-4", 3_000, account.organisation, payer=citizen)
    client.force_login(citizen)
    paid = pay_online(
        client,
        sandbox,
        kind="test_dues",
        payable_id="D-4",
        capture=django_capture_on_commit_callbacks,
        card=CHALLENGE,
    )
    assert paid.state == "succeeded"


def test_the_gateway_down_when_starting_gives_a_clear_message_and_charges_nothing(
    client, dues, account, sandbox, citizen
):
    dues.add("D-5", 2_000, account.organisation, payer=citizen)
    client.force_login(citizen)
    sandbox.control(down=True)
    response = client.post(
        "/ar/accounts/payments/start/",
        {"kind": "test_dues", "payable_id": "D-5", "key": "k", "next": "/ar/"},
        follow=True,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "لا تستجيب خدمة الدفع" in html
    payment = Payment.objects.get()
    assert (payment.state, payment.checkout_id) == ("created", "")
    sandbox.control(down=False)
    assert actions.payment_status(payment) is None  # the gateway never heard of it
    # Trying again later goes through, with the same payment.
    again = client.post(
        "/ar/accounts/payments/start/", {"kind": "test_dues", "payable_id": "D-5", "key": "k"}
    )
    assert again["Location"].startswith(sandbox.url)
    assert Payment.objects.count() == 1


def test_a_payer_who_closes_the_tab_after_paying_is_recorded_by_the_sweeper(
    client, dues, account, sandbox, citizen, django_capture_on_commit_callbacks
):
    dues.add("D-6", 4_000, account.organisation, payer=citizen)
    client.force_login(citizen)
    sandbox.control(drop_notifications=True)  # and the notification is lost too
    start(client, "test_dues", "D-6")
    payment = Payment.objects.get()
    sandbox.complete(payment.checkout_id, SUCCESS.replace(" ", ""))
    soon = timezone.now() + datetime.timedelta(minutes=5)
    assert actions.payments_sweep(now=soon) == (0, 0)  # too early to ask
    later = timezone.now() + datetime.timedelta(minutes=11)
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.payments_sweep(now=later) == (1, 0)
    payment.refresh_from_db()
    assert payment.state == "succeeded"
    assert list(payment.events.all())[-1].source == "query"
    assert Notification.objects.filter(recipient=citizen, event="payment.succeeded").count() == 1


def test_an_abandoned_payment_expires_and_a_late_success_is_still_recorded(
    client, dues, account, sandbox, citizen, django_capture_on_commit_callbacks
):
    dues.add("D-7", 4_000, account.organisation, payer=citizen)
    client.force_login(citizen)
    start(client, "test_dues", "D-7")
    payment = Payment.objects.get()
    much_later = timezone.now() + datetime.timedelta(minutes=91)
    assert actions.payments_sweep(now=much_later) == (0, 1)
    payment.refresh_from_db()
    assert payment.state == "expired"
    # The payer paid after all, on the page still open.
    sandbox.complete(payment.checkout_id, SUCCESS.replace(" ", ""))
    with django_capture_on_commit_callbacks(execute=True):
        actions.payment_settle(payment_id=payment.pk, source="query")
    payment.refresh_from_db()
    assert payment.state == "succeeded"
    assert list(payment.events.all())[-1].action == "succeeded_late"
    # Still owed, so it is taken, not refunded.
    assert (payment.needs_refund, dues.items["D-7"]["paid_by"]) == (False, payment.reference)


def test_a_success_for_something_no_longer_owed_is_recorded_and_flagged_for_refund(
    client, dues, account, sandbox, citizen, django_capture_on_commit_callbacks
):
    dues.add("D-8", 4_000, account.organisation, payer=citizen)
    client.force_login(citizen)
    start(client, "test_dues", "D-8")
    payment = Payment.objects.get()
    dues.close("D-8")  # withdrawn, or expired, while the payer was on the gateway's page
    sandbox.complete(payment.checkout_id, SUCCESS.replace(" ", ""))
    with django_capture_on_commit_callbacks(execute=True):
        actions.payment_settle(payment_id=payment.pk, source="query")
    payment.refresh_from_db()
    assert (payment.state, payment.needs_refund) == ("succeeded", True)
    assert payment.events.filter(action="flagged_for_refund").exists()
    # The payer has a receipt: money was taken.
    assert Notification.objects.filter(recipient=citizen, event="payment.succeeded").exists()


def test_a_gateway_answer_about_another_amount_changes_nothing(
    client, dues, account, sandbox, citizen
):
    dues.add("D-9", 4_000, account.organisation, payer=citizen)
    client.force_login(citizen)
    start(client, "test_dues", "D-9")
    payment = Payment.objects.get()
    sandbox.complete(payment.checkout_id, SUCCESS.replace(" ", ""))
    Payment.objects.filter(pk=payment.pk).update(amount_fils=400)
    with pytest.raises(PaymentMismatch):
        actions.payment_settle(payment_id=payment.pk, source="query")
    payment.refresh_from_db()
    assert payment.state == "in_progress"
    assert AuditEvent.objects.get(action="payments.payment.mismatch").data["fields"] == ["amount"]
    # The payer's return shows the payment as being confirmed, not a server error.
    page = client.get(f"/en/accounts/payments/{payment.reference}/return/", follow=True)
    assert "We are confirming your payment" in page.content.decode()


def test_the_return_page_while_the_gateway_is_down_says_it_is_being_confirmed(
    client, dues, account, sandbox, citizen
):
    dues.add("D-10", 4_000, account.organisation, payer=citizen)
    client.force_login(citizen)
    start(client, "test_dues", "D-10")
    payment = Payment.objects.get()
    sandbox.control(down=True)
    page = client.get(f"/en/accounts/payments/{payment.reference}/return/", follow=True)
    assert page.status_code == 200
    assert "Do not pay again" in page.content.decode()


def test_your_payments_lists_only_your_own_newest_first(
    client, dues, account, sandbox, citizen, django_assert_max_num_queries
):
    for number in range(3):
        dues.add(f"M-{number}", 1_000 + number, account.organisation, payer=citizen)
        actions.payment_start(kind="test_dues", payable_id=f"M-{number}", key="k", payer=citizen)
    other = UserFactory()
    dues.add("M-other", 5_555, account.organisation, payer=other)
    actions.payment_start(kind="test_dues", payable_id="M-other", key="k", payer=other)
    assert client.get("/en/accounts/payments/").status_code == 302  # sign in first
    client.force_login(citizen)
    with django_assert_max_num_queries(12):
        html = client.get("/en/accounts/payments/").content.decode()
    assert html.count("/en/accounts/payments/PAY-") == 3
    assert "5.555" not in html
    assert html.index("1.002") < html.index("1.000")


def test_a_wrong_email_address_for_the_receipt_is_explained_and_nothing_starts(
    client, dues, account, sandbox
):
    dues.add("D-11", 1_000, account.organisation)
    response = client.post(
        "/en/accounts/payments/start/",
        {"kind": "test_dues", "payable_id": "D-11", "key": "k", "email": "not an address\x00"},
        follow=True,
    )
    assert response.status_code == 200
    assert "Enter an email address like name@example.com" in response.content.decode()
    assert not Payment.objects.exists()
