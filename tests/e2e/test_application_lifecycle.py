"""The whole life of an application in a real browser, in both languages:
the applicant applies with a file → a case worker asks for more information →
the applicant answers → the case worker approves and a supervisor confirms →
the applicant downloads the PDF → the public verify page confirms it."""

import io
import re
from typing import Any

import pytest
from django.utils import translation
from pypdf import PdfReader

from bawaba.accounts.tests.factories import UserFactory, staff_with_two_step
from bawaba.catalogue.tests.factories import ServiceFactory
from bawaba.eservices.models import Application, ApplicationState
from bawaba.eservices.tests.samples import PNG, published_eservice
from bawaba.payments.tests.helpers import provider_account
from tests.e2e.conftest import axe_violations, click_and_wait, sign_in
from tests.e2e.test_eservice_journey import pay_on_gateway


def _t(language, text, context=None):
    with translation.override(language):
        return translation.pgettext(context, text) if context else translation.gettext(text)


@pytest.fixture
def contexts(browser):
    """Browser contexts closed before the live server stops, so that no
    server thread outlives the test database it shares."""
    opened: list[Any] = []
    yield opened
    for context in opened:
        context.close()


def _signed_in(browser, live_server, user, contexts):
    context = browser.new_context(base_url=live_server.url, accept_downloads=True)
    contexts.append(context)
    sign_in(context, live_server, user)
    return context.new_page()


@pytest.fixture
def people(live_server, transactional_db, settings, tmp_path, sandbox):
    settings.PRIVATE_FILES_ROOT = str(tmp_path / "private")
    settings.PORTAL_URL = live_server.url
    # The payer's return settles the payment; the gateway's notifications
    # (proven over HTTP elsewhere) would race it on the in-memory SQLite
    # database that the live server's threads share.
    sandbox.control(drop_notifications=True)
    service = ServiceFactory.create(slug="renew-smart-card")
    provider_account(service.provider)
    published_eservice(service, second_approval=True)
    staff = {}
    for role in ("case_worker", "supervisor"):
        member = staff_with_two_step(service.provider, role)
        staff[role] = member
    applicant = UserFactory.create(
        cpr="900101234", mobile="+97336000001", name_ar="مريم أحمد", name_en="Maryam Ahmed"
    )
    return applicant, staff["case_worker"], staff["supervisor"]


@pytest.mark.parametrize("language", ["ar", "en"])
def test_apply_ask_answer_approve_twice_download_and_verify(
    browser, live_server, people, contexts, language, tmp_path
):
    applicant, worker, supervisor = people
    applicant.preferred_language = language
    applicant.save()
    photo = tmp_path / "photo.png"
    photo.write_bytes(PNG)

    # The applicant applies, with a file.
    me = _signed_in(browser, live_server, applicant, contexts)
    me.goto(f"/{language}/services/renew-smart-card/apply/")
    click_and_wait(me.get_by_role("button", name=_t(language, "Start now")))
    save = me.get_by_role("button", name=_t(language, "Save and continue"))
    click_and_wait(save)
    me.check("#id_reason_0")
    click_and_wait(save)
    me.set_input_files("#id_photo", str(photo))
    click_and_wait(save)
    me.check("#id_courier_1")
    me.check("#id_declaration")
    click_and_wait(save)
    click_and_wait(me.get_by_role("button", name=_t(language, "Send application")))
    application = Application.objects.get()
    assert application.reference in me.locator(".panel").inner_text()
    pay_on_gateway(me, language, "4111 1111 1111 1111")
    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED

    # The case worker takes it and asks for more information.
    staff = _signed_in(browser, live_server, worker, contexts)
    staff.goto(f"/{language}/staff/applications/")
    click_and_wait(staff.get_by_role("link", name=application.reference))
    click_and_wait(staff.get_by_role("button", name=_t(language, "Take it")))
    staff.select_option("#request_information-reason", "photo_unclear")
    click_and_wait(staff.get_by_role("button", name=_t(language, "Send the request")))
    assert axe_violations(staff) == []

    # The applicant sees the request and answers with a new photo.
    me.goto(f"/{language}/applications/{application.pk}/")
    assert _t(language, "The provider needs more information") in me.content()
    me.fill("#id_text", "صورة جديدة" if language == "ar" else "A new photo.")
    me.set_input_files("#id_document", str(photo))
    click_and_wait(me.get_by_role("button", name=_t(language, "Send your answer")))
    assert axe_violations(me) == []

    # The case worker proposes approval; the supervisor confirms it.
    staff.reload()
    click_and_wait(staff.locator("form:has(input[value=approve]) button"))
    application.refresh_from_db()
    assert application.state == ApplicationState.AWAITING_APPROVAL
    boss = _signed_in(browser, live_server, supervisor, contexts)
    boss.goto(f"/{language}/staff/applications/{application.pk}/")
    assert axe_violations(boss) == []  # with the supervisor's forms, "assign" included
    boss.select_option("#confirm_approval-reason", "approved_collect")
    click_and_wait(boss.get_by_role("button", name=_t(language, "Confirm approval")))
    application.refresh_from_db()
    assert application.state == ApplicationState.APPROVED

    # The applicant downloads the PDF, in their language.
    me.goto(f"/{language}/applications/{application.pk}/")
    with me.expect_download() as download_info:
        me.get_by_role(
            "link", name=re.compile(re.escape(_t(language, "Download the document (PDF)")))
        ).click()
    pdf = download_info.value.path().read_bytes()
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    title = "إشعار تجديد بطاقة الهوية" if language == "ar" else "Identity card renewal notice"
    assert title in text
    code = application.issued_document.verification_code
    assert code in text

    # Anyone can check it.
    public_context = browser.new_context(base_url=live_server.url)
    contexts.append(public_context)
    public = public_context.new_page()
    public.goto(f"/{language}/verify/")
    public.fill("#verify-code", code)
    click_and_wait(public.get_by_role("button", name=_t(language, "Check")))
    assert _t(language, "This document is genuine") in public.content()
    assert axe_violations(public) == []
