"""Surveys in a real browser, in both languages: a provider's editor writes
a survey (a choice, a scale and a question asked only after "No") and sends
it to the people who used the service; the invited person opens the link
from their messages, answers (after an error on the first try) and is
thanked; the editor reads the results. Every survey page, the staff's and
the citizen's, passes axe-core."""

import datetime

import pytest
from django.utils import timezone

from bawaba.accounts.constants import Role
from bawaba.accounts.tests.factories import OrganisationFactory, UserFactory, staff_with_two_step
from bawaba.catalogue.tests.factories import ServiceFactory
from bawaba.eservices.models import ApplicationState
from bawaba.eservices.tests.samples import application_for, published_eservice
from bawaba.notifications.models import Delivery
from bawaba.participation.surveys.models import Answer, Response, Survey, SurveyState
from tests.e2e.conftest import axe_violations, click_and_wait, sign_in

WORDS = {
    "ar": {"title": "رضاكم عن تصريح الطريق", "yes": "نعم", "no": "لا"},
    "en": {"title": "Your view of the road permit", "yes": "Yes", "no": "No"},
}


def _submit(page):
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()


def _clean(page):
    assert axe_violations(page) == [], page.url


def _question(page, *, kind, text_ar, text_en, options=None, condition=None):
    page.locator(f"input[name=kind][value={kind}]").check()
    page.fill("#id_text_ar", text_ar)
    page.fill("#id_text_en", text_en)
    if options:
        page.fill("#id_options_ar", "\n".join(arabic for arabic, _english in options))
        page.fill("#id_options_en", "\n".join(english for _arabic, english in options))
    page.check("#id_required")
    if condition is not None:
        page.select_option("#id_condition", str(condition))
    _submit(page)


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_survey_is_sent_answered_and_its_results_read(
    page, browser, live_server, foreign_requests, language
):
    provider = OrganisationFactory.create(name_en="Ministry of Works", name_ar="وزارة الأشغال")
    service = ServiceFactory.create(
        provider=provider, title_en="Road permit", title_ar="تصريح طريق", indexed=False
    )
    definition = published_eservice(service)
    citizen = UserFactory.create(preferred_language=language)
    application_for(
        definition,
        applicant=citizen,
        state=ApplicationState.SUBMITTED,
        submitted_at=timezone.now() - datetime.timedelta(days=3),
    )
    editor = staff_with_two_step(provider, Role.EDITOR)
    words = WORDS[language]

    # The editor writes the survey and sends it.
    staff = browser.new_context(base_url=live_server.url, locale=language)
    staff_page = staff.new_page()
    sign_in(staff, live_server, editor)
    staff_page.goto(f"/{language}/staff/surveys/")
    _clean(staff_page)
    click_and_wait(staff_page.locator(f"main a[href='/{language}/staff/surveys/new/']"))
    _clean(staff_page)
    staff_page.fill("#id_title_ar", WORDS["ar"]["title"])
    staff_page.fill("#id_title_en", WORDS["en"]["title"])
    _submit(staff_page)
    survey = Survey.objects.get()
    base = f"/{language}/staff/surveys/{survey.pk}"
    staff_page.goto(f"{base}/questions/new/")
    _clean(staff_page)
    _question(
        staff_page,
        kind="choice",
        text_ar="هل حصلتم على ما احتجتم إليه؟",
        text_en="Did you get what you needed?",
        options=[("نعم", "Yes"), ("لا", "No")],
    )
    staff_page.goto(f"{base}/questions/new/")
    _question(staff_page, kind="scale", text_ar="ما مدى رضاكم؟", text_en="How satisfied are you?")
    no = survey.questions.get(position=1).options.get(label_en="No")
    staff_page.goto(f"{base}/questions/new/")
    _question(
        staff_page,
        kind="text",
        text_ar="ما الذي كان ينقصكم؟",
        text_en="What was missing?",
        condition=no.pk,
    )
    assert survey.questions.count() == 3
    staff_page.goto(f"{base}/")
    _clean(staff_page)
    staff_page.goto(f"{base}/questions/{survey.questions.get(position=3).pk}/")
    _clean(staff_page)
    staff_page.goto(f"{base}/send/")
    _clean(staff_page)
    staff_page.check(f"input[name=services][value='{service.pk}']")
    staff_page.fill("#id_sample_size", "10")
    _submit(staff_page)
    survey.refresh_from_db()
    assert survey.state == SurveyState.SENT and survey.invitations.count() == 1
    _clean(staff_page)

    # The invitation reached the citizen in their language, with the link.
    email = Delivery.objects.get(notification__recipient=citizen, channel="email")
    assert f"/{language}/surveys/answer/" in email.body_text

    # The citizen opens it from their messages and answers.
    sign_in(page.context, live_server, citizen)
    page.goto(f"/{language}/accounts/messages/")
    click_and_wait(page.locator("main .inbox__subject a").first)
    click_and_wait(page.locator(f"main a[href^='/{language}/surveys/answer/']"))
    link = page.url
    assert words["title"] in page.content()
    _clean(page)
    _submit(page)  # nothing chosen
    assert page.locator(".error-summary").count() == 1
    _clean(page)
    page.get_by_label(words["no"], exact=True).check()
    scale = survey.questions.get(position=2)
    page.locator(f"main input[name=q{scale.pk}][value='4']").check()
    page.locator("main textarea").fill("Opening hours on Saturday")
    _submit(page)
    assert page.url.endswith(f"/{language}/surveys/thanks/")
    _clean(page)
    assert Response.objects.count() == 1
    assert Answer.objects.filter(text="Opening hours on Saturday").exists()
    page.goto(link)  # the link works once
    assert page.locator("main form").count() == 0
    _clean(page)

    # The editor reads the results.
    staff_page.goto(f"{base}/results/")
    html = staff_page.content()
    assert "<svg" in html and "Opening hours on Saturday" in html
    assert citizen.email not in html and citizen.name_en not in html
    _clean(staff_page)
    staff.close()
    assert foreign_requests == []


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_answer_page_works_without_javascript(page_without_javascript, live_server, language):
    from bawaba.participation.surveys.tests.helpers import draft, send

    provider = OrganisationFactory.create()
    service = ServiceFactory.create(provider=provider, indexed=False)
    definition = published_eservice(service)
    application_for(
        definition,
        applicant=UserFactory.create(preferred_language=language),
        state=ApplicationState.SUBMITTED,
        submitted_at=timezone.now() - datetime.timedelta(days=3),
    )
    editor = staff_with_two_step(provider, Role.EDITOR)
    survey = draft(editor, provider)
    token = next(iter(send(editor, survey, service).values()))
    page = page_without_javascript
    page.goto(f"/{language}/surveys/answer/{token}/")
    page.get_by_label(WORDS[language]["yes"], exact=True).check()
    scale = survey.questions.get(position=2)
    page.locator(f"main input[name=q{scale.pk}][value='5']").check()
    _submit(page)
    assert page.url.endswith(f"/{language}/surveys/thanks/")
    page.goto(f"/{language}/surveys/answer/{token}/")
    assert page.locator("h1").count() == 1
    assert Response.objects.count() == 1
