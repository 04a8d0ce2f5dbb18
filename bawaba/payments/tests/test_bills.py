"""Bills and fines paid by reference, against the real sandbox process: the
lookup, the payment through the gateway, and the biller told of it."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from bawaba.accounts.tests.factories import staff_with_two_step
from bawaba.payments.bill_actions import biller_notice_attempt, biller_notices_redrive
from bawaba.payments.billers import biller_adapter
from bawaba.payments.constants import PaymentState
from bawaba.payments.models import BillerNotice, Payment
from bawaba.payments.selectors import biller_notice_list_dead
from bawaba.payments.tests.bill_helpers import (
    biller_row,
    look_up,
    looked_up_bill,
    pay_while_biller_down,
    sandbox_account,
)
from bawaba.payments.tests.helpers import pay_online

pytestmark = pytest.mark.django_db


def _owed(code: str, reference: str) -> int:
    """What the sandbox's biller says the account owes now."""
    found = biller_adapter("sandbox").lookup(code, reference)
    assert found is not None
    return found.amount_fils


NOT_FOUND_FINE = "We could not find a fine with this number and CPR number."


def test_anyone_pays_a_bill_by_reference_and_the_biller_acknowledges_it(
    client, sandbox, django_capture_on_commit_callbacks
):
    biller_row("ewa")
    reference = sandbox_account(sandbox, "ewa", 12_500)
    page = client.get("/en/pay/ewa/")
    assert page.status_code == 200
    assert "Account number" in page.content.decode()

    bill = looked_up_bill(client, "ewa", f" {reference.lower()} ")
    assert bill.reference == reference
    assert bill.amount_fils == 12_500
    assert bill.holder == "S*** A***"
    html = client.get(f"/en/pay/bills/{bill.pk}/").content.decode()
    assert "S*** A***" in html
    assert "BD 12.500" in html
    assert "Email address for the receipt" in html  # no account: the receipt by email

    payment = pay_online(
        client, sandbox, kind="bill", payable_id=bill.pk, capture=django_capture_on_commit_callbacks
    )
    assert payment.state == PaymentState.SUCCEEDED
    assert payment.amount_fils == 12_500
    assert payment.payer_id is None
    bill.refresh_from_db()
    assert bill.paid_at is not None
    notice = BillerNotice.objects.get(payment=payment)
    assert notice.acknowledgement.startswith("ACK")
    assert notice.acknowledged_at is not None
    assert notice.attempts == 1
    # The biller took it off what the account owes.
    assert _owed("ewa", reference) == 0
    # The bill page now says it is paid and links to the receipt.
    html = client.get(f"/en/pay/bills/{bill.pk}/").content.decode()
    assert "This bill has been paid on Bawaba." in html
    assert payment.reference in html


def test_arabic_indic_digits_and_a_mobile_number_find_the_bill(client, sandbox):
    biller_row("telecom")
    bill = looked_up_bill(client, "telecom", "+٩٧٣ ٣٦٠٠ ١٢٣٤")
    assert bill.reference == "DT55001234"  # the seed's account of that mobile number


def test_a_fine_needs_its_owners_cpr_and_a_wrong_one_reads_as_not_found(client, sandbox):
    biller_row("traffic")
    reference = sandbox_account(sandbox, "traffic", 50_000, owner_cpr="900101234")
    missing = look_up(client, "traffic", reference, "")
    assert missing.status_code == 200
    assert "Enter “The fine owner’s CPR number”" in missing.content.decode() or (
        "CPR" in missing.content.decode()
    )
    wrong = look_up(client, "traffic", reference, "850505678").content.decode()
    unknown = look_up(client, "traffic", "TF0000000000", "900101234").content.decode()
    assert NOT_FOUND_FINE in wrong
    assert NOT_FOUND_FINE in unknown
    assert f'value="{reference}"' in wrong  # what was typed is kept
    bill = looked_up_bill(client, "traffic", reference, "٩٠٠١٠١٢٣٤")
    assert bill.owner_cpr == "900101234"
    assert bill.amount_fils == 50_000


def test_nothing_owed_and_unknown_references_are_explained(client, sandbox):
    biller_row("ewa")
    empty = sandbox_account(sandbox, "ewa", 0)
    assert "There is nothing to pay on" in look_up(client, "ewa", empty).content.decode()
    assert "We could not find a bill with this reference." in (
        look_up(client, "ewa", "NO-SUCH-1").content.decode()
    )


def test_a_biller_that_is_down_gets_a_clear_message_not_an_error(client, sandbox):
    biller_row("ewa")
    reference = sandbox_account(sandbox, "ewa", 1_000)
    sandbox.control(billers_down=True)
    response = look_up(client, "ewa", reference)
    assert response.status_code == 200
    assert "is not answering at the moment" in response.content.decode()


