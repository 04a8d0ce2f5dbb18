"""Helpers for the surveys' tests (and the portal-wide form test): people
who applied, a draft survey of three questions, sending it and reading
the tokens from the invitations."""

import datetime

from django.utils import timezone

from bawaba.accounts.tests.factories import OrganisationFactory, UserFactory, staff_with_two_step
from bawaba.eservices.models import ApplicationState
from bawaba.eservices.tests.samples import application_for
from bawaba.participation.surveys import actions
from bawaba.participation.surveys.models import QuestionKind


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


def survey_with_every_kind():
    """The questions of a new survey with one required question of each
    kind (for the test that sends every form of the portal empty)."""
    from bawaba.accounts.constants import Role as _Role
    from bawaba.participation.surveys.selectors import survey_questions

    organisation = OrganisationFactory.create()
    author = staff_with_two_step(organisation, _Role.EDITOR)
    survey = actions.survey_create(
        user=author, organisation_id=organisation.pk, text=actions.SurveyText("استبيان", "Survey")
    )
    labels = {
        QuestionKind.CHOICE: ("كيف قدمتم؟", "How did you apply?"),
        QuestionKind.CHOICES: ("ما الذي استخدمتموه؟", "What did you use?"),
        QuestionKind.SCALE: ("ما مدى رضاكم؟", "How satisfied are you?"),
        QuestionKind.TEXT: ("ملاحظاتكم", "Your comments"),
    }
    for kind, (arabic, english) in labels.items():
        actions.question_save(
            user=author,
            survey_id=survey.pk,
            data=actions.QuestionInput(
                kind=kind,
                text_ar=arabic,
                text_en=english,
                required=True,
                options=[("أ", "A"), ("ب", "B")],
            ),
        )
    return survey_questions(survey)
