"""Two more complaints journeys in a real browser, in both languages: a
contact-centre agent files a case for a caller; a citizen rates a decided
application 1 and sends the complaint the portal fills in for it. Every
page passes axe-core."""

import pytest

from bawaba.accounts.tests.factories import UserFactory, staff_with_two_step
from bawaba.catalogue.tests.factories import ServiceFactory
from bawaba.complaints.models import Channel, Complaint, TransactionRating
from bawaba.eservices.models import ApplicationState
from bawaba.eservices.tests.samples import application_for, published_eservice
from tests.e2e.conftest import axe_violations, click_and_wait, sign_in


@pytest.mark.parametrize("language", ["ar", "en"])
def test_an_agent_files_a_case_for_a_caller(page, live_server, language):
    service = ServiceFactory.create(slug="water-connection")
    agent = staff_with_two_step(service.provider, "contact_centre_agent")
    sign_in(page.context, live_server, agent)
    page.goto(f"/{language}/staff/contact-centre/")
    assert axe_violations(page) == []
    page.locator("input[name=kind][value=complaint]").check()
    page.select_option("select[name=provider]", service.provider.slug)
    page.fill("input[name=subject]", "No water since Tuesday")
    page.fill(
        "textarea[name=details]", "The caller's house in Riffa has had no water for two days."
    )
    page.fill("input[name=name]", "Fatima Ali")
    page.fill("input[name=mobile]", "36000000")
    page.locator("input[name=read_back]").check()
    page.locator("input[name=consent_to_contact]").check()
    click_and_wait(page.locator("form button[type=submit]").last)

    complaint = Complaint.objects.get()
    assert complaint.channel == Channel.PHONE and complaint.filed_by == agent
    assert complaint.organisation == service.provider and complaint.consent_to_contact
    assert complaint.reference in page.content()
    assert axe_violations(page) == []


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_citizen_rates_a_decided_application_1_and_complains_about_it(
    page, live_server, language
):
    definition = published_eservice(ServiceFactory.create(slug="building-permit"))
    citizen = UserFactory.create(preferred_language=language)
    decided = application_for(definition, applicant=citizen, state=ApplicationState.REJECTED)
    sign_in(page.context, live_server, citizen)
    page.goto(f"/{language}/applications/{decided.pk}/")
    click_and_wait(
        page.locator(f"a[href='/{language}/accounts/ratings/application/{decided.pk}/']")
    )
    assert axe_violations(page) == []
    page.locator("input[name=score][value='1']").check()
    click_and_wait(page.locator("form button[type=submit]").last)
    assert TransactionRating.objects.get().score == 1
    assert axe_violations(page) == []

    click_and_wait(page.locator("a.button--secondary"))
    assert page.locator(f"option[value='application:{decided.pk}']").evaluate("o => o.selected")
    assert page.locator("input[name=kind][value=complaint]").is_checked()
    page.fill("#id_subject", "The permit was refused without a reason")
    page.fill("#id_details", "The letter gives no reason for the refusal.")
    click_and_wait(page.locator("form button[type=submit]").last)

    complaint = Complaint.objects.get()
    assert (complaint.subject_kind, complaint.subject_id) == ("application", str(decided.pk))
    assert complaint.organisation == decided.organisation
    assert complaint.reference in page.content()
    assert axe_violations(page) == []
