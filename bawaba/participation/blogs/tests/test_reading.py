"""The public pages: every provider's posts (newest first, by provider),
a provider's blog, a post in the page's language or, when it is written
only in the other, a notice with a link to it; the latest posts on the
provider's catalogue page; bounded queries on every list."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from bawaba.catalogue.workflow import RevisionState
from bawaba.participation.blogs import actions
from bawaba.participation.blogs.models import Post
from bawaba.participation.blogs.tests.conftest import published_post

pytestmark = pytest.mark.django_db


def test_a_post_is_read_in_the_page_s_language_with_a_link_to_the_other(client, post):
    html = client.get("/en/blogs/health/clinic-hours/").content.decode()
    assert "New clinic hours" in html and "<p>Clinics now open at seven.</p>" in html
    assert 'href="/ar/blogs/health/clinic-hours/"' in html
    arabic = client.get("/ar/blogs/health/clinic-hours/").content.decode()
    assert "مواعيد جديدة للعيادات" in arabic and "Clinics now open" not in arabic


def test_a_post_only_in_english_says_so_on_the_arabic_page(client, provider, editor):
    published_post(provider, editor, slug="english-only", title_ar="", body_ar="")
    english = client.get("/en/blogs/health/english-only/").content.decode()
    assert "This post is only in" not in english
    response = client.get("/ar/blogs/health/english-only/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "This post is only in English" in html or "هذه التدوينة بالإنجليزية فقط" in html
    assert '<h1 id="post-title"><span lang="en" dir="ltr">New clinic hours</span></h1>' in html
    assert 'href="/en/blogs/health/english-only/" hreflang="en"' in html
    assert "Clinics now open" not in html


def test_a_post_only_in_arabic_says_so_on_the_english_page(client, provider, editor):
    published_post(provider, editor, slug="arabic-only", title_en="", body_en="")
    html = client.get("/en/blogs/health/arabic-only/").content.decode()
    assert "This post is only in Arabic" in html
    assert '<span lang="ar" dir="rtl">مواعيد جديدة للعيادات</span></h1>' in html
    assert 'href="/ar/blogs/health/arabic-only/"' in html
    assert 'aria-current="page"><span lang="ar" dir="rtl">مواعيد جديدة للعيادات</span>' in html
    listing = client.get("/en/blogs/").content.decode()
    assert '<span lang="ar" dir="rtl">مواعيد جديدة للعيادات</span></a>' in listing
    assert "Only in Arabic" in listing


def test_drafts_and_posts_in_review_are_not_shown_to_readers(client, provider, editor):
    for state in (RevisionState.DRAFT, RevisionState.IN_REVIEW):
        Post.objects.create(
            organisation=provider,
            author=editor,
            slug=f"hidden-{state}",
            title_en=f"Hidden {state}",
            body_en="Not yet.",
            review_state=state,
        )
        assert client.get(f"/en/blogs/health/hidden-{state}/").status_code == 404
    html = (
        client.get("/en/blogs/").content.decode() + client.get("/en/blogs/health/").content.decode()
    )
    assert "Hidden" not in html


def test_the_list_is_newest_first_and_filters_by_provider(
    client, provider, other_provider, editor, outsider_approver
):
    old = published_post(provider, editor, slug="old", title_en="Older post")
    Post.objects.filter(pk=old.pk).update(published_at=timezone.now() - datetime.timedelta(days=3))
    published_post(provider, editor, slug="new", title_en="Newer post")
    published_post(other_provider, outsider_approver, slug="roads", title_en="Road works")
    html = client.get("/en/blogs/").content.decode()
    assert html.index("Newer post") < html.index("Older post")
    assert "Road works" in html
    filtered = client.get("/en/blogs/?provider=works").content.decode()
    assert "Road works" in filtered and "Newer post" not in filtered
    blog = client.get("/en/blogs/health/").content.decode()
    assert "Newer post" in blog and "Road works" not in blog
    assert 'type="application/atom+xml" href="/en/blogs/health/feed/"' in blog


def test_garbled_filters_pages_and_addresses_are_clear_never_500(client, post):
    bad = client.get("/en/blogs/?provider=%00nonsense")
    assert bad.status_code == 400 and "Select a valid choice" in bad.content.decode()
    assert client.get("/en/blogs/?page=abc").status_code == 200
    assert client.get("/en/blogs/?page=99999").status_code == 200
    assert client.get("/en/blogs/no-such-provider/").status_code == 404
    assert client.get("/en/blogs/health/no-such-post/").status_code == 404
    assert client.get("/en/blogs/no-such-provider/feed/").status_code == 404
    assert client.get("/en/blogs/health/" + "x" * 10000 + "/").status_code == 404


def test_the_provider_page_lists_its_latest_three_posts_and_not_drafts(
    client, provider, editor, approver, settings, django_capture_on_commit_callbacks
):
    settings.CATALOGUE_PAGE_CACHE = True
    assert "From the blog" not in client.get("/en/providers/health/").content.decode()
    for number in range(4):
        post = published_post(provider, editor, slug=f"p{number}", title_en=f"Post number {number}")
        Post.objects.filter(pk=post.pk).update(
            published_at=timezone.now() - datetime.timedelta(hours=10 - number)
        )
    Post.objects.create(
        organisation=provider, author=editor, slug="draft", title_en="A draft", body_en="x"
    )
    draft = Post.objects.create(
        organisation=provider,
        author=editor,
        slug="waiting",
        title_en="Freshly published",
        body_en="x",
        review_state=RevisionState.IN_REVIEW,
        submitted_by=editor,
    )
    # The page was cached for visitors before; publishing makes it stale.
    with django_capture_on_commit_callbacks(execute=True):
        actions.post_publish(post=draft, user=approver)
    html = client.get("/en/providers/health/").content.decode()
    assert "From the blog" in html
    assert "Freshly published" in html and "Post number 3" in html and "Post number 2" in html
    assert "Post number 1" not in html and "A draft" not in html
    assert 'href="/en/blogs/health/"' in html


@pytest.mark.parametrize(
    "url", ["/en/blogs/", "/ar/blogs/", "/en/blogs/health/", "/en/blogs/?provider=health"]
)
def test_the_lists_take_a_bounded_number_of_queries(
    client, provider, editor, reader, url, settings, django_assert_max_num_queries
):
    settings.PARTICIPATION = {"POSTS_PER_HOUR": 100}
    for number in range(25):
        post = published_post(provider, editor, slug=f"post-{number}")
        actions.comment_post(post=post, user=reader, body="Thank you.")
    with django_assert_max_num_queries(10):
        response = client.get(url)
    assert response.status_code == 200
    assert "1 comment" in response.content.decode() or "تعليق" in response.content.decode()


def test_a_post_page_takes_a_bounded_number_of_queries(
    client, post, reader, django_assert_max_num_queries
):
    for _number in range(15):
        actions.comment_post(post=post, user=reader, body="Thank you.")
    client.force_login(reader)
    with django_assert_max_num_queries(20):
        response = client.get("/en/blogs/health/clinic-hours/")
    assert response.content.decode().count("Thank you.") == 15


def test_markup_typed_by_editors_is_shown_as_text_everywhere(client, provider, editor):
    published_post(
        provider,
        editor,
        slug="markup",
        title_en="<script>alert(1)</script>",
        summary_en="<b>bold</b>",
        body_en="<img src=x onerror=alert(1)>",
    )
    for url in (
        "/en/blogs/",
        "/en/blogs/health/",
        "/en/blogs/health/markup/",
        "/en/providers/health/",
    ):
        html = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in html and "<b>bold</b>" not in html, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, url
    post_page = client.get("/en/blogs/health/markup/").content.decode()
    assert "&lt;img src=x onerror=alert(1)&gt;" in post_page
