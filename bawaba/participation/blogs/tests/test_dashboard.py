"""The blog posts a person commented on are on their dashboard, one item a
post however many comments, with what became of their latest comment and
whether the provider answered it officially; never someone else's, never an
unpublished post; one query whatever they wrote."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from bawaba.catalogue.workflow import RevisionState
from bawaba.participation.blogs.actions import comment_post
from bawaba.participation.blogs.dashboard import blog_items
from bawaba.participation.blogs.models import Comment, Post
from bawaba.participation.blogs.tests.conftest import published_post, reader_with_name
from bawaba.participation.models import ContributionState

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _comment(post, user, *, minutes_ago=0, **fields):
    return Comment.objects.create(
        post=post,
        author=user,
        author_name="Maryam",
        body="Thank you.",
        created_at=timezone.now() - datetime.timedelta(minutes=minutes_ago),
        **fields,
    )


def test_one_item_a_post_from_the_latest_comment(reader, post):
    _comment(post, reader, minutes_ago=10)
    latest = _comment(post, reader, minutes_ago=1)
    (item,) = blog_items(reader)
    assert item.title == "New clinic hours"
    assert item.when == latest.created_at
    assert item.section == "participation"
    assert str(item.kind) == "Blog post"
    assert str(item.status) == "Published"
    assert item.url == reverse(
        "blogs:post", kwargs={"organisation": post.organisation.slug, "slug": post.slug}
    )


def test_the_title_is_in_the_page_s_language(reader, post):
    _comment(post, reader)
    with translation.override("ar"):
        (item,) = blog_items(reader)
    assert item.title == "مواعيد جديدة للعيادات"


def test_a_comment_waiting_for_moderation_says_so(new_reader, post):
    comment_post(post=post, user=new_reader, body="When do they open on Fridays?")
    (item,) = blog_items(new_reader)
    assert str(item.status) == "Your comment is waiting for moderation"


def test_a_rejected_comment_says_so_and_a_removed_one_is_not_shown(reader, post, provider):
    _comment(post, reader, state=ContributionState.REJECTED)
    assert str(blog_items(reader)[0].status) == "Your comment was not published"
    Comment.objects.filter(author=reader).update(state=ContributionState.REMOVED)
    assert blog_items(reader) == []


def test_an_official_answer_after_the_comment_is_shown(reader, post, provider, editor):
    _comment(post, editor, minutes_ago=30, official_organisation=provider)
    _comment(post, reader, minutes_ago=20)
    assert str(blog_items(reader)[0].status) == "Published"  # the answer came before
    _comment(post, editor, minutes_ago=10, official_organisation=provider)
    assert str(blog_items(reader)[0].status) == "Answered officially"


def test_another_person_s_comments_never_show(reader, post):
    _comment(post, reader_with_name("Ali"))
    assert blog_items(reader) == []


def test_a_post_no_longer_published_is_not_shown(reader, post):
    _comment(post, reader)
    Post.objects.filter(pk=post.pk).update(review_state=RevisionState.DRAFT)
    assert blog_items(reader) == []


def test_anonymous_people_have_nothing():
    assert blog_items(AnonymousUser()) == []


def test_one_query_whatever_the_person_wrote(
    reader, provider, editor, post, django_assert_num_queries
):
    _comment(post, reader)
    with django_assert_num_queries(1):
        blog_items(reader)
    for number in range(30):
        other = published_post(provider, editor, slug=f"post-{number}")
        _comment(other, reader, minutes_ago=number)
        _comment(other, reader, minutes_ago=number + 100)
    with django_assert_num_queries(1):
        items = blog_items(reader)
    assert len(items) == 20  # LIMIT


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_dashboard_links_to_the_post(reader, post, language):
    _comment(post, reader)
    client = Client()
    client.force_login(reader)
    response = client.get(f"/{language}/accounts/dashboard/", {"show": "participation"})
    assert [item.section for item in response.context["items"]] == ["participation"]
    assert f'href="/{language}/blogs/{post.organisation.slug}/{post.slug}/"' in (
        response.content.decode()
    )