def test_a_biller_down_when_told_never_holds_back_the_receipt(
    client, sandbox, settings, django_capture_on_commit_callbacks
):
    biller_row("cooling")
    reference = sandbox_account(sandbox, "cooling", 64_500)
    bill = looked_up_bill(client, "cooling", reference)
    payment = pay_while_biller_down(client, sandbox, bill, django_capture_on_commit_callbacks)
    payment.refresh_from_db()
    assert payment.state == PaymentState.SUCCEEDED
    assert payment.receipt_code  # the receipt is there at once
    assert client.get(f"/en/accounts/payments/{payment.reference}/").status_code == 200
    notice = BillerNotice.objects.get(payment=payment)
    assert notice.acknowledged_at is None
    assert notice.attempts == 1
    assert notice.dead_at is None
    assert "BillerUnavailable" in notice.last_error
    assert notice.next_attempt_at is not None
    assert notice.next_attempt_at > timezone.now()
    # Not due yet: the re-drive leaves it.
    assert biller_notices_redrive() == 0
    sandbox.control(billers_down=False)
    # Time passes until the next try is due; the beat's re-drive sends it.
    BillerNotice.objects.filter(pk=notice.pk).update(
        next_attempt_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert biller_notices_redrive() == 1  # tasks run inline in the tests
    notice.refresh_from_db()
    assert notice.acknowledged_at is not None
    assert notice.attempts == 2
    assert _owed("cooling", reference) == 0


def test_the_redrive_tells_the_biller_of_notices_that_are_due(
    client, sandbox, django_capture_on_commit_callbacks
):
    biller_row("ewa")
    reference = sandbox_account(sandbox, "ewa", 3_000)
    bill = looked_up_bill(client, "ewa", reference)
    payment = pay_while_biller_down(client, sandbox, bill, django_capture_on_commit_callbacks)
    notice = BillerNotice.objects.get(payment=payment)
    assert notice.pending
    BillerNotice.objects.filter(pk=notice.pk).update(next_attempt_at=timezone.now())
    sandbox.control(billers_down=False)
    assert biller_notices_redrive() == 1  # tasks run inline in the tests
    notice.refresh_from_db()
    assert notice.acknowledged_at is not None


def test_a_notice_is_dead_after_the_last_try_and_listed_for_staff(
    client, sandbox, settings, django_capture_on_commit_callbacks
):
    settings.PAYMENTS_BILLER_MAX_ATTEMPTS = 2
    biller_row("ewa")
    reference = sandbox_account(sandbox, "ewa", 2_000)
    bill = looked_up_bill(client, "ewa", reference)
    payment = pay_while_biller_down(client, sandbox, bill, django_capture_on_commit_callbacks)
    notice = BillerNotice.objects.get(payment=payment)
    assert notice.attempts == 1 and notice.dead_at is None
    tried = biller_notice_attempt(notice_id=notice.pk, now=notice.next_attempt_at)
    assert tried is not None
    assert tried.attempts == 2
    assert tried.dead_at is not None
    assert list(biller_notice_list_dead()) == [tried]
    # Dead: the re-drive leaves it to staff.
    assert biller_notices_redrive(now=timezone.now() + datetime.timedelta(days=1)) == 0


def test_staff_try_a_dead_notice_again_from_the_administration_site(
    client, sandbox, settings, django_capture_on_commit_callbacks
):
    settings.PAYMENTS_BILLER_MAX_ATTEMPTS = 1
    admin_client = Client()
    admin_client.force_login(staff_with_two_step(is_superuser=True, is_staff=True))
    biller_row("ewa")
    reference = sandbox_account(sandbox, "ewa", 2_500)
    bill = looked_up_bill(client, "ewa", reference)
    payment = pay_while_biller_down(client, sandbox, bill, django_capture_on_commit_callbacks)
    notice = BillerNotice.objects.get(payment=payment)
    assert notice.dead_at is not None
    assert admin_client.get("/en/admin/payments/biller/").status_code == 200
    assert admin_client.get("/en/admin/payments/biller/add/").status_code == 200
    listing = admin_client.get("/en/admin/payments/billernotice/?state=dead")
    assert listing.status_code == 200
    assert payment.reference in listing.content.decode()
    sandbox.control(billers_down=False)
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            "/en/admin/payments/billernotice/",
            {"action": "retry_now", "_selected_action": [notice.pk]},
        )
    notice.refresh_from_db()
    assert notice.acknowledged_at is not None
    assert notice.dead_at is None


def test_paying_while_the_biller_is_down_says_so_and_takes_nothing(client, sandbox):
    biller_row("ewa")
    bill = looked_up_bill(client, "ewa", sandbox_account(sandbox, "ewa", 4_000))
    sandbox.control(billers_down=True)
    back = f"/en/pay/bills/{bill.pk}/"
    response = client.post(
        "/en/accounts/payments/start/",
        {"kind": "bill", "payable_id": str(bill.pk), "key": "k1", "next": back},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == back
    assert "is not answering at the moment" in response.content.decode()
    assert not Payment.objects.exists()


def test_a_biller_that_refuses_a_payment_leaves_the_notice_to_staff_at_once(
    client, sandbox, django_capture_on_commit_callbacks
):
    """Two tabs paid the same bill before the biller heard of either: it
    takes the first and refuses the second (more than is owed)."""
    biller_row("ewa")
    reference = sandbox_account(sandbox, "ewa", 5_000)
    first = looked_up_bill(client, "ewa", reference)
    second = looked_up_bill(client, "ewa", reference)
    payments = []
    for bill in (first, second):
        client.post(
            "/en/accounts/payments/start/",
            {"kind": "bill", "payable_id": str(bill.pk), "key": "k1"},
        )
        payments.append(Payment.objects.get(payable_id=str(bill.pk)))
    for payment in payments:
        sandbox.complete(payment.checkout_id, "4111111111111111")
        with django_capture_on_commit_callbacks(execute=True):
            client.get(f"/en/accounts/payments/{payment.reference}/return/")
    taken, refused = (BillerNotice.objects.get(payment=payment) for payment in payments)
    assert taken.acknowledged_at is not None
    assert refused.acknowledged_at is None
    assert refused.dead_at is not None
    assert refused.attempts == 1
    assert "amount_too_large" in refused.last_error
    assert list(biller_notice_list_dead()) == [refused]
