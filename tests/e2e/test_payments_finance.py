"""The finance staff's pages pass axe-core in both languages: the payments
list with its filters, a payment with its history, refunds and refund form
(with its errors), and reconciliation with rows that do not match."""

import pytest
from django.utils import timezone

from bawaba.accounts.constants import Role
from bawaba.accounts.tests.factories import OrganisationFactory, staff_with_two_step
from bawaba.payments.actions import payment_event_record
from bawaba.payments.constants import RefundState
from bawaba.payments.models import Refund
from bawaba.payments.tests.finance_helpers import payment_make
from bawaba.payments.tests.helpers import provider_account
from tests.e2e.conftest import axe_violations, click_and_wait, sign_in


@pytest.fixture
def finance_pages(page, live_server, sandbox):
    provider = OrganisationFactory.create(name_en="Survey Directorate", name_ar="جهاز المساحة")
    account = provider_account(provider)
    finance = staff_with_two_step(provider, Role.FINANCE)
    colleague = staff_with_two_step(provider, Role.FINANCE)
    payment = payment_make(
        provider,
        account=account,
        gateway="sandbox",
        checkout_id="chk_e2e",
        amount_fils=75_000,
        fee_fils=1_125,
        succeeded_at=timezone.now(),
    )
    payment_event_record(payment, "created", source="portal", from_state="")
    payment_make(provider, account=account, needs_refund=True, succeeded_at=timezone.now())
    Refund.objects.create(
        payment=payment,
        amount_fils=60_000,
        reason="Paid twice for the same survey",
        requested_by=colleague,
        state=RefundState.AWAITING_CONFIRMATION,
    )
    sign_in(page.context, live_server, finance)
    return page, payment


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_finance_pages_have_no_axe_violations(finance_pages, language):
    page, payment = finance_pages
    page.goto(f"/{language}/staff/payments/")
    assert payment.reference in page.content()
    assert axe_violations(page) == []
    page.goto(f"/{language}/staff/payments/?from=31/02/2026&needs_refund=1")
    assert page.locator("#filter-from-error").count() == 1
    assert axe_violations(page) == []

    page.goto(f"/{language}/staff/payments/{payment.reference}/")
    assert page.locator("form[action$='/confirm/']").count() == 1
    assert axe_violations(page) == []
    # An empty refund form: the error summary links to its boxes.
    click_and_wait(page.locator("form:has(#id_amount) button[type=submit]"))
    summary = page.locator("[data-error-summary]")
    assert summary.count() == 1
    assert summary.locator("a[href='#id_amount']").count() == 1
    assert axe_violations(page) == []

    page.goto(f"/{language}/staff/payments/reconciliation/")
    assert payment.reference in page.content()  # only in the portal: the sandbox never saw it
    assert axe_violations(page) == []
