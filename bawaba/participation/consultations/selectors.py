"""Reads of consultations, each scoped to who asks: the public sees
published consultations and published comments (and their own waiting
ones); a provider's editors and approvers see their provider's."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.utils import timezone

from bawaba.accounts.constants import Role
from bawaba.participation.models import ContributionState
from bawaba.participation.permissions import organisations_with_role

from .models import (
    Answer,
    Comment,
    Consultation,
    Paragraph,
    Phase,
    Question,
    Response,
    ResponseNote,
    Section,
    Support,
)

LIST_STATES = (Phase.UPCOMING, Phase.OPEN, Phase.CLOSED, Phase.ANSWERED)


def _with_answered(consultations: QuerySet[Consultation]) -> QuerySet[Consultation]:
    return consultations.annotate(
        is_answered=Exists(
            Response.objects.filter(consultation=OuterRef("pk"), review_state="published")
        )
    )


def _published() -> QuerySet[Consultation]:
    return _with_answered(
        Consultation.objects.filter(review_state="published").select_related("organisation")
    )


def phase_filter(phase: str, now: datetime.datetime) -> Q:
    answered = Q(response__review_state="published")
    if phase == Phase.UPCOMING:
        return Q(opens_at__gt=now)
    if phase == Phase.OPEN:
        return Q(opens_at__lte=now, closes_at__gt=now)
    if phase == Phase.CLOSED:
        return Q(closes_at__lte=now) & ~answered
    if phase == Phase.ANSWERED:
        return Q(closes_at__lte=now) & answered
    return Q()


@dataclass(frozen=True)
class ListFilters:
    state: str = ""
    provider: str = ""
    audience: str = ""


def consultation_list_public(
    *, filters: ListFilters, now: datetime.datetime | None = None
) -> QuerySet[Consultation]:
    now = now or timezone.now()
    consultations = _published()
    if filters.state:
        consultations = consultations.filter(phase_filter(filters.state, now))
    if filters.provider:
        consultations = consultations.filter(organisation__slug=filters.provider)
    if filters.audience:
        consultations = consultations.filter(audiences__slug=filters.audience)
    published_comments = (
        Comment.objects.filter(consultation=OuterRef("pk"), state=ContributionState.PUBLISHED)
        .order_by()
        .values("consultation")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        consultations.annotate(comment_total=Subquery(published_comments))
        .distinct()
        .order_by("-closes_at", "-pk")
    )


def consultation_list_open(limit: int = 3) -> list[Consultation]:
    """The open consultations closing first, for the home page."""
    now = timezone.now()
    return list(
        _published().filter(phase_filter(Phase.OPEN, now)).order_by("closes_at", "pk")[:limit]
    )


def home_open() -> str:
    """The open consultations as the home page shows them ("" for none)."""
    from django.template.loader import render_to_string

    return render_to_string(
        "consultations/home_open.html", {"consultations": consultation_list_open(limit=3)}
    )


def consultation_providers() -> list[tuple[str, Any]]:
    """The providers with a published consultation, for the list's filter."""
    from bawaba.accounts.models import Organisation

    organisations = Organisation.objects.filter(
        pk__in=Consultation.objects.filter(review_state="published").values("organisation_id")
    )
    return [(organisation.slug, organisation) for organisation in organisations]


def consultation_audiences() -> list[Any]:
    from bawaba.catalogue.models import Audience

    return list(
        Audience.objects.filter(
            pk__in=Consultation.audiences.through.objects.filter(
                consultation__review_state="published"
            ).values("audience_id")
        )
    )


def consultation_get_public(slug: str) -> Consultation | None:
    return _published().filter(slug=slug).first()


def draft_outline(consultation: Consultation) -> list[Section]:
    """The draft's sections with their paragraphs (two queries)."""
    return list(
        consultation.sections.prefetch_related(
            Prefetch("paragraphs", queryset=Paragraph.objects.order_by("number"))
        ).order_by("number")
    )


