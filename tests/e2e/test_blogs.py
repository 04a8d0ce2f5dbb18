"""Providers' blogs in a real browser, in both languages: an editor writes
a post and sends it for review, an approver publishes it, a reader reads
it and comments; a post in one language says so on the other language's
page. Every page passes axe-core: the blog list, a provider's blog, a post
(with comments, and with the one-language notice), the comment form with
an error, and the staff list, edit and review pages."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from bawaba.accounts.constants import Role
from bawaba.accounts.tests.factories import OrganisationFactory, UserFactory, staff_with_two_step
from bawaba.catalogue.workflow import RevisionState
from bawaba.participation.blogs.models import Comment, Post
from bawaba.participation.models import Participant
from tests.e2e.conftest import axe_violations, click_and_wait, sign_in


@pytest.mark.parametrize("language", ["ar", "en"])
def test_an_editor_writes_an_approver_publishes_and_a_reader_comments(
    page, browser, live_server, language
):
    provider = OrganisationFactory.create(
        slug="health", name_en="Ministry of Health", name_ar="وزارة الصحة"
    )
    editor = staff_with_two_step(provider, Role.EDITOR, preferred_language=language)
    approver = staff_with_two_step(provider, Role.APPROVER, preferred_language=language)
    reader = UserFactory.create(
        preferred_language=language, date_joined=timezone.now() - datetime.timedelta(days=90)
    )
    Participant.objects.create(user=reader, display_name="Maryam")

    staff = browser.new_context(base_url=live_server.url, locale=language)
    staff_page = staff.new_page()
    sign_in(staff, live_server, editor)
    staff_page.goto(f"/{language}/staff/blog/")
    assert axe_violations(staff_page) == []
    click_and_wait(staff_page.locator(f"a[href='/{language}/staff/blog/new/health/']"))
    # Sent empty: the page says what is needed.
    click_and_wait(staff_page.locator("button[name=save]"))
    assert staff_page.locator(".error-summary").count() == 1
    assert axe_violations(staff_page) == []
    staff_page.fill("#id_title_ar", "مواعيد جديدة للعيادات")
    staff_page.fill("#id_body_ar", "تفتح العيادات الآن في السابعة صباحاً.")
    staff_page.fill("#id_title_en", "New clinic hours")
    staff_page.fill("#id_summary_en", "Clinics open earlier.")
    staff_page.fill("#id_body_en", "Clinics now open at seven.\n\nThey close at nine.")
    click_and_wait(staff_page.locator("button[name=submit]"))
    post = Post.objects.get()
    assert post.review_state == RevisionState.IN_REVIEW
    assert staff_page.url.endswith(f"/{language}/staff/blog/{post.pk}/")
    assert axe_violations(staff_page) == []
    staff_page.goto(f"/{language}/staff/blog/{post.pk}/edit/")  # in review: back to its page
    assert staff_page.url.endswith(f"/staff/blog/{post.pk}/")
    staff.close()

    reviewer = browser.new_context(base_url=live_server.url, locale=language)
    review_page = reviewer.new_page()
    sign_in(reviewer, live_server, approver)
    review_page.goto(f"/{language}/staff/blog/{post.pk}/")
    assert axe_violations(review_page) == []
    click_and_wait(review_page.locator("button[value=publish]"))
    post.refresh_from_db()
    assert post.is_published
    assert axe_violations(review_page) == []
    reviewer.close()

    sign_in(page.context, live_server, reader)
    page.goto(f"/{language}/blogs/")
    assert axe_violations(page) == []
    page.goto(f"/{language}/blogs/health/")
    assert axe_violations(page) == []
    click_and_wait(page.locator(f"a[href='/{language}/blogs/health/{post.slug}/']").first)
    title = "مواعيد جديدة للعيادات" if language == "ar" else "New clinic hours"
    assert page.locator("h1").inner_text() == title
    click_and_wait(page.locator("form:has(#comment-body) button[type=submit]"))
    assert page.locator(".error-summary").count() == 1
    assert axe_violations(page) == []
    page.fill("#comment-body", "Thank you, this helps.")
    click_and_wait(page.locator("form:has(#comment-body) button[type=submit]"))
    comment = Comment.objects.get()
    assert comment.is_published
    assert "Thank you, this helps." in page.content()
    assert axe_violations(page) == []


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_post_in_the_other_language_only_says_so_and_links_to_it(page, live_server, language):
    provider = OrganisationFactory.create(
        slug="works", name_en="Ministry of Works", name_ar="وزارة الأشغال"
    )
    editor = staff_with_two_step(provider, Role.EDITOR)
    other = "en" if language == "ar" else "ar"
    texts = (
        {"title_en": "Road closures this week", "body_en": "Road 12 is closed."}
        if other == "en"
        else {"title_ar": "إغلاق طرق هذا الأسبوع", "body_ar": "الطريق 12 مغلق."}
    )
    Post.objects.create(
        organisation=provider,
        author=editor,
        slug="roads",
        review_state=RevisionState.PUBLISHED,
        published_at=timezone.now(),
        **texts,
    )
    page.goto(f"/{language}/blogs/works/roads/")
    heading = page.locator("h1 span")
    assert heading.get_attribute("lang") == other
    assert page.locator(".banner").count() == 1
    assert axe_violations(page) == []
    click_and_wait(page.locator(f".banner a[hreflang={other}]"))
    assert page.url.endswith(f"/{other}/blogs/works/roads/")
    assert page.locator(".banner").count() == 0
    assert axe_violations(page) == []
    page.goto(f"/{language}/blogs/")
    assert axe_violations(page) == []
