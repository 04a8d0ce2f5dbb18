"""Complaints in a real browser, in both languages: a signed-in citizen
files a complaint with an attachment and reads the acknowledgement, a
complaints officer takes it, replies and closes it, and the citizen reads
the reply and rates the handling; every page passes axe-core."""

from pathlib import Path

import pytest

from bawaba.accounts.tests.factories import OrganisationFactory, UserFactory, staff_with_two_step
from bawaba.complaints.models import Complaint, ComplaintState, Rating
from bawaba.notifications.models import Notification
from tests.e2e.conftest import axe_violations, click_and_wait, sign_in

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_citizen_complains_staff_reply_and_the_citizen_rates_it(
    page, browser, live_server, foreign_requests, language, tmp_path: Path
):
    provider = OrganisationFactory.create(name_en="Ministry of Health", name_ar="وزارة الصحة")
    citizen = UserFactory.create(preferred_language=language)
    officer = staff_with_two_step(provider, "complaints_officer")
    receipt = tmp_path / "receipt.pdf"
    receipt.write_bytes(PDF)

    sign_in(page.context, live_server, citizen)
    page.goto(f"/{language}/contact/message/?provider={provider.slug}")
    assert axe_violations(page) == []
    page.locator("input[name=kind][value=complaint]").check()
    page.fill("#id_subject", "Long wait at the clinic")
    page.fill("#id_details", "I waited three hours for a vaccination appointment.")
    page.set_input_files("input[name=attachments]", str(receipt))
    click_and_wait(page.locator("form button[type=submit]").last)

    complaint = Complaint.objects.get()
    assert complaint.organisation == provider and complaint.attachments.count() == 1
    assert complaint.reference in page.content()
    assert axe_violations(page) == []
    assert Notification.objects.filter(recipient=citizen, event="complaint.received").exists()

    staff = browser.new_context(base_url=live_server.url, locale=language)
    staff_page = staff.new_page()
    sign_in(staff, live_server, officer)
    staff_page.goto(f"/{language}/staff/complaints/")
    assert complaint.reference in staff_page.content()
    assert axe_violations(staff_page) == []
    staff_page.goto(f"/{language}/staff/complaints/{complaint.pk}/")
    assert axe_violations(staff_page) == []
    click_and_wait(staff_page.locator("form:has(input[name=move][value=claim]) button"))
    staff_page.fill("#reply-text", "We are sorry: the clinic has added a second nurse.")
    click_and_wait(staff_page.locator("form:has(#reply-text) button"))
    staff_page.select_option("#close-outcome", "resolved")
    staff_page.fill("#close-text", "Your appointment is now booked for Sunday.")
    click_and_wait(staff_page.locator("form:has(#close-text) button"))
    complaint.refresh_from_db()
    assert complaint.state == ComplaintState.CLOSED
    assert axe_violations(staff_page) == []
    staff.close()

    page.goto(f"/{language}/accounts/cases/{complaint.pk}/")
    html = page.content()
    assert "the clinic has added a second nurse" in html
    assert "Your appointment is now booked for Sunday." in html
    assert axe_violations(page) == []
    page.locator("input[name=score][value='5']").check()
    click_and_wait(page.locator("form:has(input[name=score]) button"))
    assert Rating.objects.get(complaint=complaint).score == 5
    assert axe_violations(page) == []
    assert foreign_requests == []


@pytest.mark.parametrize("language", ["ar", "en"])
def test_how_we_are_doing_has_no_axe_violations(page, language):
    page.goto(f"/{language}/how-we-are-doing/")
    assert page.locator("h1").count() == 1
    assert axe_violations(page) == []
