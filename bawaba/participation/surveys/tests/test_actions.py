"""Sending and answering a survey: who is asked (applicants of the chosen
services in the period, never staff, at most once per survey and once in
30 days), the one-use link in each person's language, and answers that
keep nothing about who gave them."""

import datetime
import uuid

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from bawaba.accounts.constants import Role
from bawaba.accounts.tests.factories import OrganisationFactory, staff_with_two_step
from bawaba.core.models import AuditEvent
from bawaba.notifications.models import Notification
from bawaba.participation.surveys import actions
from bawaba.participation.surveys.models import (
    Answer,
    Invitation,
    Question,
    Response,
    Survey,
    SurveyState,
)
from bawaba.participation.surveys.selectors import token_hash

from .helpers import applied, draft, send, sending

pytestmark = pytest.mark.django_db


def test_the_survey_goes_to_everyone_who_applied_in_the_period_when_the_sample_is_larger(
    editor, survey, service, applicants
):
    tokens = send(editor, survey, service)
    assert set(tokens) == {person.pk for person in applicants}
    survey.refresh_from_db()
    assert survey.state == SurveyState.SENT and survey.sent_at is not None
    assert Invitation.objects.filter(survey=survey).count() == 5
    assert AuditEvent.objects.filter(action="surveys.survey.sent").get().data["invited"] == 5


def test_a_random_sample_of_the_requested_size_is_asked(editor, survey, service, applicants):
    tokens = send(editor, survey, service, size=2)
    assert len(tokens) == 2 and set(tokens) <= {person.pk for person in applicants}


def test_people_outside_the_period_other_services_and_staff_are_not_asked(
    editor, survey, service, definition, provider
):
    inside = applied(definition, days_ago=3)
    applied(definition, days_ago=60)  # before the period
    staff = staff_with_two_step(provider, Role.CASE_WORKER)
    from bawaba.eservices.models import ApplicationState
    from bawaba.eservices.tests.samples import application_for

    application_for(
        definition,
        applicant=staff,
        state=ApplicationState.SUBMITTED,
        submitted_at=timezone.now() - datetime.timedelta(days=2),
    )
    application_for(definition, state=ApplicationState.DRAFT)  # never sent
    tokens = send(editor, survey, service)
    assert set(tokens) == {inside.pk}


def test_a_person_who_applied_twice_is_asked_once(editor, survey, service, definition):
    person = applied(definition, days_ago=3)
    from bawaba.eservices.models import ApplicationState
    from bawaba.eservices.tests.samples import application_for

    application_for(
        definition,
        applicant=person,
        state=ApplicationState.SUBMITTED,
        submitted_at=timezone.now() - datetime.timedelta(days=4),
    )
    assert list(send(editor, survey, service)) == [person.pk]
    assert Notification.objects.filter(recipient=person).count() == 1


def test_nobody_gets_a_second_survey_within_30_days(editor, provider, service, applicants):
    first = draft(editor, provider)
    send(editor, first, service, size=2)
    second = draft(editor, provider, title_en="Second")
    asked_again = send(editor, second, service)
    first_asked = set(first.invitations.values_list("recipient_id", flat=True))
    assert len(asked_again) == 3 and not (set(asked_again) & first_asked)
    third = draft(editor, provider, title_en="Third")
    assert send(editor, third, service) == {}
    assert third.invitations.count() == 0


def test_an_invitation_older_than_30_days_no_longer_counts(editor, provider, service, applicants):
    first = draft(editor, provider)
    send(editor, first, service)
    Invitation.objects.update(sent_at=timezone.now() - datetime.timedelta(days=31))
    second = draft(editor, provider, title_en="Second")
    assert len(send(editor, second, service)) == 5


def test_the_database_refuses_a_second_invitation_to_the_same_survey(
    editor, survey, service, applicants
):
    send(editor, survey, service, size=1)
    invitation = Invitation.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Invitation.objects.create(
            survey=survey, recipient=invitation.recipient, token_hash=token_hash("another")
        )


def test_a_survey_is_sent_once(editor, survey, service, applicants):
    send(editor, survey, service, size=1)
    with pytest.raises(actions.SurveyError):
        actions.survey_send(user=editor, survey_id=survey.pk, sending=sending(service))
    assert Invitation.objects.count() == 1


def test_the_link_is_in_the_recipient_s_language_and_only_its_hash_is_kept(
    editor, survey, service, definition
):
    arabic = applied(definition, preferred_language="ar")
    english = applied(definition, preferred_language="en")
    tokens = send(editor, survey, service)
    links = {n.recipient_id: n.link for n in Notification.objects.all()}
    assert links[arabic.pk] == f"/ar/surveys/answer/{tokens[arabic.pk]}/"
    assert links[english.pk] == f"/en/surveys/answer/{tokens[english.pk]}/"
    stored = set(Invitation.objects.values_list("token_hash", flat=True))
    assert stored == {token_hash(token) for token in tokens.values()}
    assert not stored & set(tokens.values())
    english_message = Notification.objects.get(recipient=english)
    assert "Your view of the road permit" in english_message.body
    assert "Ministry of Works" in english_message.body
    assert "وزارة الأشغال" in Notification.objects.get(recipient=arabic).body


