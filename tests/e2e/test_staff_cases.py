"""The provider's work queue and case page pass axe-core in both languages,
with every action form showing."""

import pytest
from django.utils import timezone

from bawaba.accounts.tests.factories import staff_with_two_step
from bawaba.catalogue.tests.factories import ServiceFactory
from bawaba.eservices.models import Application, ApplicationState
from bawaba.eservices.tests.samples import application_for, published_eservice
from tests.e2e.conftest import axe_violations, click_and_wait, sign_in


@pytest.fixture
def case_page(page, live_server):
    service = ServiceFactory.create(slug="renew-smart-card")
    stages = [
        {"id": "documents", "label": {"ar": "تدقيق المستندات", "en": "Checking the documents"}},
        {"id": "inspection", "label": {"ar": "الكشف الموقعي", "en": "Site inspection"}},
    ]
    definition = published_eservice(service, stages=stages)
    now = timezone.now()
    worker = staff_with_two_step(service.provider, "case_worker")
    application = application_for(
        definition,
        state=ApplicationState.IN_REVIEW,
        answers={"full_name": "Maryam", "cpr": "900101234", "reason": "expiry"},
        submitted_at=now,
        due_on=timezone.localdate(),
        assignee=worker,
        stage="documents",
    )
    sign_in(page.context, live_server, worker)
    return page, application


@pytest.mark.parametrize("language", ["ar", "en"])
def test_queue_and_case_page_have_no_axe_violations(case_page, language):
    from playwright.sync_api import expect  # here: without Playwright the tests skip

    page, application = case_page
    page.goto(f"/{language}/staff/applications/")
    assert application.reference in page.content()
    assert axe_violations(page) == []
    page.goto(f"/{language}/staff/applications/{application.pk}/")
    assert page.locator("form").count() >= 4  # move on, request, reject, note
    assert page.locator("input[name=move][value=advance]").count() == 1
    assert axe_violations(page) == []

    # An empty request for more information: the error summary links to the box,
    # and the note typed in the same form's neighbour box is kept.
    page.fill("#request_information-message_en", "Please send a clearer photo.")
    click_and_wait(page.locator("form:has(#request_information-message_ar) button"))
    summary = page.locator("[data-error-summary]")
    assert summary.count() == 1
    link = summary.locator("a[href='#request_information-message_ar']")
    assert link.count() == 1
    assert page.get_attribute("#request_information-message_ar", "aria-invalid") == "true"
    assert page.input_value("#request_information-message_en") == "Please send a clearer photo."
    assert axe_violations(page) == []
    link.click()
    expect(page.locator("#request_information-message_ar")).to_be_focused()

    # Waiting for payment: the counter-payment form, then its error beside the box.
    Application.objects.filter(pk=application.pk).update(
        state=ApplicationState.AWAITING_PAYMENT, fee_fils=2000, due_on=None
    )
    page.goto(f"/{language}/staff/applications/{application.pk}/")
    assert page.locator("#record_payment-receipt").count() == 1
    assert axe_violations(page) == []
    click_and_wait(page.locator("form:has(#record_payment-receipt) button"))
    assert page.get_attribute("#record_payment-receipt", "aria-invalid") == "true"
    assert axe_violations(page) == []


@pytest.mark.parametrize("language", ["ar", "en"])
def test_definition_editor_and_preview_have_no_axe_violations(page, live_server, language):
    service = ServiceFactory.create(slug="renew-smart-card")
    definition = published_eservice(service)
    editor = staff_with_two_step(service.provider, "editor", "approver")
    sign_in(page.context, live_server, editor)
    for path in (
        "/staff/eservices/",
        "/staff/eservices/services/renew-smart-card/",
        f"/staff/eservices/versions/{definition.pk}/",
        "/staff/eservices/services/renew-smart-card/availability/",
    ):
        page.goto(f"/{language}{path}")
        assert axe_violations(page) == [], path
    page.goto(f"/{language}/staff/eservices/services/renew-smart-card/")
    page.fill("#id_source", "service: renew-smart-card\npages: oops\n")
    click_and_wait(page.locator("button[name=save]"))
    assert "pages" in page.locator("[data-error-summary]").inner_text()
    assert axe_violations(page) == []

    # Pausing: a message missing in one language is explained, then the pause shows.
    page.goto(f"/{language}/staff/eservices/services/renew-smart-card/availability/")
    page.fill("#id_message_ar", "الخدمة مغلقة للصيانة حتى الأحد.")
    click_and_wait(page.locator("button[value=pause]"))
    assert page.locator("[data-error-summary]").count() == 1
    assert page.input_value("#id_message_ar") == "الخدمة مغلقة للصيانة حتى الأحد."
    assert axe_violations(page) == []
    page.fill("#id_message_en", "Closed for maintenance until Sunday.")
    click_and_wait(page.locator("button[value=pause]"))
    assert page.locator("button[value=resume]").count() == 1
    assert axe_violations(page) == []
