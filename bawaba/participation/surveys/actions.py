"""Changes to surveys: a provider's editor or approver writes a draft
(title, introduction, questions), sends it to a random sample of the people
who applied for chosen services in a period, and closes it; a person
answers once through the link they were sent.

Sampling keeps two rules: a person is asked at most once per survey (a
unique constraint too) and gets no invitation when any survey asked them in
the last ``RECENT_DAYS`` days. Staff accounts are never asked."""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from bawaba.accounts.constants import AccountKind
from bawaba.accounts.models import User
from bawaba.core.audit import audit_record
from bawaba.core.errors import ApplicationError
from bawaba.eservices.models import Application
from bawaba.notifications.actions import notify
from bawaba.participation.posting import body_clean
from bawaba.participation.surveys.models import (
    MAX_OPTIONS,
    MAX_QUESTIONS,
    SCALE,
    Answer,
    Invitation,
    Option,
    Question,
    QuestionKind,
    Response,
    Survey,
    SurveyState,
)
from bawaba.participation.surveys.selectors import (
    survey_organisations,
    survey_services,
    token_hash,
)

RECENT_DAYS = 30
MAX_SAMPLE = 5000
_CHUNK = 500
# The random sample: the operating system's randomness, not a seeded generator.
_RANDOM = secrets.SystemRandom()


class SurveyError(ApplicationError):
    code = "surveys.refused"


class AlreadyAnswered(SurveyError):
    code = "surveys.answered"


class NotAccepting(SurveyError):
    code = "surveys.closed"


def _locked(user: Any, survey_id: int) -> Survey:
    """The survey, locked, if ``user`` may change it (else DoesNotExist)."""
    return Survey.objects.select_for_update().get(
        pk=survey_id, organisation__in=survey_organisations(user)
    )


def _draft(user: Any, survey_id: int) -> Survey:
    survey = _locked(user, survey_id)
    if survey.state != SurveyState.DRAFT:
        raise SurveyError(
            _("This survey has been sent: its questions can no longer change."),
            code="surveys.not_draft",
        )
    return survey


@dataclass(frozen=True)
class SurveyText:
    title_ar: str
    title_en: str
    intro_ar: str = ""
    intro_en: str = ""

    def fields(self) -> dict[str, str]:
        return {
            "title_ar": body_clean(self.title_ar),
            "title_en": body_clean(self.title_en),
            "intro_ar": body_clean(self.intro_ar),
            "intro_en": body_clean(self.intro_en),
        }


@transaction.atomic
def survey_create(*, user: User, organisation_id: int, text: SurveyText) -> Survey:
    organisation = survey_organisations(user).get(pk=organisation_id)
    survey = Survey.objects.create(organisation=organisation, created_by=user, **text.fields())
    audit_record(
        action="surveys.survey.created",
        actor=user,
        data={"survey": survey.pk, "organisation": organisation.pk},
    )
    return survey


@transaction.atomic
def survey_update(*, user: User, survey_id: int, text: SurveyText) -> Survey:
    survey = _draft(user, survey_id)
    for name, value in text.fields().items():
        setattr(survey, name, value)
    survey.save(update_fields=list(text.fields()))
    return survey


@dataclass(frozen=True)
class QuestionInput:
    kind: str
    text_ar: str
    text_en: str
    required: bool = False
    options: Sequence[tuple[str, str]] = ()  # (Arabic, English), in order
    condition_id: int | None = None


def condition_choices(survey: Survey, *, before: int | None = None) -> list[Option]:
    """The options a question may depend on: those of the one-choice
    questions before position ``before`` (all of them for a new question)."""
    options = Option.objects.filter(
        question__survey=survey, question__kind=QuestionKind.CHOICE
    ).select_related("question")
    if before is not None:
        options = options.filter(question__position__lt=before)
    return list(options.order_by("question__position", "position"))