def test_sending_needs_a_complete_survey_and_a_sensible_choice(editor, provider, service):
    empty = actions.survey_create(
        user=editor, organisation_id=provider.pk, text=actions.SurveyText("عنوان", "Title")
    )
    with pytest.raises(actions.SurveyError) as refused:
        actions.survey_send(user=editor, survey_id=empty.pk, sending=sending(service))
    assert refused.value.code == "surveys.incomplete"
    survey = draft(editor, provider)
    other = OrganisationFactory.create()
    from bawaba.catalogue.tests.factories import ServiceFactory

    foreign = ServiceFactory.create(provider=other, indexed=False)
    with pytest.raises(actions.SurveyError):
        actions.survey_send(user=editor, survey_id=survey.pk, sending=sending(foreign))
    with pytest.raises(actions.SurveyError):
        actions.survey_send(user=editor, survey_id=survey.pk, sending=sending(service, size=0))
    with pytest.raises(actions.SurveyError):
        actions.survey_send(
            user=editor, survey_id=survey.pk, sending=sending(service, closes_days=-1)
        )
    assert Survey.objects.get(pk=survey.pk).state == SurveyState.DRAFT


def _answers(survey, *, satisfied="No", scale=4, text="Opening hours"):
    questions = list(survey.questions.order_by("position"))
    option = questions[0].options.get(label_en=satisfied)
    found = [
        actions.AnswerInput(questions[0].pk, option_id=option.pk),
        actions.AnswerInput(questions[1].pk, scale=scale),
    ]
    if text:
        found.append(actions.AnswerInput(questions[2].pk, text=text))
    return found


def test_an_answer_uses_up_the_link_and_keeps_nothing_about_who_gave_it(
    editor, survey, service, applicants
):
    tokens = send(editor, survey, service, size=1)
    token = next(iter(tokens.values()))
    response = actions.survey_answer(token=token, answers=_answers(survey))
    assert Invitation.objects.get().used_at is not None
    assert Answer.objects.filter(response=response).count() == 3
    with pytest.raises(actions.AlreadyAnswered):
        actions.survey_answer(token=token, answers=_answers(survey))
    assert Response.objects.count() == 1
    # A response and its answers name no person, invitation or moment.
    for model in (Response, Answer):
        names = {field.name for field in model._meta.get_fields()}
        assert not names & {"invitation", "recipient", "user", "author", "created_at"}
    assert isinstance(response.pk, uuid.UUID)
    assert all(isinstance(pk, uuid.UUID) for pk in Answer.objects.values_list("pk", flat=True))
    assert not any(event.data.get("response") for event in AuditEvent.objects.all() if event.data)


def test_an_unknown_link_and_a_closed_survey_take_no_answer(editor, survey, service, applicants):
    tokens = send(editor, survey, service, size=1)
    with pytest.raises(Invitation.DoesNotExist):
        actions.survey_answer(token="made-up", answers=[])
    actions.survey_close(user=editor, survey_id=survey.pk)
    with pytest.raises(actions.NotAccepting):
        actions.survey_answer(token=next(iter(tokens.values())), answers=_answers(survey))
    assert AuditEvent.objects.filter(action="surveys.survey.closed").exists()


def test_answers_from_another_survey_are_refused(editor, provider, survey, service, applicants):
    tokens = send(editor, survey, service, size=1)
    other = draft(editor, provider, title_en="Other")
    with pytest.raises(actions.SurveyError):
        actions.survey_answer(token=next(iter(tokens.values())), answers=_answers(other))
    assert Response.objects.count() == 0


def test_questions_are_reordered_without_breaking_their_conditions(editor, survey):
    first, second, third = survey.questions.order_by("position")
    actions.question_move(user=editor, survey_id=survey.pk, question_id=second.pk, up=True)
    assert list(survey.questions.order_by("position").values_list("pk", flat=True)) == [
        second.pk,
        first.pk,
        third.pk,
    ]
    # The free-text question depends on the first: it cannot go above it.
    with pytest.raises(actions.SurveyError):
        actions.question_move(user=editor, survey_id=survey.pk, question_id=third.pk, up=True)
    actions.question_remove(user=editor, survey_id=survey.pk, question_id=first.pk)
    third.refresh_from_db()
    assert third.condition is None
    assert list(survey.questions.values_list("position", flat=True)) == [1, 2]


def test_a_condition_must_point_at_an_earlier_one_choice_question(editor, survey):
    first = survey.questions.get(position=1)
    with pytest.raises(actions.SurveyError):
        actions.question_save(
            user=editor,
            survey_id=survey.pk,
            question_id=first.pk,
            data=actions.QuestionInput(
                kind="choice",
                text_ar="س",
                text_en="Q",
                options=[("أ", "A"), ("ب", "B")],
                condition_id=first.options.first().pk,
            ),
        )


def test_a_sent_survey_s_questions_cannot_change(editor, survey, service, applicants):
    send(editor, survey, service, size=1)
    with pytest.raises(actions.SurveyError):
        actions.question_remove(
            user=editor, survey_id=survey.pk, question_id=survey.questions.first().pk
        )
    assert Question.objects.filter(survey=survey).count() == 3


def test_another_provider_s_editor_cannot_change_the_survey(survey):
    outsider = staff_with_two_step(OrganisationFactory.create(), Role.EDITOR)
    with pytest.raises(Survey.DoesNotExist):
        actions.survey_close(user=outsider, survey_id=survey.pk)
    with pytest.raises(Survey.DoesNotExist):
        actions.question_remove(
            user=outsider, survey_id=survey.pk, question_id=survey.questions.first().pk
        )


def test_a_question_that_is_no_longer_one_choice_no_longer_decides_another(editor, survey):
    first, _second, third = survey.questions.order_by("position")
    actions.question_save(
        user=editor,
        survey_id=survey.pk,
        question_id=first.pk,
        data=actions.QuestionInput(
            kind="choices", text_ar="س", text_en="Q", options=[("نعم", "Yes"), ("لا", "No")]
        ),
    )
    third.refresh_from_db()
    assert third.condition is None
