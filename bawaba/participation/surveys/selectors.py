"""Reads of surveys, scoped to who asks: a provider's editors and approvers
see its surveys; anyone else's survey does not exist for them (404). What
the results say is counted here without naming anyone who answered."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from bawaba.accounts.models import Organisation
from bawaba.catalogue.models import Service
from bawaba.participation.permissions import WRITING_ROLES, organisations_with_role
from bawaba.participation.surveys.models import (
    SCALE,
    SCALE_LABELS,
    Answer,
    Invitation,
    Question,
    QuestionKind,
    Response,
    Survey,
)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def survey_organisations(user: Any) -> QuerySet[Organisation]:
    """The providers whose surveys ``user`` writes and reads."""
    return organisations_with_role(user, *WRITING_ROLES)


def _count_of(model: Any) -> Coalesce:
    """How many rows of ``model`` belong to the survey of the outer query:
    a subquery per column, so that invitations and responses are not joined
    with each other."""
    counted = (
        model.objects.filter(survey=OuterRef("pk"))
        .order_by()
        .values("survey")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def survey_list_for_staff(*, user: Any) -> QuerySet[Survey]:
    return (
        Survey.objects.filter(organisation__in=survey_organisations(user))
        .select_related("organisation")
        .annotate(invited=_count_of(Invitation), answered=_count_of(Response))
        .order_by("-created_at", "-pk")
    )


def survey_get_for_staff(*, user: Any, pk: int) -> Survey:
    """Raises Survey.DoesNotExist for a survey ``user`` may not see."""
    return Survey.objects.select_related("organisation").get(
        pk=pk, organisation__in=survey_organisations(user)
    )


def survey_questions(survey: Survey) -> list[Question]:
    return list(survey.questions.select_related("condition__question").prefetch_related("options"))


def survey_services(organisation: Organisation) -> QuerySet[Service]:
    """The provider's services people apply for on the portal: a survey's
    sample is drawn from their applicants."""
    return Service.objects.filter(provider=organisation, eservice__isnull=False).order_by(
        "title_en", "pk"
    )


def invitation_for_token(token: str) -> Invitation | None:
    if not token or len(token) > 200:
        return None
    return (
        Invitation.objects.select_related("survey", "survey__organisation")
        .filter(token_hash=token_hash(token))
        .first()
    )


@dataclass
class Count_:
    label: str
    count: int
    percent: int


@dataclass
class QuestionResult:
    question: Question
    answered: int
    rows: list[Count_] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    average: float | None = None


TEXTS_SHOWN = 200


def _percent(count: int, total: int) -> int:
    return round(100 * count / total) if total else 0


def survey_results(survey: Survey, questions: list[Question]) -> list[QuestionResult]:
    """For each question: how many answered it and, per option or point of
    the scale, how many chose it (with the share of those who answered);
    for free text, the answers themselves (the first ``TEXTS_SHOWN``)."""
    answers = Answer.objects.filter(question__survey=survey)
    answered = dict(
        answers.values("question_id")
        .annotate(n=Count("response_id", distinct=True))
        .values_list("question_id", "n")
    )
    by_option = dict(
        answers.filter(option__isnull=False)
        .values("option_id")
        .annotate(n=Count("id"))
        .values_list("option_id", "n")
    )
    by_scale: dict[tuple[int, int | None], int] = {
        (question_id, point): n
        for question_id, point, n in answers.filter(scale__isnull=False)
        .values("question_id", "scale")
        .annotate(n=Count("id"))
        .values_list("question_id", "scale", "n")
    }
    texts: dict[int, list[str]] = defaultdict(list)
    text_ids = [q.pk for q in questions if q.kind == QuestionKind.TEXT]
    if text_ids:
        for question_id, text in (
            answers.filter(question_id__in=text_ids)
            .exclude(text="")
            .order_by("id")
            .values_list("question_id", "text")[: TEXTS_SHOWN * len(text_ids)]
        ):
            if len(texts[question_id]) < TEXTS_SHOWN:
                texts[question_id].append(text)
    results = []
    for question in questions:
        total = answered.get(question.pk, 0)
        result = QuestionResult(question=question, answered=total)
        if question.has_options:
            for option in question.options.all():
                n = by_option.get(option.pk, 0)
                result.rows.append(Count_(option.label, n, _percent(n, total)))
        elif question.kind == QuestionKind.SCALE:
            points = 0
            for point in SCALE:
                n = by_scale.get((question.pk, point), 0)
                points += point * n
                result.rows.append(Count_(str(SCALE_LABELS[point]), n, _percent(n, total)))
            result.average = round(points / total, 1) if total else None
        else:
            result.texts = texts.get(question.pk, [])
        results.append(result)
    return results


def survey_answer_rows(survey: Survey, questions: list[Question]) -> list[list[str]]:
    """One row per response, one cell per question, for the CSV export.
    Responses come in the order of their random ids: nothing about when or
    by whom they were sent."""
    labels = {
        option.pk: option.label for question in questions for option in question.options.all()
    }
    cells: dict[Any, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for response_id, question_id, option_id, scale, text in (
        Answer.objects.filter(question__survey=survey)
        .order_by("response_id", "id")
        .values_list("response_id", "question_id", "option_id", "scale", "text")
    ):
        if option_id is not None:
            value = labels.get(option_id, "")
        elif scale is not None:
            value = str(scale)
        else:
            value = text
        cells[response_id][question_id].append(value)
    responses = survey.responses.order_by("id").values_list("id", flat=True)
    return [
        ["; ".join(cells[response_id].get(question.pk, [])) for question in questions]
        for response_id in responses
    ]