def comment_figures(consultation: Consultation) -> dict[int | None, tuple[int, int]]:
    """Published comments and their support by paragraph, in one query."""
    rows = (
        Comment.objects.filter(consultation=consultation, state=ContributionState.PUBLISHED)
        .values("paragraph_id")
        .annotate(count=Count("id"), support=Sum("support_count"))
        .order_by()
    )
    return {row["paragraph_id"]: (row["count"], row["support"] or 0) for row in rows}


_LABEL = re.compile(r"^(\d{1,4})\.(\d{1,4})$")


def paragraph_get(consultation: Consultation, label: str) -> Paragraph | None:
    """The paragraph numbered ``label`` ("2.3"), or None for anything else."""
    match = _LABEL.match(label or "")
    if match is None:
        return None
    return (
        Paragraph.objects.select_related("section")
        .filter(
            section__consultation=consultation,
            section__number=int(match.group(1)),
            number=int(match.group(2)),
        )
        .first()
    )


def paragraph_neighbours(paragraph: Paragraph) -> tuple[str, str]:
    """The numbers of the paragraphs before and after ``paragraph`` in its
    draft ("" at either end), in one query."""
    labels = [
        f"{section}.{number}"
        for section, number in Paragraph.objects.filter(
            section__consultation_id=paragraph.section.consultation_id
        )
        .order_by("section__number", "number")
        .values_list("section__number", "number")
    ]
    index = labels.index(paragraph.label)
    before = labels[index - 1] if index > 0 else ""
    after = labels[index + 1] if index + 1 < len(labels) else ""
    return before, after


def comments_for_reader(
    *, consultation: Consultation, paragraph: Paragraph | None, user: Any
) -> QuerySet[Comment]:
    """The published comments on ``paragraph`` (None: on the whole), and the
    reader's own ones waiting for a moderator, oldest first."""
    visible = Q(state=ContributionState.PUBLISHED)
    if getattr(user, "pk", None):
        visible |= Q(author_id=user.pk, state=ContributionState.PENDING)
    return Comment.objects.filter(visible, consultation=consultation, paragraph=paragraph).order_by(
        "created_at", "pk"
    )


def supported_by(user: Any, comments: list[Comment]) -> set[int]:
    if not getattr(user, "pk", None) or not comments:
        return set()
    return set(
        Support.objects.filter(user_id=user.pk, comment__in=comments).values_list(
            "comment_id", flat=True
        )
    )


def questions_of(consultation: Consultation) -> list[Question]:
    return list(consultation.questions.order_by("position", "pk"))


def answers_of(user: Any, consultation: Consultation) -> dict[int, Answer]:
    if not getattr(user, "pk", None):
        return {}
    return {
        answer.question_id: answer
        for answer in Answer.objects.filter(author_id=user.pk, question__consultation=consultation)
    }


def response_published(consultation: Consultation) -> Response | None:
    return Response.objects.filter(consultation=consultation, review_state="published").first()


def response_notes(response: Response) -> dict[int, ResponseNote]:
    if response.pk is None:  # a draft not saved yet has no notes
        return {}
    return {note.paragraph_id: note for note in response.notes.all()}


# --- staff ---------------------------------------------------------------


def staff_organisations(user: Any) -> QuerySet[Any]:
    return organisations_with_role(user, Role.EDITOR, Role.APPROVER)


def consultation_list_for_staff(*, user: Any) -> QuerySet[Consultation]:
    return _with_answered(
        Consultation.objects.filter(organisation__in=staff_organisations(user)).select_related(
            "organisation"
        )
    ).order_by("-created_at", "-pk")


def consultation_get_for_staff(*, user: Any, pk: Any) -> Consultation | None:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return (
        _with_answered(
            Consultation.objects.filter(organisation__in=staff_organisations(user)).select_related(
                "organisation"
            )
        )
        .filter(pk=pk)
        .first()
    )


def answer_figures(consultation: Consultation) -> list[tuple[Question, int]]:
    questions = consultation.questions.annotate(count=Count("answers")).order_by("position", "pk")
    return [(question, question.count) for question in questions]
