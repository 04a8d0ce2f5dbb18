"""An applicant applies online in a real browser, in both languages, and every
page of the journey passes axe-core."""

import io

import pytest
from django.utils import translation
from pypdf import PdfReader

from bawaba.accounts.tests.factories import OrganisationFactory, UserFactory
from bawaba.catalogue.tests.factories import ServiceFactory
from bawaba.eservices.models import Application, ApplicationState
from bawaba.eservices.tests.samples import published_eservice
from bawaba.payments.models import Payment
from bawaba.payments.tests.helpers import provider_account
from tests.e2e.conftest import axe_violations, click_and_wait, sign_in

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _t(language, text):
    with translation.override(language):
        return translation.gettext(text)


def pay_on_gateway(page, language, card):
    """Press "Pay" on the portal, pay on the gateway's hosted page with
    ``card``, and come back to the portal's page about the payment."""
    click_and_wait(page.locator("form[action$='/accounts/payments/start/'] button"))
    page.wait_for_selector("#card_number")
    assert axe_violations(page) == []  # the gateway's page too
    page.fill("#card_number", card)
    page.fill("#expiry", "12/30")
    page.fill("#security_code", "123")
    page.fill("#name", "Maryam Ahmed")
    click_and_wait(page.locator("button[value=pay]"))
    page.wait_for_url(f"**/{language}/accounts/payments/PAY-*/")


@pytest.fixture
def applicant_page(page, live_server, settings, tmp_path, sandbox):
    settings.PRIVATE_FILES_ROOT = str(tmp_path / "private")
    # The gateway tells this live server, and the payer comes back to it.
    settings.PORTAL_URL = live_server.url
    # The payer's return settles the payment; the gateway's notifications
    # (proven over HTTP elsewhere) would race it on the in-memory SQLite
    # database that the live server's threads share.
    sandbox.control(drop_notifications=True)
    service = ServiceFactory.create(slug="renew-smart-card", provider=OrganisationFactory.create())
    provider_account(service.provider)
    published_eservice(service)
    applicant = UserFactory.create(cpr="900101234", mobile="+97336000001", name_en="Maryam")
    sign_in(page.context, live_server, applicant)
    return page


@pytest.mark.parametrize("language", ["ar", "en"])
def test_apply_online_from_start_to_confirmation(applicant_page, language, tmp_path):
    page = applicant_page
    page.goto(f"/{language}/services/renew-smart-card/apply/")
    assert axe_violations(page) == []
    click_and_wait(page.get_by_role("button", name=_t(language, "Start now")))

    continue_button = page.get_by_role("button", name=_t(language, "Save and continue"))
    assert page.input_value("#id_cpr") == "900101234"  # filled in from the account
    assert axe_violations(page) == []
    click_and_wait(continue_button)

    page.check("#id_reason_1")  # damaged
    assert axe_violations(page) == []
    click_and_wait(continue_button)

    photo = tmp_path / "photo.png"
    photo.write_bytes(PNG)
    page.set_input_files("#id_photo", str(photo))
    assert axe_violations(page) == []
    click_and_wait(continue_button)

    page.check("#id_courier_1")  # no courier
    page.check("#id_declaration")
    assert axe_violations(page) == []
    click_and_wait(continue_button)

    assert page.locator("h1").inner_text() == _t(language, "Check your answers")
    assert "photo.png" in page.content()
    assert axe_violations(page) == []
    click_and_wait(page.get_by_role("button", name=_t(language, "Send application")))

    application = Application.objects.get()
    assert application.state == ApplicationState.AWAITING_PAYMENT
    assert page.locator("h1").inner_text() == _t(language, "Application sent")
    assert application.reference in page.locator(".panel").inner_text()
    assert axe_violations(page) == []

    # The fee (BD 5.000 for a damaged card), paid on the sandbox gateway's own
    # page (a separate process): a declined card first, then a good one.
    pay_on_gateway(page, language, "4000 0000 0000 0002")
    assert page.locator("h1").inner_text() == _t(language, "Your payment did not go through")
    assert _t(language, "The bank declined the card.") in page.content()
    assert axe_violations(page) == []
    application.refresh_from_db()
    assert application.state == ApplicationState.AWAITING_PAYMENT
    pay_on_gateway(page, language, "4111 1111 1111 1111")
    assert page.locator("h1").inner_text() == _t(language, "Payment received")
    assert axe_violations(page) == []
    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED
    payment = Payment.objects.get(state="succeeded")
    with page.expect_download() as download:
        page.get_by_role("link", name=_t(language, "Download the receipt (PDF)")).click()
    pdf = download.value.path().read_bytes()
    text = "".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(pdf)).pages)
    assert payment.reference in text
    page.goto(f"/{language}/verify/")
    page.fill("#verify-code", str(payment.receipt_code).lower())
    click_and_wait(page.get_by_role("button", name=_t(language, "Check")))
    assert page.locator(".banner__title").inner_text() == _t(language, "This receipt is genuine")
    assert axe_violations(page) == []
    page.goto(f"/{language}/accounts/payments/")
    assert payment.reference in page.content()
    assert axe_violations(page) == []

    page.goto(f"/{language}/applications/")
    assert application.reference in page.content()
    assert axe_violations(page) == []


def test_a_wrong_answer_is_explained_and_what_was_typed_is_kept(
    browser, live_server, applicant_page
):
    page = applicant_page
    page.goto("/en/services/renew-smart-card/apply/")
    click_and_wait(page.get_by_role("button", name="Start now"))
    assert page.is_disabled("#id_cpr")  # identity comes from the account
    page.fill("#id_mobile", "12")
    click_and_wait(page.get_by_role("button", name="Save and continue"))
    summary = page.locator("[data-error-summary]")
    assert "Enter a Bahraini mobile number" in summary.inner_text()
    assert page.input_value("#id_mobile") == "12"
    assert page.input_value("#id_cpr") == "900101234"
    assert axe_violations(page) == []
