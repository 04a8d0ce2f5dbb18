"""A message sent without an account, in a real browser and both languages:
a visitor files a complaint with an attachment and a mobile number, types
the code from the SMS, and sees the reference; a complaints officer replies;
the visitor follows the case with the reference, the mobile and a new code,
reads the reply, and rates the handling once the case is closed. Every
guest page passes axe-core."""

import re
from pathlib import Path

import pytest

from bawaba.accounts.tests.factories import OrganisationFactory, staff_with_two_step
from bawaba.complaints import guest
from bawaba.complaints.models import Complaint, ComplaintState, Rating
from bawaba.notifications.models import Delivery
from tests.e2e.conftest import axe_violations, click_and_wait, sign_in

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MOBILE = "+97336000001"


def sms_code(already: int) -> str:
    """The code in the newest SMS to the visitor (after ``already`` others)."""
    deliveries = Delivery.objects.filter(address=MOBILE, notification__event=guest.EVENT)
    assert deliveries.count() == already + 1
    found = re.search(r"\b(\d{6})\b", deliveries.latest("created_at").body_text)
    assert found is not None
    return found.group(1)


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_visitor_files_follows_reads_the_reply_and_rates(
    page, browser, live_server, foreign_requests, language, tmp_path: Path
):
    provider = OrganisationFactory.create(name_en="Ministry of Health", name_ar="وزارة الصحة")
    officer = staff_with_two_step(provider, "complaints_officer")
    receipt = tmp_path / "receipt.pdf"
    receipt.write_bytes(PDF)

    page.goto(f"/{language}/contact/message/?provider={provider.slug}")
    assert axe_violations(page) == []
    page.locator("input[name=kind][value=complaint]").check()
    page.fill("#id_subject", "Long wait at the clinic")
    page.fill("#id_details", "I waited three hours for a vaccination appointment.")
    page.fill("#id_name", "Salman Ali")
    page.fill("#id_mobile", "3600 0001")
    click_and_wait(page.locator("form button[type=submit]").last)
    page.wait_for_url(f"**/{language}/contact/message/code/")
    assert axe_violations(page) == []
    page.fill("#id_code", sms_code(0))
    page.set_input_files("input[name=attachments]", str(receipt))
    click_and_wait(page.locator("form:has(#id_code) button[type=submit]"))
    page.wait_for_url(f"**/{language}/contact/message/sent/")
    complaint = Complaint.objects.get()
    assert complaint.person is None and complaint.attachments.count() == 1
    assert complaint.reference in page.content()
    assert axe_violations(page) == []
    # The acknowledgement went to the verified mobile (the SMS sandbox's outbox).
    acknowledgement = Delivery.objects.get(address=MOBILE, notification__event="complaint.received")
    assert complaint.reference in acknowledgement.body_text

    staff = browser.new_context(base_url=live_server.url, locale=language)
    staff_page = staff.new_page()
    sign_in(staff, live_server, officer)
    staff_page.goto(f"/{language}/staff/complaints/{complaint.pk}/")
    click_and_wait(staff_page.locator("form:has(input[name=move][value=claim]) button"))
    staff_page.fill("#reply-text", "We are sorry: the clinic has added a second nurse.")
    click_and_wait(staff_page.locator("form:has(#reply-text) button"))
    assert Delivery.objects.filter(address=MOBILE, notification__event="complaint.replied").exists()

    click_and_wait(page.locator(f"a[href='/{language}/contact/message/follow/']"))
    page.wait_for_url(f"**/{language}/contact/message/follow/")
    assert axe_violations(page) == []
    page.fill("#id_reference", complaint.reference)
    page.fill("#id_contact", "3600 0001")
    click_and_wait(page.locator("form:has(#id_reference) button[type=submit]"))
    page.wait_for_url(f"**/{language}/contact/message/follow/code/")
    assert axe_violations(page) == []
    page.fill("#id_code", sms_code(1))
    click_and_wait(page.locator("form:has(#id_code) button[type=submit]"))
    page.wait_for_url(f"**/{language}/contact/message/follow/{complaint.pk}/")
    assert "the clinic has added a second nurse" in page.content()
    assert axe_violations(page) == []

    staff_page.select_option("#close-outcome", "resolved")
    staff_page.fill("#close-text", "Your appointment is now booked for Sunday.")
    click_and_wait(staff_page.locator("form:has(#close-text) button"))
    complaint.refresh_from_db()
    assert complaint.state == ComplaintState.CLOSED
    staff.close()

    page.reload()
    assert "Your appointment is now booked for Sunday." in page.content()
    assert axe_violations(page) == []
    page.locator("input[name=score][value='4']").check()
    click_and_wait(page.locator("form:has(input[name=score]) button"))
    page.wait_for_url(f"**/{language}/contact/message/follow/{complaint.pk}/")
    rating = Rating.objects.get(complaint=complaint)
    assert (rating.person, rating.score) == (None, 4)
    assert axe_violations(page) == []
    assert foreign_requests == []
