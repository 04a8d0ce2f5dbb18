"""Paying a bill by reference in a real browser, on the sandbox's hosted
payment page (the sandbox runs as its own process and notifies the live
server), and the bill pages checked with axe-core in both languages."""

from __future__ import annotations

import secrets

import pytest
from django.utils import translation

from bawaba.accounts.tests.factories import UserFactory
from bawaba.payments.models import Bill, BillerNotice, Payment
from bawaba.payments.tests.bill_helpers import biller_row, sandbox_account
from tests.e2e.conftest import axe_violations, click_and_wait, sign_in


def _t(language, text):
    with translation.override(language):
        return translation.gettext(text)


ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@pytest.fixture
def bill_page(browser, live_server, transactional_db, sandbox, settings):
    """A browser page; the sandbox (another local port) is allowed, and it can
    notify the live server."""
    settings.PORTAL_URL = live_server.url
    # The payer's return settles the payment; the gateway's notifications
    # would race it on the in-memory SQLite database the server threads share.
    sandbox.control(drop_notifications=True)
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    yield page
    context.close()


def _account(sandbox) -> str:
    reference = "EWA" + "".join(secrets.choice("0123456789") for _ in range(7))
    return sandbox_account(sandbox, "ewa", 18_250, holder="Fatima Ali", reference=reference)


@pytest.mark.parametrize("language", ["ar", "en"])
def test_an_anonymous_person_pays_an_electricity_bill_by_account_number(
    bill_page, sandbox, language
):
    page = bill_page
    biller_row("ewa")
    reference = _account(sandbox)

    page.goto(f"/{language}/pay/")
    click_and_wait(page.locator(f"a[href='/{language}/pay/ewa/']"))
    # Arabic-Indic digits are read as the digits they are.
    typed = reference.translate(ARABIC_DIGITS) if language == "ar" else reference
    page.fill("#id_reference", typed)
    click_and_wait(page.get_by_role("button", name=_t(language, "Show what is owed")))
    assert "F*** A***" in page.content()
    assert ("18.250 د.ب" if language == "ar" else "BD 18.250") in page.content()
    page.fill("#pay-email", "fatima@bawaba.example")
    click_and_wait(page.locator("form[action$='/payments/start/'] button[type=submit]"))

    # The sandbox's hosted page, in the payer's language.
    page.wait_for_url(f"{sandbox.url}/gateway/pay/**")
    assert page.locator("html").get_attribute("lang") == language
    page.fill("#card_number", "4111111111111111")
    page.fill("#expiry", "12/30")
    page.fill("#security_code", "123")
    page.fill("#name", "Fatima Ali")
    click_and_wait(page.locator("button[value=pay]"))

    page.wait_for_url(f"**/{language}/accounts/payments/PAY-*/")
    assert page.locator("h1").inner_text() == _t(language, "Payment received")
    payment = Payment.objects.get()
    assert payment.state == "succeeded"
    assert payment.payer_email == "fatima@bawaba.example"
    assert Bill.objects.get().paid_at is not None
    assert BillerNotice.objects.get(payment=payment).acknowledgement.startswith("ACK")
    assert axe_violations(page) == []


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_bill_pages_are_accessible(bill_page, sandbox, language):
    page = bill_page
    biller_row("ewa")
    biller_row("traffic", "OTHER-MERCHANT")
    reference = _account(sandbox)
    page.goto(f"/{language}/pay/")
    assert axe_violations(page) == []
    page.goto(f"/{language}/pay/traffic/")
    click_and_wait(page.locator("form[action$='/pay/traffic/'] button"))  # nothing typed
    page.locator("[data-error-summary]").wait_for()
    assert axe_violations(page) == []
    page.goto(f"/{language}/pay/ewa/")
    page.fill("#id_reference", reference)
    click_and_wait(page.locator("form[action$='/pay/ewa/'] button"))
    page.locator("table").wait_for()
    assert axe_violations(page) == []


@pytest.mark.parametrize("language", ["ar", "en"])
def test_your_bills_and_fines_is_accessible(bill_page, browser, live_server, sandbox, language):
    biller_row("ewa")
    biller_row("traffic", "OTHER-MERCHANT")
    cpr = "6" + "".join(secrets.choice("0123456789") for _ in range(8))
    sandbox_account(sandbox, "ewa", 4_000, owner_cpr=cpr)
    sandbox_account(sandbox, "traffic", 30_000, owner_cpr=cpr)
    person = UserFactory.create(cpr=cpr)
    sign_in(bill_page.context, live_server, person)
    bill_page.goto(f"/{language}/pay/mine/")
    assert bill_page.locator("table").count() == 2
    assert axe_violations(bill_page) == []
    click_and_wait(bill_page.locator("form[action$='/pay/mine/pay/'] button").first)
    bill_page.locator("form[action$='/payments/start/']").wait_for()
    assert axe_violations(bill_page) == []
