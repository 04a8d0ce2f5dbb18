"""The forum topics a person started or replied to are on their dashboard,
with their latest activity, what became of their posts and whether a
provider answered officially; never someone else's, never a topic they may
no longer open; one query whatever they wrote."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from bawaba.participation.forums.dashboard import forum_items
from bawaba.participation.forums.models import Reply, Thread
from bawaba.participation.forums.tests.conftest import answer, many_threads, person, start
from bawaba.participation.models import ContributionState

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _statuses(user):
    return {item.title: str(item.status) for item in forum_items(user)}


def test_topics_started_and_replied_to_are_shown_newest_activity_first(member, theme):
    someone = person(name="Ali")
    mine = start(member, theme, title="Renewing a passport")
    theirs = start(someone, theme, title="Opening hours")
    reply = answer(member, theirs)
    start(someone, theme, title="Not touched by Maryam")
    items = forum_items(member)
    assert [item.title for item in items] == ["Opening hours", "Renewing a passport"]
    assert items[0].when == reply.created_at
    assert items[1].url == reverse("forums:thread", kwargs={"pk": mine.pk})
    assert {item.section for item in items} == {"participation"}
    assert not any(item.needs_action for item in items)


def test_latest_activity_counts_other_people_s_replies(member, theme):
    thread = start(member, theme)
    later = answer(person(name="Ali"), thread, "Two weeks for me.")
    (item,) = forum_items(member)
    assert item.when == later.created_at


def test_another_person_s_topics_never_show(member, theme):
    someone = person(name="Ali")
    thread = start(someone, theme)
    answer(someone, thread)
    assert forum_items(member) == []
    assert [item.title for item in forum_items(someone)] == ["Renewing a passport"]


def test_a_new_account_s_topic_waits_for_moderation(newcomer, theme):
    start(newcomer, theme, title="Lost card")
    assert _statuses(newcomer) == {"Lost card": "Waiting for moderation"}


def test_a_reply_waiting_for_moderation_says_so(newcomer, member, theme):
    thread = start(member, theme, title="Clinic hours")
    answer(newcomer, thread)
    assert _statuses(newcomer) == {"Clinic hours": "Your reply is waiting for moderation"}


def test_an_official_answer_is_shown(member, provider, theme, moderator):
    thread = start(member, theme, title="Passport fees")
    Reply.objects.create(
        thread=thread,
        author=moderator,
        author_name="Passports Directorate",
        body="The fee is BD 10.",
        official_organisation=provider,
    )
    assert _statuses(member) == {"Passport fees": "Answered officially"}
    Thread.objects.filter(pk=thread.pk).update(state=ContributionState.REJECTED)
    assert _statuses(member) == {"Passport fees": "Not published"}


def test_removed_topics_and_replies_are_not_shown(member, theme):
    someone = person(name="Ali")
    own = start(member, theme, title="Mine")
    other = start(someone, theme, title="Theirs")
    reply = answer(member, other)
    Thread.objects.filter(pk=own.pk).update(state=ContributionState.REMOVED)
    Reply.objects.filter(pk=reply.pk).update(state=ContributionState.REMOVED)
    assert forum_items(member) == []
    # A topic taken down that the person only replied to is no longer theirs to open.
    answer(member, other)
    Thread.objects.filter(pk=other.pk).update(state=ContributionState.REMOVED)
    assert forum_items(member) == []


def test_anonymous_people_have_nothing():
    from django.contrib.auth.models import AnonymousUser

    assert forum_items(AnonymousUser()) == []


def test_one_query_whatever_the_person_wrote(member, theme, django_assert_num_queries):
    start(member, theme)
    with django_assert_num_queries(1):
        forum_items(member)
    someone = person(name="Ali")
    threads = many_threads(someone, theme, 30)
    now = timezone.now()
    Reply.objects.bulk_create(
        Reply(
            thread=thread,
            author=member,
            author_name="Maryam",
            body="Me too.",
            created_at=now - datetime.timedelta(minutes=number),
        )
        for number, thread in enumerate(threads)
    )
    with django_assert_num_queries(1):
        items = forum_items(member)
    assert len(items) == 20  # LIMIT: the forum has the rest


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_dashboard_lists_the_topic_under_taking_part(member, theme, language):
    from django.test import Client

    thread = start(member, theme, title="Renewing a passport")
    client = Client()
    client.force_login(member)
    response = client.get(f"/{language}/accounts/dashboard/", {"show": "participation"})
    assert response.status_code == 200
    assert [item.title for item in response.context["items"]] == ["Renewing a passport"]
    assert f'href="/{language}/forums/topics/{thread.pk}/"' in response.content.decode()