def _options_store(question: Question, options: Sequence[tuple[str, str]]) -> None:
    """Keep the options in place by position (so conditions on them hold),
    add new ones and drop the rest (conditions on those are cleared)."""
    wanted = list(options) if question.has_options else []
    existing = list(question.options.order_by("position", "pk"))
    for index, (label_ar, label_en) in enumerate(wanted):
        if index < len(existing):
            option = existing[index]
            option.label_ar, option.label_en = body_clean(label_ar), body_clean(label_en)
            option.save(update_fields=["label_ar", "label_en"])
        else:
            Option.objects.create(
                question=question,
                position=index + 1,
                label_ar=body_clean(label_ar),
                label_en=body_clean(label_en),
            )
    for option in existing[len(wanted) :]:
        option.delete()


@transaction.atomic
def question_save(
    *, user: User, survey_id: int, data: QuestionInput, question_id: int | None = None
) -> Question:
    survey = _draft(user, survey_id)
    if data.kind not in QuestionKind.values:
        raise SurveyError(_("Choose the kind of question."), code="surveys.question.kind")
    if data.kind in (QuestionKind.CHOICE, QuestionKind.CHOICES) and not (
        2 <= len(data.options) <= MAX_OPTIONS
    ):
        raise SurveyError(
            _("Give between 2 and %(most)d options.") % {"most": MAX_OPTIONS},
            code="surveys.question.options",
        )
    if question_id is None:
        if survey.questions.count() >= MAX_QUESTIONS:
            raise SurveyError(
                _("A survey has at most %(most)d questions.") % {"most": MAX_QUESTIONS},
                code="surveys.question.too_many",
            )
        last = survey.questions.aggregate(last=Max("position"))["last"] or 0
        question = Question(survey=survey, position=last + 1)
    else:
        question = survey.questions.get(pk=question_id)
    condition = None
    if data.condition_id is not None:
        allowed = {
            option.pk: option
            for option in condition_choices(
                survey, before=question.position if question.pk else None
            )
        }
        condition = allowed.get(data.condition_id)
        if condition is None or condition.question_id == question.pk:
            raise SurveyError(
                _("A question can depend only on a one-choice question before it."),
                code="surveys.question.condition",
            )
    question.kind = data.kind
    question.text_ar = body_clean(data.text_ar)
    question.text_en = body_clean(data.text_en)
    question.required = data.required
    question.condition = condition
    question.save()
    _options_store(question, data.options)
    if data.kind != QuestionKind.CHOICE:
        # Only a one-choice question's answer can decide whether another is asked.
        Question.objects.filter(condition__question=question).update(condition=None)
    return question


@transaction.atomic
def question_remove(*, user: User, survey_id: int, question_id: int) -> None:
    survey = _draft(user, survey_id)
    survey.questions.filter(pk=question_id).delete()
    for position, question in enumerate(survey.questions.order_by("position", "pk"), start=1):
        if question.position != position:
            question.position = position
            question.save(update_fields=["position"])


@transaction.atomic
def question_move(*, user: User, survey_id: int, question_id: int, up: bool) -> None:
    """Swap a question with the one before (``up``) or after it. A question
    never moves above the question it depends on."""
    survey = _draft(user, survey_id)
    question = survey.questions.select_related("condition").get(pk=question_id)
    neighbours = survey.questions.filter(
        position__lt=question.position if up else 32767,
        position__gt=0 if up else question.position,
    ).order_by("-position" if up else "position")
    other = neighbours.select_related("condition").first()
    if other is None:
        return
    first, second = (other, question) if up else (question, other)
    # ``second`` moves above ``first``: it may not depend on it.
    if second.condition is not None and second.condition.question_id == first.pk:
        raise SurveyError(
            _("A question that depends on another must stay after it."),
            code="surveys.question.order",
        )
    positions = (first.position, second.position)
    first.position = 0  # free its place for a moment: positions are unique per survey
    first.save(update_fields=["position"])
    second.position = positions[0]
    second.save(update_fields=["position"])
    first.position = positions[1]
    first.save(update_fields=["position"])


