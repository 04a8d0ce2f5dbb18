"""Consultations in a real browser, in both languages: an editor writes a
consultation and sends it for review, a second person approves it, a
citizen comments on a paragraph and supports another comment, it closes,
the editor writes the official response and an approver publishes it, and
the citizen reads the message and the outcome. Every page passes axe-core."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from bawaba.accounts.tests.factories import OrganisationFactory, UserFactory, staff_with_two_step
from bawaba.cases.calendar import BAHRAIN
from bawaba.notifications.models import Notification
from bawaba.participation.consultations import actions, responses
from bawaba.participation.consultations.models import Comment, Consultation
from bawaba.participation.models import Participant
from tests.e2e.conftest import axe_violations, click_and_wait, sign_in

LONG_AGO = timezone.now() - datetime.timedelta(days=400)


def _person(name: str, language: str):  # type: ignore[no-untyped-def,unused-ignore]
    user = UserFactory.create(preferred_language=language, date_joined=LONG_AGO)
    Participant.objects.create(user=user, display_name=name)
    return user


def _clean(page) -> None:  # type: ignore[no-untyped-def,unused-ignore]
    violations = axe_violations(page)
    assert violations == [], (page.url, violations)


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_consultation_from_draft_to_outcome(
    page, browser, live_server, foreign_requests, language
):
    provider = OrganisationFactory.create(name_en="Ministry of Industry", name_ar="وزارة الصناعة")
    editor = staff_with_two_step(provider, "editor", preferred_language=language)
    approver = staff_with_two_step(provider, "approver", preferred_language=language)
    citizen = _person("Maryam A.", language)
    neighbour = _person("Ali", language)
    today = timezone.now().astimezone(BAHRAIN).date()

    # The editor writes the draft.
    staff = browser.new_context(base_url=live_server.url, locale=language)
    staff_page = staff.new_page()
    sign_in(staff, live_server, editor)
    staff_page.goto(f"/{language}/staff/consultations/")
    _clean(staff_page)
    staff_page.goto(f"/{language}/staff/consultations/new/")
    _clean(staff_page)
    staff_page.fill("#id_title_ar", "مسودة قانون حماية المستهلك")
    staff_page.fill("#id_title_en", "Draft consumer protection law")
    staff_page.fill("#id_summary_ar", "نستطلع آراءكم في مسودة القانون.")
    staff_page.fill("#id_summary_en", "We ask for your views on the draft law.")
    staff_page.fill("#id_opens_on", (today - datetime.timedelta(days=1)).isoformat())
    staff_page.fill("#id_opens_time", "08:00")
    staff_page.fill("#id_closes_on", (today + datetime.timedelta(days=14)).isoformat())
    staff_page.fill("#id_closes_time", "14:00")
    click_and_wait(staff_page.locator("main form button[type=submit]"))
    consultation = Consultation.objects.get()
    _clean(staff_page)
    staff_page.goto(f"/{language}/staff/consultations/{consultation.pk}/paste/")
    _clean(staff_page)
    staff_page.fill("#id_heading_ar", "أحكام عامة")
    staff_page.fill("#id_heading_en", "General provisions")
    staff_page.fill(
        "#id_text_ar", "تسري أحكام هذا القانون على كل بائع.\n\nمدة الاسترجاع ثلاثون يوماً."
    )
    staff_page.fill(
        "#id_text_en", "This law applies to every seller.\n\nThe refund period is 30 days."
    )
    click_and_wait(staff_page.locator("main form button[type=submit]").first)
    staff_page.goto(f"/{language}/staff/consultations/{consultation.pk}/questions/new/")
    _clean(staff_page)
    staff_page.fill("#id_text_ar", "ما الذي ينبغي تغييره؟")
    staff_page.fill("#id_text_en", "What should change?")
    staff_page.locator("input[name=kind][value=text]").check()
    click_and_wait(staff_page.locator("main form button[type=submit]").first)
    assert consultation.questions.count() == 1
    click_and_wait(staff_page.locator("form[action$='/submit/'] button"))
    consultation.refresh_from_db()
    assert consultation.review_state == "in_review"
    _clean(staff_page)

    # A second person approves it.
    second = browser.new_context(base_url=live_server.url, locale=language)
    approver_page = second.new_page()
    sign_in(second, live_server, approver)
    approver_page.goto(f"/{language}/staff/consultations/{consultation.pk}/review/")
    _clean(approver_page)
    approver_page.locator("input[name=decision][value=publish]").check()
    click_and_wait(approver_page.locator("main form button[type=submit]"))
    consultation.refresh_from_db()
    assert consultation.is_published

    # A citizen comments on a paragraph and supports another comment.
    other = actions.comment_post(
        user=neighbour,
        consultation=consultation,
        paragraph=consultation.sections.get().paragraphs.get(number=2),
        body="Thirty days is fair for everyone.",
    )
    sign_in(page.context, live_server, citizen)
    page.goto(f"/{language}/consultations/")
    assert "Draft consumer protection law" in page.content() or "مسودة قانون" in page.content()
    _clean(page)
    page.goto(f"/{language}/consultations/{consultation.slug}/")
    _clean(page)
    click_and_wait(page.locator("a[href$='/paragraphs/1.2/']"))
    click_and_wait(page.locator("main form:has(textarea) button[type=submit]"))
    assert page.locator(".error-summary").count() == 1
    _clean(page)
    page.fill("#id_body", "Please keep the refund period at thirty days.")
    click_and_wait(page.locator("main form:has(textarea) button[type=submit]"))
    mine = Comment.objects.get(author=citizen)
    assert mine.is_published and mine.paragraph is not None
    assert mine.paragraph.label == "1.2"
    click_and_wait(page.locator(f"form[action$='/comments/{other.pk}/support/'] button"))
    other.refresh_from_db()
    assert other.support_count == 1
    html = page.content()
    assert "Maryam A." in html and citizen.email not in html and citizen.cpr not in html
    _clean(page)
    page.goto(f"/{language}/consultations/{consultation.slug}/comments/{mine.pk}/change/")
    _clean(page)
    page.goto(f"/{language}/consultations/{consultation.slug}/questions/")
    _clean(page)
    page.fill("textarea", "Add a rule for online sellers.")
    click_and_wait(page.locator("main form button[type=submit]"))
    assert citizen.pk in set(responses.participants(consultation).values_list("pk", flat=True))

    # It closes; the scheduler tells the editors.
    Consultation.objects.filter(pk=consultation.pk).update(
        closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    responses.open_and_close()
    assert Notification.objects.filter(recipient=editor, event="consultations.closed").exists()

    # The editor writes the response; the approver publishes it.
    staff_page.goto(f"/{language}/staff/consultations/{consultation.pk}/comments/")
    _clean(staff_page)
    staff_page.goto(f"/{language}/staff/consultations/{consultation.pk}/response/")
    _clean(staff_page)
    staff_page.fill("#id_heard_ar", "طلب المشاركون الإبقاء على مدة الاسترجاع.")
    staff_page.fill("#id_heard_en", "Participants asked us to keep the refund period.")
    staff_page.fill("#id_changed_ar", "أبقينا المدة ثلاثين يوماً.")
    staff_page.fill("#id_changed_en", "We kept the refund period at thirty days.")
    staff_page.fill(f"#id_note_{mine.paragraph_id}_ar", "بقيت المدة كما هي.")
    staff_page.fill(f"#id_note_{mine.paragraph_id}_en", "The period stays as it is.")
    click_and_wait(staff_page.locator("main form:has(#id_heard_ar) button[type=submit]"))
    _clean(staff_page)
    click_and_wait(staff_page.locator("form[action$='/response/submit/'] button"))
    _clean(staff_page)
    staff.close()
    approver_page.goto(f"/{language}/staff/consultations/{consultation.pk}/response/review/")
    _clean(approver_page)
    approver_page.locator("input[name=decision][value=publish]").check()
    click_and_wait(approver_page.locator("main form button[type=submit]"))
    second.close()

    # The citizen gets the message, in their language, and reads the outcome.
    message = Notification.objects.get(recipient=citizen, event="consultations.response_published")
    assert message.language == language
    page.goto(f"/{language}/accounts/messages/{message.pk}/")
    click_and_wait(page.locator(f"main a[href*='/consultations/{consultation.slug}/']").first)
    html = page.content()
    assert "We kept the refund period at thirty days." in html or "أبقينا المدة" in html
    assert ("The period stays as it is." in html) or ("بقيت المدة كما هي." in html)
    _clean(page)
    assert foreign_requests == []


def test_a_paragraph_page_works_without_javascript(page_without_javascript, live_server):
    provider = OrganisationFactory.create()
    editor = staff_with_two_step(provider, "editor")
    from bawaba.participation.consultations.tests.conftest import consultation_make

    consultation = consultation_make(provider, editor)
    citizen = _person("Reader", "en")
    sign_in(page_without_javascript.context, live_server, citizen)
    page_without_javascript.goto(f"/en/consultations/{consultation.slug}/paragraphs/1.1/")
    page_without_javascript.fill("#id_body", "A comment sent with no script at all.")
    click_and_wait(page_without_javascript.locator("main form:has(textarea) button[type=submit]"))
    assert "A comment sent with no script at all." in page_without_javascript.content()


@pytest.mark.parametrize("language", ["ar", "en"])
def test_every_other_consultation_page_passes_axe(page, browser, live_server, language):
    """The demo's open and answered consultations, read by a citizen and
    worked on by the provider's staff."""
    from bawaba.accounts.demo import demo_load
    from bawaba.accounts.models import Organisation
    from bawaba.participation.consultations.demo import demo_consultations_load

    demo_load()
    demo_consultations_load()
    provider = Organisation.objects.get(slug="information-egovernment-authority")
    editor = staff_with_two_step(provider, "editor", "approver")
    answered = Consultation.objects.get(slug="public-wifi-guidelines")
    draft = Consultation.objects.create(
        organisation=provider,
        author=editor,
        slug="draft-for-axe",
        title_ar="مسودة",
        title_en="Draft",
        opens_at=timezone.now(),
        closes_at=timezone.now() + datetime.timedelta(days=3),
    )
    sign_in(page.context, live_server, _person("Reader", language))
    for path in (
        "/consultations/?state=answered",
        "/consultations/digital-services-policy/comments/",
        "/consultations/digital-services-policy/questions/",
        "/consultations/public-wifi-guidelines/",
        "/consultations/public-wifi-guidelines/paragraphs/1.2/",
        "/consultations/public-wifi-guidelines/comments/",
    ):
        page.goto(f"/{language}{path}")
        _clean(page)
    page.goto(f"/{language}/consultations/digital-services-policy/questions/")
    click_and_wait(page.locator("main form button[type=submit]"))
    assert page.locator(".error-summary").count() == 1
    _clean(page)

    staff = browser.new_context(base_url=live_server.url, locale=language)
    staff_page = staff.new_page()
    sign_in(staff, live_server, editor)
    section = draft.sections.create(number=1, heading_ar="باب", heading_en="Part")
    paragraph = section.paragraphs.create(number=1, text_ar="نص", text_en="Text")
    for path in (
        "/staff/consultations/",
        f"/staff/consultations/{draft.pk}/",
        f"/staff/consultations/{draft.pk}/basics/",
        f"/staff/consultations/{draft.pk}/sections/new/",
        f"/staff/consultations/{draft.pk}/sections/{section.pk}/",
        f"/staff/consultations/{draft.pk}/sections/{section.pk}/paragraphs/new/",
        f"/staff/consultations/{draft.pk}/paragraphs/{paragraph.pk}/",
        f"/staff/consultations/{draft.pk}/attachments/new/",
        f"/staff/consultations/{answered.pk}/",
        f"/staff/consultations/{answered.pk}/comments/",
        f"/staff/consultations/{answered.pk}/response/",
        f"/staff/consultations/{answered.pk}/response/review/",
        f"/staff/consultations/{answered.pk}/review/",
    ):
        staff_page.goto(f"/{language}{path}")
        assert staff_page.locator("h1").count() == 1, path
        _clean(staff_page)
    staff_page.goto(f"/{language}/staff/consultations/{draft.pk}/sections/new/")
    staff_page.fill("#id_number", "")
    click_and_wait(staff_page.locator("main form button[type=submit]").first)
    assert staff_page.locator(".error-summary").count() == 1
    _clean(staff_page)
    staff.close()
