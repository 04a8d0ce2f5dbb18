"""Applications as the case kit's kind of case (``APPLICATIONS``): the
transition table (workflow.MOVES), the facts its targets depend on, who is
which kind of actor on one application, who may be given it, how its
history row is written, and the refusals the kit raises, in the words
applicants and staff read."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from bawaba.accounts.constants import Role
from bawaba.accounts.models import User
from bawaba.cases.models import Visibility
from bawaba.cases.transitions import APPLICANT, APPROVE, REVIEW, STAFF, TransitionTable
from bawaba.eservices.errors import CaseError
from bawaba.eservices.models import Application, ApplicationEvent, ApplicationState
from bawaba.eservices.selectors import CASE_ROLES
from bawaba.eservices.workflow import MOVES, application_facts

# The states in which a stage's role, rather than the general review role,
# does the review work (taking it into the first stage included).
_STAGED_STATES = (
    ApplicationState.SUBMITTED,
    ApplicationState.IN_REVIEW,
    ApplicationState.MORE_INFORMATION,
    ApplicationState.AWAITING_APPROVAL,
)


def stage_index(application: Application) -> int:
    """Where the review is among the stages: the stored stage, or the first
    one before it starts (or if the stored one is unknown); -1 without stages."""
    ids = [stage["id"] for stage in application.review_stages]
    if not ids:
        return -1
    return ids.index(application.stage) if application.stage in ids else 0


def review_roles(application: Application) -> tuple[str, str]:
    """(the role that reviews now, the role that approves)."""
    workflow = application.definition.data["workflow"]
    review_role = workflow.get("review_role", Role.CASE_WORKER)
    approve_role = workflow.get("approve_role", Role.SUPERVISOR)
    index = stage_index(application)
    if index >= 0 and application.state in _STAGED_STATES:
        review_role = application.review_stages[index].get("role", review_role)
    return review_role, approve_role


def event_record(
    application: Application,
    action: str,
    actor: User | None,
    from_state: str = "",
    *,
    text: str = "",
    message: Mapping[str, str] | None = None,
    visibility: str = Visibility.PERSON,
) -> ApplicationEvent:
    """Write one row of the application's history, as it stands now."""
    return ApplicationEvent.objects.create(
        application=application,
        actor=actor,
        action=action,
        from_state=from_state,
        state=application.state,
        stage=application.stage if application.state == ApplicationState.IN_REVIEW else "",
        text=text,
        message_ar=(message or {}).get("ar", ""),
        message_en=(message or {}).get("en", ""),
        visibility=visibility,
    )


class ApplicationCases:
    """The case kit's ``CaseKind`` for applications."""

    table: TransitionTable = MOVES

    def facts(self, case: Application) -> dict[str, bool]:
        return application_facts(
            case.state,
            second_approval=bool(case.definition.data["workflow"]["second_approval"]),
            fee=bool(case.fee_fils),
        )

    def actor_kinds(self, user: Any, case: Application) -> frozenset[str]:
        """The applicant is APPLICANT; staff of the provider are STAFF, and
        REVIEW and APPROVE by the definition's roles (the approving role may
        also do the review work). Read once per application object and
        person: a move is judged by the stage the application was at when
        it was opened, not by the stage the move leads to."""
        if user is None or not getattr(user, "pk", None):
            return frozenset()
        known: dict[int, frozenset[str]] = case.__dict__.setdefault("_actor_kinds", {})
        if user.pk not in known:
            known[user.pk] = self._actor_kinds(user, case)
        return known[user.pk]

    @staticmethod
    def _actor_kinds(user: User, case: Application) -> frozenset[str]:
        kinds = {APPLICANT} if case.applicant_id == user.pk else set()
        roles = set(
            user.memberships.filter(organisation_id=case.organisation_id).values_list(
                "role", flat=True
            )
        )
        review_role, approve_role = review_roles(case)
        if set(CASE_ROLES) & roles:
            kinds.add(STAFF)
        if {review_role, approve_role} & roles:
            kinds.add(REVIEW)
        if approve_role in roles:
            kinds.add(APPROVE)
        return frozenset(kinds)

    def colleagues(self, case: Application) -> QuerySet[User]:
        """The provider's active staff with the role that reviews the
        application now, or approves it."""
        return (
            User.objects.filter(
                memberships__organisation_id=case.organisation_id,
                memberships__role__in=set(review_roles(case)),
                is_active=True,
            )
            .distinct()
            .order_by("name_en", "email")
        )

    def record(
        self, case: Application, action: str, actor: Any, from_state: str, **row: Any
    ) -> ApplicationEvent:
        return event_record(case, action, actor, from_state, **row)

    def refused(self, case: Application) -> CaseError:
        return CaseError(
            _("This is no longer possible: the application is now “%(state)s”.")
            % {"state": case.get_state_display()},
            code="eservices.case.not_allowed",
        )

    def forbidden(self, case: Application) -> CaseError:
        return CaseError(_("Your role does not allow this."), code="eservices.case.forbidden")

    def stale(self, case: Application) -> CaseError:
        return CaseError(
            _(
                "Someone else has acted on this application since you opened it. "
                "Check what changed below; what you wrote is still in the form."
            ),
            code="eservices.case.stale",
        )


APPLICATIONS = ApplicationCases()