def survey_problems(survey: Survey) -> list[str]:
    """What stops the draft from being sent, in the page's language."""
    problems = []
    if not (survey.title_ar and survey.title_en):
        problems.append(_("Give the survey a title in Arabic and in English."))
    questions = list(survey.questions.prefetch_related("options"))
    if not questions:
        problems.append(_("Add at least one question."))
    for question in questions:
        if question.has_options and len(question.options.all()) < 2:
            problems.append(
                _("Question %(number)d needs at least two options.") % {"number": question.position}
            )
    return problems


@dataclass(frozen=True)
class Sending:
    service_ids: Sequence[int]
    period_start: datetime.date
    period_end: datetime.date
    sample_size: int
    closes_on: datetime.date


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def sample_candidates(survey: Survey, sending: Sending, *, now: datetime.datetime) -> list[int]:
    """The accounts that may be asked: an application to one of the services
    sent in the period (Bahrain days), not staff, and no survey invitation in
    the last ``RECENT_DAYS`` days."""
    since = now - datetime.timedelta(days=RECENT_DAYS)
    found = (
        Application.objects.filter(
            organisation=survey.organisation,
            definition__eservice__service_id__in=list(sending.service_ids),
            submitted_at__gte=_day_start(sending.period_start),
            submitted_at__lt=_day_start(sending.period_end + datetime.timedelta(days=1)),
            applicant__is_active=True,
        )
        .exclude(applicant__kind=AccountKind.STAFF)
        .exclude(applicant__is_staff=True)
        .exclude(applicant__is_superuser=True)
        .exclude(applicant__survey_invitations__sent_at__gte=since)
        .exclude(applicant__survey_invitations__survey=survey)
        .order_by()
        .values_list("applicant_id", flat=True)
        .distinct()
    )
    return sorted(set(found))


