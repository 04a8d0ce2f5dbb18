"""A survey a person was invited to and has not answered waits on their
dashboard, linking to the message with their one-use link; it goes once
answered or closed. Only the invitation is read, never a response, so the
answers stay unlinkable to the person; one query whatever they have."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from bawaba.accounts.tests.factories import UserFactory
from bawaba.notifications.models import Notification
from bawaba.participation.surveys import actions
from bawaba.participation.surveys.dashboard import survey_items
from bawaba.participation.surveys.models import Invitation, Survey
from bawaba.participation.surveys.tests.helpers import draft, send

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def invited(editor, survey, service, applicants):
    """The people invited, with their tokens."""
    return send(editor, survey, service)


def test_a_pending_invitation_asks_for_an_answer(invited, applicants, survey):
    person = applicants[0]
    (item,) = survey_items(person)
    message = Notification.objects.get(recipient=person, event="surveys.invitation")
    assert item.title == "Your view of the road permit"
    assert (str(item.kind), str(item.next_step)) == ("Survey", "Answer the survey")
    assert item.needs_action
    assert item.section == "participation"
    assert item.url == reverse("notifications:message", kwargs={"notification_id": message.pk})
    assert item.next_url == message.link
    assert item.when == Invitation.objects.get(recipient=person).sent_at


def test_once_answered_the_survey_is_no_longer_shown(invited, applicants):
    person = applicants[0]
    actions.survey_answer(token=invited[person.pk], answers=[])
    assert survey_items(person) == []
    assert all(survey_items(other) for other in applicants[1:])


def test_a_closed_survey_is_not_shown(invited, applicants, editor, survey):
    actions.survey_close(user=editor, survey_id=survey.pk)
    assert survey_items(applicants[0]) == []


def test_a_survey_past_its_closing_day_is_not_shown(invited, applicants, survey):
    Survey.objects.filter(pk=survey.pk).update(
        closes_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert survey_items(applicants[0]) == []


def test_people_not_invited_see_nothing(invited):
    assert survey_items(UserFactory.create()) == []
    assert survey_items(AnonymousUser()) == []


def test_the_answers_are_never_read(invited, applicants):
    person = applicants[0]
    actions.survey_answer(token=invited[person.pk], answers=[])
    with CaptureQueriesContext(connection) as queries:
        for someone in applicants:
            survey_items(someone)
    tables = " ".join(query["sql"] for query in queries.captured_queries)
    assert "surveys_invitation" in tables
    assert "surveys_response" not in tables
    assert "surveys_answer" not in tables


def test_without_its_message_the_item_links_to_the_inbox(invited, applicants):
    person = applicants[0]
    Notification.objects.filter(recipient=person).delete()
    (item,) = survey_items(person)
    assert item.url == item.next_url == reverse("notifications:inbox")


def test_one_query_whatever_the_person_has(editor, provider, applicants, django_assert_num_queries):
    person = applicants[0]
    with django_assert_num_queries(1):
        survey_items(person)
    now = timezone.now()
    for number in range(25):
        other = draft(editor, provider, title_en=f"Survey {number}")
        Survey.objects.filter(pk=other.pk).update(state="sent", sent_at=now)
        Invitation.objects.create(
            survey=other, recipient=person, token_hash=f"{number:064d}", sent_at=now
        )
    with django_assert_num_queries(1):
        items = survey_items(person)
    assert len(items) == 20  # LIMIT


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_dashboard_shows_the_survey_waiting(invited, applicants, language):
    client = Client()
    client.force_login(applicants[0])
    response = client.get(f"/{language}/accounts/dashboard/")
    assert [str(item.kind) for item in response.context["attention"]] == [
        str(item.kind) for item in survey_items(applicants[0])
    ]
    assert "/surveys/answer/" in response.content.decode()
