"""Reads shared by the participation spaces, each scoped to who asks: what
a person may do before posting (the gate every post form sits behind), and
the moderators' queue and case pages."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from bawaba.accounts.constants import Role
from bawaba.cases.selectors import QueueFilters, QueuePage, case_queue
from bawaba.participation.actions import block_active, participant_get
from bawaba.participation.models import ModerationCase, ModerationEvent, ModerationState
from bawaba.participation.moderation import OPEN_STATES
from bawaba.participation.permissions import is_portal_moderator, organisations_with_role


@dataclass(frozen=True)
class Gate:
    """What stands between a person and a post form: "sign_in", "blocked",
    "unnamed" (no name to post under yet), or "" (they may post)."""

    reason: str
    participant: Any = None

    @property
    def open(self) -> bool:
        return not self.reason


def posting_gate(user: Any) -> Gate:
    if not getattr(user, "is_authenticated", False):
        return Gate("sign_in")
    if block_active(user) is not None:
        return Gate("blocked")
    participant = participant_get(user)
    if participant is None:
        return Gate("unnamed")
    return Gate("", participant)


def moderator_scope(user: Any) -> Q | None:
    """The cases ``user`` may moderate, as a condition (everything for the
    portal's moderators), or None when they moderate nothing."""
    if is_portal_moderator(user):
        return Q()
    organisations = list(organisations_with_role(user, Role.MODERATOR).values_list("pk", flat=True))
    if not organisations:
        return None
    return Q(organisation_id__in=organisations)


@dataclass(frozen=True)
class ModerationFilters(QueueFilters):
    kind: str = ""
    portal_only: bool = False


def moderation_queue(
    *,
    user: Any,
    filters: ModerationFilters,
    now: datetime.datetime,
    page_number: Any = None,
) -> QueuePage[ModerationCase] | None:
    scope = moderator_scope(user)
    if scope is None:
        return None
    cases: QuerySet[ModerationCase] = ModerationCase.objects.filter(scope).select_related(
        "organisation"
    )
    if not filters.state:
        cases = cases.filter(state__in=OPEN_STATES)
    if filters.kind:
        cases = cases.filter(content_kind=filters.kind)
    if filters.portal_only:
        cases = cases.filter(organisation__isnull=True)
    return case_queue(
        cases,
        user=user,
        filters=filters,
        states=ModerationState.values,
        open_states=OPEN_STATES,
        now=now,
        page_number=page_number,
        then=("created_at",),
    )


def moderation_case_get_for_staff(*, user: Any, case_id: Any) -> ModerationCase | None:
    scope = moderator_scope(user)
    if scope is None:
        return None
    return (
        ModerationCase.objects.filter(scope)
        .select_related("organisation", "author")
        .filter(pk=case_id)
        .first()
    )


def moderation_history(case: ModerationCase) -> QuerySet[ModerationEvent]:
    return case.events.select_related("actor").order_by("created_at", "id")


def moderation_history_of_author(*, user: Any, author_id: int) -> QuerySet[ModerationCase]:
    """The author's other cases that ``user`` may see, newest first."""
    scope = moderator_scope(user)
    if scope is None:
        return ModerationCase.objects.none()
    return ModerationCase.objects.filter(scope, author_id=author_id).order_by("-created_at")
