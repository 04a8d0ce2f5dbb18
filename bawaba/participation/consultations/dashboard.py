"""The consultations a person took part in (commented on, answered the
questions of, or supported a comment in), on their dashboard
(``bawaba.accounts.dashboard``): one query whatever they did."""

from __future__ import annotations

from typing import Any

from django.db.models import DateTimeField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from bawaba.accounts.dashboard import LIMIT, LONG_AGO, DashboardItem, dashboard_provider_register
from bawaba.participation.consultations.models import (
    PHASE_COLOURS,
    Answer,
    Comment,
    Consultation,
    Phase,
    Support,
)
from bawaba.participation.consultations.selectors import _with_answered
from bawaba.participation.models import ContributionState


def _latest(queryset: Any, field: str = "created_at") -> Subquery:
    return Subquery(queryset.order_by(f"-{field}").values(field)[:1], output_field=DateTimeField())


def consultation_items(user: Any) -> list[DashboardItem]:
    if not getattr(user, "pk", None):
        return []
    comments = Comment.objects.filter(consultation=OuterRef("pk"), author_id=user.pk).exclude(
        state=ContributionState.REMOVED
    )
    answers = Answer.objects.filter(question__consultation=OuterRef("pk"), author_id=user.pk)
    supports = Support.objects.filter(comment__consultation=OuterRef("pk"), user_id=user.pk)
    consultations = (
        _with_answered(Consultation.objects.filter(review_state="published"))
        .annotate(
            commented_at=_latest(comments),
            answered_at=_latest(answers),
            supported_at=_latest(supports),
        )
        .filter(
            Q(commented_at__isnull=False)
            | Q(answered_at__isnull=False)
            | Q(supported_at__isnull=False)
        )
        # Greatest() of a NULL is NULL on SQLite: a moment never reached counts as long ago.
        .annotate(
            took_part_at=Greatest(
                Coalesce("commented_at", LONG_AGO),
                Coalesce("answered_at", LONG_AGO),
                Coalesce("supported_at", LONG_AGO),
            )
        )
        .order_by("-took_part_at", "-pk")[:LIMIT]
    )
    now = timezone.now()
    items = []
    for consultation in consultations:
        moments = [
            moment
            for moment in (
                consultation.commented_at,
                consultation.answered_at,
                consultation.supported_at,
            )
            if moment is not None
        ]
        phase = consultation.phase(now)
        items.append(
            DashboardItem(
                section="participation",
                kind=pgettext_lazy("dashboard kind", "Consultation"),
                title=consultation.title,
                status=phase.label,
                colour=PHASE_COLOURS.get(phase, "grey"),
                next_step=_("Read the outcome") if phase == Phase.ANSWERED else "",
                url=reverse("consultations:detail", kwargs={"slug": consultation.slug}),
                when=max(moments),
            )
        )
    return items


def register_dashboard() -> None:
    dashboard_provider_register("consultations.taken_part", consultation_items)
