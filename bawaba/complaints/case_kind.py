"""Complaints as the case kit's kind of case (``COMPLAINTS``): the
transition table, who is which kind of actor on one case, who may be given
it, how its history row is written, and the refusals in the words people
read. Only the handling provider's complaints staff act on a case; the
portal's complaint managers act on every provider's and on the triage
queue. A grievance against the outcome of an earlier case (``appeal_of``)
is handled only by a complaints supervisor of the provider who did not
handle the earlier case (while it waits in triage, by a complaint manager
who did not): everyone else may only read it and add notes."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from bawaba.accounts.constants import Role
from bawaba.accounts.models import User
from bawaba.cases.models import Visibility
from bawaba.cases.transitions import APPLICANT, APPROVE, REVIEW, STAFF, TransitionTable
from bawaba.complaints.errors import ComplaintError
from bawaba.complaints.models import Complaint, ComplaintEvent, ComplaintState, Kind
from bawaba.complaints.workflow import MOVES

# A provider's roles on its cases; the approving role assigns and decides grievances.
HANDLING_ROLES = (Role.COMPLAINTS_OFFICER, Role.COMPLAINTS_SUPERVISOR)
MANAGER_ROLE = Role.COMPLAINT_MANAGER


def is_complaint_manager(user: Any) -> bool:
    """A member of the portal's complaint managers (any active organisation)."""
    return bool(
        getattr(user, "pk", None)
        and user.memberships.filter(role=MANAGER_ROLE, organisation__is_active=True).exists()
    )


def handled_by(case_id: Any) -> QuerySet[User]:
    """Who handled the case ``case_id``: was given it, or made a step of its history."""
    return User.objects.filter(
        Q(pk__in=ComplaintEvent.objects.filter(complaint_id=case_id).values("actor_id"))
        | Q(pk__in=Complaint.objects.filter(pk=case_id).values("assignee_id"))
    )


def is_appeal(case: Complaint) -> bool:
    """A grievance against the outcome of an earlier case."""
    return case.kind == Kind.GRIEVANCE and case.appeal_of_id is not None


def event_record(
    complaint: Complaint,
    action: str,
    actor: User | None,
    from_state: str = "",
    *,
    text: str = "",
    visibility: str = Visibility.PERSON,
) -> ComplaintEvent:
    return ComplaintEvent.objects.create(
        complaint=complaint,
        actor=actor,
        action=action,
        from_state=from_state,
        state=complaint.state,
        organisation_id=complaint.organisation_id,
        text=text,
        visibility=visibility,
    )


@dataclass(frozen=True)
class GuestActor:
    """A visitor without an account acting on the one case their session was
    granted (``guest.grant_give``): the applicant of that case only. Nothing
    is kept of who they are, so their history rows have no actor."""

    complaint_id: uuid.UUID

    pk = None


def _actor_row(actor: Any) -> User | None:
    return None if isinstance(actor, GuestActor) else actor


class ComplaintCases:
    """The case kit's ``CaseKind`` for complaints."""

    table: TransitionTable = MOVES

    def facts(self, case: Complaint) -> dict[str, bool]:
        return {"untaken": case.state == ComplaintState.RECEIVED}

    def actor_kinds(self, user: Any, case: Complaint) -> frozenset[str]:
        if isinstance(user, GuestActor):
            guests_own = (
                case.pk == user.complaint_id
                and case.person_id is None
                and case.contact_verified_at is not None
            )
            return frozenset({APPLICANT}) if guests_own else frozenset()
        if user is None or not getattr(user, "pk", None):
            return frozenset()
        known: dict[int, frozenset[str]] = case.__dict__.setdefault("_actor_kinds", {})
        if user.pk not in known:
            kinds = {APPLICANT} if case.person_id == user.pk else set()
            if is_complaint_manager(user):
                kinds |= {STAFF, REVIEW, APPROVE}
            elif case.organisation_id is not None:
                roles = set(
                    user.memberships.filter(organisation_id=case.organisation_id).values_list(
                        "role", flat=True
                    )
                )
                if set(HANDLING_ROLES) & roles:
                    kinds |= {STAFF, REVIEW}
                if Role.COMPLAINTS_SUPERVISOR in roles:
                    kinds.add(APPROVE)
            if is_appeal(case) and kinds & {REVIEW, APPROVE} and not self._may_hear(user, case):
                kinds -= {REVIEW, APPROVE}
            known[user.pk] = frozenset(kinds)
        return known[user.pk]

    def _may_hear(self, user: Any, case: Complaint) -> bool:
        """Whether ``user`` may handle the grievance ``case``: a supervisor of
        its provider (a complaint manager while it waits in triage) who did
        not handle the case it is against."""
        if case.organisation_id is None:
            allowed = is_complaint_manager(user)
        else:
            allowed = user.memberships.filter(
                organisation_id=case.organisation_id, role=Role.COMPLAINTS_SUPERVISOR
            ).exists()
        return allowed and not handled_by(case.appeal_of_id).filter(pk=user.pk).exists()

    def colleagues(self, case: Complaint) -> QuerySet[User]:
        """The handling provider's complaints staff, or the complaint managers
        for triage; for a grievance against an earlier case's outcome, only
        its supervisors who did not handle that case."""
        if case.organisation_id is None:
            condition = Q(memberships__role=MANAGER_ROLE)
        elif is_appeal(case):
            condition = Q(
                memberships__organisation_id=case.organisation_id,
                memberships__role=Role.COMPLAINTS_SUPERVISOR,
            )
        else:
            condition = Q(
                memberships__organisation_id=case.organisation_id,
                memberships__role__in=HANDLING_ROLES,
            )
        staff = User.objects.filter(condition, is_active=True)
        if is_appeal(case):
            staff = staff.exclude(pk__in=handled_by(case.appeal_of_id).values("pk"))
        return staff.distinct().order_by("name_en", "email")

    def record(
        self, case: Complaint, action: str, actor: Any, from_state: str, **row: Any
    ) -> ComplaintEvent:
        return event_record(case, action, _actor_row(actor), from_state, **row)

    def refused(self, case: Complaint) -> ComplaintError:
        return ComplaintError(
            _("This is no longer possible: the case is now “%(state)s”.")
            % {"state": case.get_state_display()},
            code="complaints.not_allowed",
        )

    def forbidden(self, case: Complaint) -> ComplaintError:
        return ComplaintError(_("Your role does not allow this."), code="complaints.forbidden")

    def stale(self, case: Complaint) -> ComplaintError:
        return ComplaintError(
            _(
                "Someone else has acted on this case since you opened it. "
                "Check what changed below; what you wrote is still in the form."
            ),
            code="complaints.stale",
        )


COMPLAINTS = ComplaintCases()
