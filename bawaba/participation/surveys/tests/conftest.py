"""Shared fixtures: a provider with an e-service, people who applied for it
last week, an editor of the provider, and a draft survey of three
questions (one choice, a scale, and free text asked only after "No")."""

import datetime

import pytest
from django.utils import timezone

from bawaba.accounts.constants import Role
from bawaba.accounts.tests.factories import OrganisationFactory, UserFactory, staff_with_two_step
from bawaba.catalogue.tests.factories import ServiceFactory
from bawaba.eservices.models import ApplicationState
from bawaba.eservices.tests.samples import application_for, published_eservice
from bawaba.participation.surveys import actions
from bawaba.participation.surveys.models import QuestionKind


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.PRIVATE_FILES_ROOT = str(tmp_path / "private")


@pytest.fixture
def provider(db):
    return OrganisationFactory.create(name_en="Ministry of Works", name_ar="وزارة الأشغال")


@pytest.fixture
def definition(provider):
    service = ServiceFactory.create(
        provider=provider, title_en="Road permit", title_ar="تصريح طريق", indexed=False
    )
    return published_eservice(service)


@pytest.fixture
def service(definition):
    return definition.eservice.service


def applied(definition, *, days_ago=7, **user_fields):
    """A person who sent an application ``days_ago`` days ago."""
    person = UserFactory.create(**user_fields)
    application_for(
        definition,
        applicant=person,
        state=ApplicationState.SUBMITTED,
        submitted_at=timezone.now() - datetime.timedelta(days=days_ago),
    )
    return person


@pytest.fixture
def applicants(definition):
    return [applied(definition) for _ in range(5)]


@pytest.fixture
def editor(provider):
    return staff_with_two_step(provider, Role.EDITOR)


def draft(editor, provider, **text):
    survey = actions.survey_create(
        user=editor,
        organisation_id=provider.pk,
        text=actions.SurveyText(
            title_ar=text.get("title_ar", "رضاكم عن تصريح الطريق"),
            title_en=text.get("title_en", "Your view of the road permit"),
        ),
    )
    satisfied = actions.question_save(
        user=editor,
        survey_id=survey.pk,
        data=actions.QuestionInput(
            kind=QuestionKind.CHOICE,
            text_ar="هل حصلتم على ما احتجتم إليه؟",
            text_en="Did you get what you needed?",
            required=True,
            options=[("نعم", "Yes"), ("لا", "No")],
        ),
    )
    actions.question_save(
        user=editor,
        survey_id=survey.pk,
        data=actions.QuestionInput(
            kind=QuestionKind.SCALE,
            text_ar="ما مدى رضاكم؟",
            text_en="How satisfied are you?",
            required=True,
        ),
    )
    no = satisfied.options.get(label_en="No")
    actions.question_save(
        user=editor,
        survey_id=survey.pk,
        data=actions.QuestionInput(
            kind=QuestionKind.TEXT,
            text_ar="ما الذي كان ينقصكم؟",
            text_en="What was missing?",
            required=True,
            condition_id=no.pk,
        ),
    )
    return survey


@pytest.fixture
def survey(editor, provider):
    return draft(editor, provider)


def sending(service, *, size=100, start_days=30, closes_days=30):
    today = timezone.localdate()
    return actions.Sending(
        service_ids=[service.pk],
        period_start=today - datetime.timedelta(days=start_days),
        period_end=today,
        sample_size=size,
        closes_on=today + datetime.timedelta(days=closes_days),
    )


def send(editor, survey, service, **options):
    """Send ``survey`` and return the invited people's tokens, read from the
    links of their messages."""
    from bawaba.notifications.models import Notification

    actions.survey_send(user=editor, survey_id=survey.pk, sending=sending(service, **options))
    tokens = {}
    for notification in Notification.objects.filter(event="surveys.invitation").filter(
        idempotency_key=f"survey:{survey.pk}:invitation"
    ):
        tokens[notification.recipient_id] = notification.link.rstrip("/").rsplit("/", 1)[-1]
    return tokens