def _chunks(values: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def _sending_errors(survey: Survey, sending: Sending, today: datetime.date) -> str | None:
    services = set(survey_services(survey.organisation).values_list("pk", flat=True))
    if not sending.service_ids or not set(sending.service_ids) <= services:
        return _("Choose at least one of your e-services.")
    if sending.period_start > sending.period_end:
        return _("The start of the period must be on or before its end.")
    if sending.period_end > today:
        return _("The period must end today or earlier.")
    if not 1 <= sending.sample_size <= MAX_SAMPLE:
        return _("Choose a sample of 1 to %(most)d people.") % {"most": MAX_SAMPLE}
    if sending.closes_on < today:
        return _("Answers must be accepted until today at least.")
    return None


def _date_in(day: datetime.date, language: str) -> str:
    with translation.override(language):
        return formats.date_format(day, "j F Y")


@transaction.atomic
def survey_send(
    *, user: User, survey_id: int, sending: Sending, now: datetime.datetime | None = None
) -> int:
    """Invite a random sample and send each person their one-use link through
    the outbox (in their language). Returns how many were invited: fewer than
    the sample when fewer people may be asked, none at all when nobody may."""
    now = now or timezone.now()
    survey = _draft(user, survey_id)
    problems = survey_problems(survey)
    if problems:
        raise SurveyError(problems[0], code="surveys.incomplete")
    error = _sending_errors(survey, sending, timezone.localdate(now))
    if error:
        raise SurveyError(error, code="surveys.sending")
    candidates = sample_candidates(survey, sending, now=now)
    chosen = sorted(_RANDOM.sample(candidates, min(sending.sample_size, len(candidates))))
    # Lock the people chosen, then ask again: a survey sent at the same
    # moment by another provider may have just invited some of them.
    since = now - datetime.timedelta(days=RECENT_DAYS)
    people: list[User] = []
    for chunk in _chunks(chosen):
        locked = list(User.objects.select_for_update().filter(pk__in=chunk).order_by("pk"))
        taken = set(
            Invitation.objects.filter(recipient_id__in=chunk, sent_at__gte=since).values_list(
                "recipient_id", flat=True
            )
        )
        people.extend(person for person in locked if person.pk not in taken)
    tokens = {person.pk: secrets.token_urlsafe(32) for person in people}
    Invitation.objects.bulk_create(
        Invitation(
            survey=survey,
            recipient=person,
            token_hash=token_hash(tokens[person.pk]),
            sent_at=now,
        )
        for person in people
    )
    title = {"ar": survey.title_ar, "en": survey.title_en}
    provider = {"ar": survey.organisation.name_ar, "en": survey.organisation.name_en}
    until = {language: _date_in(sending.closes_on, language) for language in ("ar", "en")}
    for person in people:
        notify(
            recipient=person,
            event="surveys.invitation",
            idempotency_key=f"survey:{survey.pk}:invitation",
            values={"title": title, "provider": provider, "until": until},
            link="surveys:answer",
            link_kwargs={"token": tokens[person.pk]},
        )
    survey.state = SurveyState.SENT
    survey.sent_at = now
    survey.period_start = sending.period_start
    survey.period_end = sending.period_end
    survey.sample_size = sending.sample_size
    survey.closes_on = sending.closes_on
    survey.save(
        update_fields=[
            "state",
            "sent_at",
            "period_start",
            "period_end",
            "sample_size",
            "closes_on",
        ]
    )
    survey.services.set(sending.service_ids)
    audit_record(
        action="surveys.survey.sent",
        actor=user,
        data={"survey": survey.pk, "invited": len(people), "sample": sending.sample_size},
    )
    return len(people)


@transaction.atomic
def survey_close(*, user: User, survey_id: int) -> Survey:
    survey = _locked(user, survey_id)
    if survey.state != SurveyState.SENT:
        raise SurveyError(_("Only a survey that was sent can be closed."), code="surveys.close")
    survey.state = SurveyState.CLOSED
    survey.closed_at = timezone.now()
    survey.save(update_fields=["state", "closed_at"])
    audit_record(action="surveys.survey.closed", actor=user, data={"survey": survey.pk})
    return survey


@dataclass(frozen=True)
class AnswerInput:
    question_id: int
    option_id: int | None = None
    scale: int | None = None
    text: str = ""


@transaction.atomic
def survey_answer(*, token: str, answers: Sequence[AnswerInput]) -> Response:
    """Store one person's answers without anything that says whose they are,
    and use up their link. Raises Invitation.DoesNotExist for an unknown
    link, AlreadyAnswered for a used one, NotAccepting once the survey is
    closed."""
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("survey")
        .get(token_hash=token_hash(token))
    )
    if invitation.used_at is not None:
        raise AlreadyAnswered(_("This survey has already been answered with this link."))
    survey = invitation.survey
    if not survey.accepts_answers():
        raise NotAccepting(_("This survey is closed: it no longer takes answers."))
    options = dict(Option.objects.filter(question__survey=survey).values_list("pk", "question_id"))
    questions = set(survey.questions.values_list("pk", flat=True))
    for answer in answers:
        valid = answer.question_id in questions and (
            (answer.option_id is not None and options.get(answer.option_id) == answer.question_id)
            or (answer.option_id is None and answer.scale in SCALE)
            or (answer.option_id is None and answer.scale is None and answer.text)
        )
        if not valid:
            raise SurveyError(_("An answer does not belong to this survey."), code="surveys.answer")
    response = Response.objects.create(survey=survey)
    Answer.objects.bulk_create(
        Answer(
            response=response,
            question_id=answer.question_id,
            option_id=answer.option_id,
            scale=answer.scale,
            text=body_clean(answer.text),
        )
        for answer in answers
    )
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    return response
