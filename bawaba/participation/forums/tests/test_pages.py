"""The forum's pages over HTTP: the themes, a theme's topics, a topic with its
replies, starting a topic, replying with a quote, changing one's post within
the window, and the gate in front of every form."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from bawaba.accounts.models import Organisation, User
from bawaba.catalogue.models import Category
from bawaba.catalogue.tests.factories import CategoryFactory
from bawaba.participation.forums.models import Reply, Thread
from bawaba.participation.forums.tests.conftest import (
    answer,
    many_threads,
    person,
    signed_in,
    start,
)
from bawaba.participation.models import ContributionState, Participant

pytestmark = pytest.mark.django_db


def test_forum_home_lists_every_theme_with_its_topics_and_latest_activity(
    client: Client, theme: Category, member: User
) -> None:
    CategoryFactory.create(slug="health", name_en="Health", name_ar="الصحة")
    start(member, theme)
    start(member, theme, title="Another")
    response = client.get("/en/forums/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Travel and visas" in html and "Health" in html
    assert "2 topics" in html and "0 topics" in html
    assert "last active" in html
    assert response.context["breadcrumbs"][-1][1] is None


def test_forum_home_is_in_arabic_too(client: Client, theme: Category) -> None:
    response = client.get("/ar/forums/")
    assert response.status_code == 200
    assert "السفر والتأشيرات" in response.content.decode()


def test_theme_page_lists_topics_latest_activity_first(
    client: Client, theme: Category, member: User
) -> None:
    older = start(member, theme, title="Older topic")
    newer = start(member, theme, title="Newer topic")
    answer(member, older, "Bumped.")
    html = client.get(f"/en/forums/themes/{theme.slug}/").content.decode()
    assert html.index("Older topic") < html.index("Newer topic")
    assert "1 reply" in html and newer.title in html


def test_unknown_theme_and_topic_are_not_found(client: Client, db: Any) -> None:
    assert client.get("/en/forums/themes/nothing-here/").status_code == 404
    assert client.get("/en/forums/topics/999/").status_code == 404
    assert client.get(f"/en/forums/topics/{2**70}/").status_code == 404
    assert client.get(f"/en/forums/replies/{2**70}/").status_code == 404


def test_theme_page_is_paginated(client: Client, theme: Category, member: User) -> None:
    many_threads(member, theme, 25)
    response = client.get(f"/en/forums/themes/{theme.slug}/?page=2")
    assert response.status_code == 200
    assert len(response.context["page_obj"].object_list) == 5
    assert "Page 2 of 2" in response.content.decode()


def test_theme_page_has_a_bounded_number_of_queries(
    client: Client,
    theme: Category,
    member: User,
    provider: Organisation,
    django_assert_max_num_queries: Any,
) -> None:
    many_threads(member, theme, 30, organisation=provider)
    client.force_login(member)
    with django_assert_max_num_queries(8):
        response = client.get(f"/en/forums/themes/{theme.slug}/")
    assert response.status_code == 200


def test_forum_home_has_a_bounded_number_of_queries(
    client: Client, theme: Category, member: User, django_assert_max_num_queries: Any
) -> None:
    for number in range(10):
        CategoryFactory.create(slug=f"theme-{number}", name_en=f"Theme {number}")
    start(member, theme)
    with django_assert_max_num_queries(4):
        assert client.get("/en/forums/").status_code == 200


def test_topic_page_with_many_replies_loads_its_first_page_in_a_bounded_number_of_queries(
    theme: Category, member: User, django_assert_max_num_queries: Any
) -> None:
    thread = start(member, theme)
    now = timezone.now()
    Reply.objects.bulk_create(
        Reply(
            thread=thread,
            author=member,
            author_name="Maryam",
            body=f"Reply {number}",
            created_at=now + datetime.timedelta(seconds=number),
        )
        for number in range(5000)
    )
    reader = signed_in(person(name="Reader"))
    with django_assert_max_num_queries(10):
        response = reader.get(f"/en/forums/topics/{thread.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Reply 0" in html and "Reply 49" in html and "Reply 50" not in html
    assert "Page 1 of 100" in html
    with django_assert_max_num_queries(10):
        response = reader.get(f"/en/forums/topics/{thread.pk}/?page=100")
    assert "Reply 4999" in response.content.decode()


def test_a_reply_link_opens_the_page_of_its_topic_where_it_is(
    client: Client, theme: Category, member: User
) -> None:
    thread = start(member, theme)
    now = timezone.now()
    Reply.objects.bulk_create(
        Reply(
            thread=thread,
            author=member,
            author_name="Maryam",
            body="x",
            created_at=now + datetime.timedelta(seconds=number),
        )
        for number in range(60)
    )
    last = Reply.objects.filter(thread=thread).order_by("-created_at").first()
    assert last is not None
    response = client.get(f"/en/forums/replies/{last.pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"/en/forums/topics/{thread.pk}/?page=2#reply-{last.pk}"


def test_starting_a_topic_asks_a_visitor_to_sign_in(client: Client, theme: Category) -> None:
    response = client.get(f"/en/forums/themes/{theme.slug}/new/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_topic_page_asks_a_visitor_to_sign_in_to_reply(
    client: Client, theme: Category, member: User
) -> None:
    thread = start(member, theme)
    html = client.get(f"/en/forums/topics/{thread.pk}/").content.decode()
    assert "Sign in</a> to take part." in html
    assert 'name="body"' not in html


def test_a_person_without_a_name_is_asked_to_choose_one_first(theme: Category) -> None:
    from bawaba.accounts.tests.factories import UserFactory

    nameless = signed_in(UserFactory.create())
    response = nameless.get(f"/en/forums/themes/{theme.slug}/new/")
    html = response.content.decode()
    assert "choose the name shown with your posts" in html
    assert "/en/participate/name/?next=" in html
    assert 'name="title"' not in html
    response = nameless.post(
        f"/en/forums/themes/{theme.slug}/new/", {"title": "Hello", "body": "Hi"}
    )
    assert response.status_code == 200 and not Thread.objects.exists()


def test_starting_a_topic_publishes_it_for_an_established_account(
    theme: Category, member: User, provider: Organisation
) -> None:
    client = signed_in(member)
    page = client.get(f"/en/forums/themes/{theme.slug}/new/?provider=passports")
    html = page.content.decode()
    assert page.status_code == 200 and 'name="title"' in html and "Passports Directorate" in html
    assert page.context["form"]["provider"].value() == str(provider.pk)
    response = client.post(
        f"/en/forums/themes/{theme.slug}/new/",
        {"title": "  Renewing   a passport ", "body": "How long?", "provider": str(provider.pk)},
    )
    thread = Thread.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/forums/topics/{thread.pk}/"
    assert thread.title == "Renewing a passport"
    assert thread.state == ContributionState.PUBLISHED
    assert thread.organisation == provider and thread.author_name == "Maryam"
    page = client.get(response["Location"])
    assert "Your post is published." in page.content.decode()


def test_a_provider_not_offering_services_in_the_theme_cannot_be_chosen(
    theme: Category, member: User, other_provider: Organisation
) -> None:
    response = signed_in(member).post(
        f"/en/forums/themes/{theme.slug}/new/",
        {"title": "Title", "body": "Body", "provider": str(other_provider.pk)},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["provider"]
    assert not Thread.objects.exists()


def test_an_empty_topic_gets_a_message_naming_each_box(theme: Category, member: User) -> None:
    response = signed_in(member).post(f"/en/forums/themes/{theme.slug}/new/", {})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter “Title of the topic”." in html
    assert "Enter “Your question or message”." in html
    assert "Error:" in html


def test_a_reply_is_published_and_the_author_lands_on_it(theme: Category, member: User) -> None:
    thread = start(member, theme)
    replier = person(name="Huda")
    client = signed_in(replier)
    response = client.post(f"/en/forums/topics/{thread.pk}/reply/", {"body": "Five days."})
    reply = Reply.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/forums/replies/{reply.pk}/"
    thread.refresh_from_db()
    assert thread.reply_count == 1 and thread.last_activity_at == reply.created_at
    page = client.get(f"/en/forums/topics/{thread.pk}/")
    assert "Five days." in page.content.decode()


def test_quoting_shows_the_quoted_author_and_an_escaped_excerpt(
    theme: Category, member: User
) -> None:
    thread = start(member, theme)
    quoted = answer(person(name="Huda"), thread, "<b>Bring</b> two photos. " + "x" * 400)
    client = signed_in(person(name="Salman"))
    form_page = client.get(f"/en/forums/topics/{thread.pk}/reply/?quote={quoted.pk}")
    html = form_page.content.decode()
    assert "Huda" in html and "&lt;b&gt;Bring&lt;/b&gt;" in html
    assert f'name="quote" value="{quoted.pk}"' in html
    client.post(
        f"/en/forums/topics/{thread.pk}/reply/", {"body": "Thanks!", "quote": str(quoted.pk)}
    )
    reply = Reply.objects.get(body="Thanks!")
    assert reply.quote == quoted
    html = client.get(f"/en/forums/topics/{thread.pk}/").content.decode()
    assert "<b>Bring</b>" not in html
    quote = html[html.index("<blockquote") : html.index("</blockquote>")]
    assert "Huda" in quote and "wrote:" in quote and "&lt;b&gt;Bring&lt;/b&gt;" in quote
    assert "x" * 400 not in quote  # an excerpt, not the whole reply


def test_quoting_a_reply_of_another_topic_or_nonsense_quotes_nothing(
    theme: Category, member: User
) -> None:
    thread = start(member, theme)
    elsewhere = answer(member, start(member, theme, title="Other"), "Elsewhere")
    client = signed_in(person(name="Salman"))
    for value in (str(elsewhere.pk), "abc", str(2**70)):
        response = client.get(f"/en/forums/topics/{thread.pk}/reply/?quote={value}")
        assert response.status_code == 200 and response.context["quote"] is None
    client.post(f"/en/forums/topics/{thread.pk}/reply/", {"body": "Hi", "quote": str(elsewhere.pk)})
    assert Reply.objects.get(body="Hi").quote is None


def test_the_author_changes_their_post_within_the_window(theme: Category, member: User) -> None:
    thread = start(member, theme)
    reply = answer(member, thread, "Fist version")
    client = signed_in(member)
    html = client.get(f"/en/forums/topics/{thread.pk}/").content.decode()
    assert f"/en/forums/replies/{reply.pk}/change/" in html
    assert f"/en/forums/topics/{thread.pk}/change/" in html
    response = client.post(f"/en/forums/replies/{reply.pk}/change/", {"body": "First version"})
    assert response.status_code == 302
    reply.refresh_from_db()
    assert reply.body == "First version" and reply.edited_at is not None
    response = client.post(
        f"/en/forums/topics/{thread.pk}/change/", {"title": "New title", "body": "New body"}
    )
    assert response.status_code == 302
    thread.refresh_from_db()
    assert (thread.title, thread.body) == ("New title", "New body")
    assert "edited" in client.get(f"/en/forums/topics/{thread.pk}/").content.decode()


def test_changing_a_post_after_the_window_is_refused(theme: Category, member: User) -> None:
    thread = start(member, theme)
    reply = answer(member, thread, "Original")
    past = timezone.now() - datetime.timedelta(minutes=16)
    Reply.objects.filter(pk=reply.pk).update(created_at=past)
    Thread.objects.filter(pk=thread.pk).update(created_at=past)
    client = signed_in(member)
    html = client.get(f"/en/forums/topics/{thread.pk}/").content.decode()
    assert "/change/" not in html
    page = client.get(f"/en/forums/replies/{reply.pk}/change/")
    assert "can no longer be changed" in page.content.decode()
    assert 'name="body"' not in page.content.decode()
    response = client.post(f"/en/forums/replies/{reply.pk}/change/", {"body": "Changed"})
    assert response.status_code == 403
    response = client.post(
        f"/en/forums/topics/{thread.pk}/change/", {"title": "T", "body": "Changed"}
    )
    assert response.status_code == 403
    reply.refresh_from_db()
    thread.refresh_from_db()
    assert reply.body == "Original" and thread.body == "How long does it take?"


def test_nobody_changes_another_persons_post(theme: Category, member: User) -> None:
    thread = start(member, theme)
    reply = answer(member, thread)
    other = signed_in(person(name="Other"))
    assert other.get(f"/en/forums/replies/{reply.pk}/change/").status_code == 404
    assert other.post(f"/en/forums/topics/{thread.pk}/change/", {}).status_code == 404
    assert Client().get(f"/en/forums/replies/{reply.pk}/change/").status_code == 302


def test_the_report_link_leads_to_the_report_page(
    client: Client, theme: Category, member: User
) -> None:
    thread = start(member, theme)
    reply = answer(member, thread)
    reader = signed_in(person(name="Reader"))
    html = reader.get(f"/en/forums/topics/{thread.pk}/").content.decode()
    assert f"/en/participate/report/forums.reply/{reply.pk}/" in html
    assert f"/en/participate/report/forums.thread/{thread.pk}/" in html
    page = reader.get(f"/en/participate/report/forums.reply/{reply.pk}/")
    assert page.status_code == 200 and "About a week." in page.content.decode()
    # The author does not see a link to report their own post.
    own = signed_in(member).get(f"/en/forums/topics/{thread.pk}/").content.decode()
    assert "/participate/report/" not in own


def test_pages_have_one_h1_and_breadcrumbs(theme: Category, member: User) -> None:
    thread = start(member, theme)
    reply = answer(member, thread)
    client = signed_in(member)
    for path in (
        "/en/forums/",
        f"/en/forums/themes/{theme.slug}/",
        f"/en/forums/themes/{theme.slug}/new/",
        f"/en/forums/topics/{thread.pk}/",
        f"/en/forums/topics/{thread.pk}/reply/",
        f"/en/forums/replies/{reply.pk}/change/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.content.decode().count("<h1") == 1, path
        assert response.context["breadcrumbs"], path


def test_participant_without_business_posts_under_their_name(theme: Category, member: User) -> None:
    Participant.objects.filter(user=member).update(business_name="Gulf Trading")
    thread = start(member, theme)
    assert thread.author_name == "Gulf Trading" and thread.is_business
    html = Client().get(f"/en/forums/topics/{thread.pk}/").content.decode()
    assert "Gulf Trading" in html and "Business" in html


def test_a_service_page_offers_to_ask_about_it_in_the_forum_with_its_provider(
    client: Client, theme: Category, provider: Organisation, member: User
) -> None:
    from bawaba.catalogue.models import Service

    service = Service.objects.get(provider=provider)
    html = client.get(f"/en/services/{service.slug}/").content.decode()
    link = f"/en/forums/themes/{theme.slug}/new/?provider=passports"
    assert link in html and "Ask other people and Passports Directorate in the forums" in html
    page = signed_in(member).get(link)
    assert page.context["form"]["provider"].value() == str(provider.pk)
