"""Contact us in a real browser, in Arabic and English, on a phone (390 px
wide) and a wide screen: each page of the journey says which step it is,
above its heading and at the start of the page title; a visitor's journey
has two steps (the message, then the code sent to them); a signed-in
person sends from one page, which shows no step; the page that gives the
reference is not a step. Every page passes axe-core."""

import re

import pytest
from django.utils import translation

from bawaba.accounts.tests.factories import OrganisationFactory, UserFactory
from bawaba.complaints import guest
from bawaba.complaints.models import Complaint
from bawaba.notifications.models import Delivery
from tests.e2e.conftest import axe_violations, click_and_wait, sign_in

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
MOBILE = "+97336000001"


def _step(language, number, steps):
    with translation.override(language):
        return translation.ngettext(
            "Step %(number)s of %(steps)s", "Step %(number)s of %(steps)s", steps
        ) % {"number": number, "steps": steps}


def _says_step(page, language, number, steps):
    text = _step(language, number, steps)
    assert page.title().startswith(text)
    indicator = page.locator("main .progress__step")
    assert indicator.is_visible()
    assert indicator.inner_text().strip() == text
    # Above the heading.
    assert page.locator("main .progress + h1").count() == 1


def _sms_code() -> str:
    delivery = Delivery.objects.filter(address=MOBILE, notification__event=guest.EVENT).latest(
        "created_at"
    )
    found = re.search(r"\b(\d{6})\b", delivery.body_text)
    assert found is not None
    return found.group(1)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "wide"])
@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_visitor_s_contact_journey_says_step_1_then_2_of_2(
    page, live_server, foreign_requests, language, viewport
):
    provider = OrganisationFactory.create(name_en="Ministry of Works", name_ar="وزارة الأشغال")
    page.set_viewport_size(viewport)
    page.goto(f"/{language}/contact/message/?provider={provider.slug}")
    _says_step(page, language, 1, 2)
    assert axe_violations(page) == []
    page.locator("input[name=kind][value=complaint]").check()
    page.fill("#id_subject", "Pothole on Road 28")
    page.fill("#id_details", "It has been there for three weeks.")
    page.fill("#id_name", "Salman Ali")
    page.fill("#id_mobile", "3600 0001")
    click_and_wait(page.locator("main form button[type=submit]").last)
    page.wait_for_url(f"**/{language}/contact/message/code/")
    _says_step(page, language, 2, 2)
    assert axe_violations(page) == []
    if viewport == PHONE:
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.fill("#id_code", _sms_code())
    click_and_wait(page.locator("form:has(#id_code) button[type=submit]"))
    page.wait_for_url(f"**/{language}/contact/message/sent/")
    assert Complaint.objects.get().reference in page.content()
    assert page.locator("main .progress").count() == 0
    assert axe_violations(page) == []
    assert foreign_requests == []


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "wide"])
@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_signed_in_person_s_contact_journey_is_one_page_without_steps(
    page, live_server, language, viewport
):
    provider = OrganisationFactory.create(name_en="Ministry of Works", name_ar="وزارة الأشغال")
    person = UserFactory.create(preferred_language=language)
    sign_in(page.context, live_server, person)
    page.set_viewport_size(viewport)
    page.goto(f"/{language}/contact/message/?provider={provider.slug}")
    # One page: no "Step 1 of 1".
    assert page.locator("main .progress").count() == 0
    assert axe_violations(page) == []
    if viewport == PHONE:
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.locator("input[name=kind][value=suggestion]").check()
    page.fill("#id_subject", "Longer opening hours")
    page.fill("#id_details", "Please open on Saturdays too.")
    click_and_wait(page.locator("main form button[type=submit]").last)
    complaint = Complaint.objects.get()
    page.wait_for_url(f"**/{language}/**/{complaint.pk}/?sent=1")
    assert complaint.reference in page.content()
    assert page.locator("main .progress").count() == 0
    assert axe_violations(page) == []
