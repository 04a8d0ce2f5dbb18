"""The forums in a real browser, in both languages: a new account's reply
waits for moderation, the provider's moderator (staff with two-step
verification) does not publish it and says why, and the author reads why in
their messages, in their language, and sees the reply marked on the topic.
Every forum page, its forms (with an error showing), the report and name
pages and the moderators' queue and case page pass axe-core."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from bawaba.accounts.tests.factories import OrganisationFactory, UserFactory, staff_with_two_step
from bawaba.catalogue.tests.factories import CategoryFactory, ServiceFactory
from bawaba.notifications.models import Notification
from bawaba.participation.forums import actions
from bawaba.participation.forums.models import Reply
from bawaba.participation.models import ContributionState, ModerationCase, Participant
from tests.e2e.conftest import axe_violations, click_and_wait, sign_in

REJECTED_SUBJECT = {"ar": "لم تُنشر مشاركتكم", "en": "Your post was not published"}


def _person(*, new: bool, name: str, language: str = "ar"):
    joined = timezone.now() - datetime.timedelta(days=1 if new else 60)
    user = UserFactory.create(date_joined=joined, preferred_language=language)
    Participant.objects.create(user=user, display_name=name)
    return user


def _forum():
    theme = CategoryFactory.create()
    provider = OrganisationFactory.create(
        name_en="Passports Directorate", name_ar="إدارة الجوازات", slug="passports"
    )
    ServiceFactory.create(provider=provider, categories=[theme])
    member = _person(new=False, name="Maryam")
    thread = actions.thread_start(
        user=member,
        category=theme,
        title="تجديد جواز السفر",
        body="كم يستغرق تجديد الجواز؟ <b>شكراً</b>",
        provider=provider,
    )
    actions.reply_post(user=member, thread=thread, body="About a week, in my experience.")
    return theme, provider, thread


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_new_accounts_reply_waits_and_the_author_reads_why_it_was_not_published(
    page, browser, live_server, foreign_requests, language
):
    _theme, provider, thread = _forum()
    newcomer = _person(new=True, name="Ali", language=language)
    moderator = staff_with_two_step(provider, "moderator", preferred_language=language)

    sign_in(page.context, live_server, newcomer)
    page.goto(f"/{language}/forums/topics/{thread.pk}/")
    assert page.locator("h1").inner_text() == "تجديد جواز السفر"
    assert "<b>شكراً</b>" in page.locator("#topic-" + str(thread.pk)).inner_text()
    page.fill("#id_body", "Buy cheap watches at watches dot example")
    click_and_wait(page.locator("form:has(#id_body) button[type=submit]"))

    reply = Reply.objects.get(author=newcomer)
    assert reply.state == ContributionState.PENDING
    assert page.locator(f"#reply-{reply.pk} .tag--yellow").count() == 1
    assert axe_violations(page) == []
    case = ModerationCase.objects.get(content_kind="forums.reply", content_id=reply.pk)

    staff = browser.new_context(base_url=live_server.url, locale=language)
    staff_page = staff.new_page()
    sign_in(staff, live_server, moderator)
    staff_page.goto(f"/{language}/staff/moderation/")
    assert case.reference in staff_page.content()
    assert axe_violations(staff_page) == []
    staff_page.goto(f"/{language}/staff/moderation/{case.pk}/")
    assert "Buy cheap watches" in staff_page.content()
    assert axe_violations(staff_page) == []
    # Not published without a reason: the error shows, then the reason is given.
    staff_page.locator("input[name=decide-decision][value=reject]").check()
    click_and_wait(staff_page.locator("form:has(input[name=decide-decision]) button[type=submit]"))
    assert staff_page.locator("textarea[name=decide-reason][aria-invalid=true]").count() == 1
    assert axe_violations(staff_page) == []
    staff_page.locator("input[name=decide-decision][value=reject]").check()
    staff_page.fill("textarea[name=decide-reason]", "Advertising is not allowed in the forums.")
    click_and_wait(staff_page.locator("form:has(input[name=decide-decision]) button[type=submit]"))
    reply.refresh_from_db()
    assert reply.state == ContributionState.REJECTED
    assert axe_violations(staff_page) == []
    staff.close()

    message = Notification.objects.get(recipient=newcomer, event="participation.post.rejected")
    assert message.language == language
    page.goto(f"/{language}/accounts/messages/")
    assert REJECTED_SUBJECT[language] in page.content()
    page.goto(f"/{language}/accounts/messages/{message.pk}/")
    assert "Advertising is not allowed in the forums." in page.content()
    page.goto(f"/{language}/forums/topics/{thread.pk}/")
    assert page.locator(f"#reply-{reply.pk} .tag--grey").count() == 1
    assert axe_violations(page) == []
    assert foreign_requests == []


@pytest.mark.parametrize("language", ["ar", "en"])
def test_forum_pages_and_forms_have_no_axe_violations(page, live_server, language):
    theme, _provider, thread = _forum()
    reply = Reply.objects.get(thread=thread)
    for path in ("/forums/", f"/forums/themes/{theme.slug}/", f"/forums/topics/{thread.pk}/"):
        page.goto(f"/{language}{path}")
        assert page.locator("h1").count() == 1, path
        assert axe_violations(page) == [], path

    reader = _person(new=False, name="Huda", language=language)
    sign_in(page.context, live_server, reader)
    # The new-topic form with an error showing.
    page.goto(f"/{language}/forums/themes/{theme.slug}/new/")
    assert axe_violations(page) == []
    page.fill("#id_body", "x" * 5001)
    click_and_wait(page.locator("form:has(#id_body) button[type=submit]"))
    summary = page.locator("[data-error-summary]")
    assert summary.count() == 1
    assert page.input_value("#id_body") == "x" * 5001
    assert axe_violations(page) == []
    # The reply form, quoting a reply.
    page.goto(f"/{language}/forums/topics/{thread.pk}/reply/?quote={reply.pk}")
    assert page.locator("blockquote").count() == 1
    assert axe_violations(page) == []
    page.goto(f"/{language}/forums/topics/{thread.pk}/")
    assert axe_violations(page) == []
    # The report page of a reply.
    page.goto(f"/{language}/participate/report/forums.reply/{reply.pk}/")
    assert axe_violations(page) == []


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_name_page_and_a_staff_official_answer_have_no_axe_violations(
    page, live_server, language
):
    _theme, provider, thread = _forum()
    nameless = UserFactory.create(preferred_language=language)
    sign_in(page.context, live_server, nameless)
    page.goto(f"/{language}/forums/topics/{thread.pk}/")
    click_and_wait(page.locator("a[href*='/participate/name/']"))
    assert axe_violations(page) == []
    page.fill("#id_display_name", "Nasser")
    click_and_wait(page.locator("form:has(#id_display_name) button[type=submit]"))
    assert page.url.endswith(f"/{language}/forums/topics/{thread.pk}/")

    staff = staff_with_two_step(provider, "case_worker")
    Participant.objects.create(user=staff, display_name="Fatima")
    page.context.clear_cookies()
    sign_in(page.context, live_server, staff)
    page.goto(f"/{language}/forums/topics/{thread.pk}/")
    page.locator(f"input[name=answer_for][value='{provider.pk}']").check()
    page.fill("#id_body", "It takes five working days.")
    click_and_wait(page.locator("form:has(#id_body) button[type=submit]"))
    official = Reply.objects.get(official_organisation=provider)
    badge = page.locator(f"#reply-{official.pk} .tag--green")
    assert badge.count() == 1
    assert ("إدارة الجوازات" if language == "ar" else "Passports Directorate") in badge.inner_text()
    assert axe_violations(page) == []


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_portal_moderators_case_page_of_a_forum_post_has_no_axe_violations(
    page, live_server, language
):
    theme, _provider, _thread = _forum()
    newcomer = _person(new=True, name="Ali", language=language)
    topic = actions.thread_start(user=newcomer, category=theme, title="Hello", body="Hi all")
    case = ModerationCase.objects.get(content_kind="forums.thread", content_id=topic.pk)
    portal = OrganisationFactory.create(slug="portal")
    sign_in(page.context, live_server, staff_with_two_step(portal, "portal_moderator"))
    page.goto(f"/{language}/staff/moderation/?portal=1")
    assert case.reference in page.content()
    assert axe_violations(page) == []
    page.goto(f"/{language}/staff/moderation/{case.pk}/")
    assert page.locator("#action-block").count() == 1
    assert axe_violations(page) == []


def test_forum_pages_work_without_javascript(page_without_javascript, live_server):
    theme, _provider, thread = _forum()
    reader = _person(new=False, name="Huda")
    sign_in(page_without_javascript.context, live_server, reader)
    page_without_javascript.goto(f"/en/forums/topics/{thread.pk}/")
    page_without_javascript.fill("#id_body", "Thank you!")
    click_and_wait(page_without_javascript.locator("form:has(#id_body) button[type=submit]"))
    assert Reply.objects.filter(body="Thank you!", state=ContributionState.PUBLISHED).exists()
    assert "Thank you!" in page_without_javascript.content()
    assert theme.slug
