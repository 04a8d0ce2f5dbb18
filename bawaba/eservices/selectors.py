"""Reads, each scoped to who asks: the applicant's own applications, the
provider's queue and case page (its staff's organisations only), the
provider's definitions (its content staff's services only). Not found and
not allowed look the same: DoesNotExist, a 404 in the view."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.functional import Promise

from bawaba.accounts.constants import Role
from bawaba.accounts.models import Organisation, User
from bawaba.cases.deadlines import start_of_day
from bawaba.cases.models import Visibility
from bawaba.cases.selectors import QueueFilters as KitQueueFilters
from bawaba.cases.selectors import QueuePage, case_overdue, case_queue
from bawaba.catalogue.models import Service
from bawaba.catalogue.selectors import service_list_for_staff
from bawaba.eservices.models import (
    Application,
    ApplicationDocument,
    ApplicationEvent,
    ApplicationState,
    EService,
    EServiceDefinition,
    IssuedDocument,
    applicant_state,
)


def eservice_for_service(*, slug: str) -> EService:
    """The e-service of a published service of an active provider."""
    return EService.objects.select_related("service__provider").get(
        service__slug=slug, service__is_published=True, service__provider__is_active=True
    )


def application_list_for_applicant(*, user: Any) -> QuerySet[Application]:
    return (
        Application.objects.filter(applicant_id=user.pk)
        .exclude(state=ApplicationState.EXPIRED)
        .select_related("definition__eservice__service", "organisation")
        .order_by("-created_at")
    )


def application_get_for_applicant(*, user: Any, application_id: uuid.UUID) -> Application:
    """The person's own application; anyone else's raises DoesNotExist (a 404)."""
    return Application.objects.select_related(
        "definition__eservice__service__provider", "organisation"
    ).get(pk=application_id, applicant_id=user.pk)


def drafts_for(*, user: Any, eservice: EService) -> QuerySet[Application]:
    return Application.objects.filter(
        applicant_id=user.pk, definition__eservice=eservice, state=ApplicationState.DRAFT
    ).order_by("-updated_at")


def application_documents(*, application: Application) -> QuerySet[ApplicationDocument]:
    """The documents of an application already read through a scoped selector
    (the applicant's own, or one of the staff member's organisations)."""
    return application.documents.all()


# Moves inside the provider that the applicant is not told about.
_NOT_FOR_THE_APPLICANT = frozenset({"assign", "send_back", "note"})


def application_events_for_applicant(*, application: Application) -> list[ApplicationEvent]:
    """The history as the applicant sees it, oldest first: what concerns them
    (sent, paid, received, being reviewed and its stages, more information
    needed and their answer, the decision), never a step inside the
    provider: an internal note, an assignment, an approval proposed and
    waiting for a second person, or one sent back. A step that leaves what
    they can see unchanged and says nothing new is left out."""
    shown: list[ApplicationEvent] = []
    seen: tuple[str, str] | None = None
    for event in application.events.filter(visibility=Visibility.PERSON).order_by(
        "created_at", "id"
    ):
        step_inside_the_provider = applicant_state(event.state) != event.state
        if event.action in _NOT_FOR_THE_APPLICANT or step_inside_the_provider:
            continue
        view = (event.state, event.stage)
        if view == seen and not (event.message_ar or event.message_en or event.text):
            continue
        shown.append(event)
        seen = view
    return shown


# The back office: everything below is scoped to the member of staff asking.

CASE_ROLES = (Role.CASE_WORKER, Role.SUPERVISOR)
# States in which the provider owes a decision: the clock runs and an
# application can be overdue. (Waiting for payment has no due date yet, and
# waiting for the applicant's answer stops the clock.)
OPEN_STATES = (
    ApplicationState.SUBMITTED,
    ApplicationState.IN_REVIEW,
    ApplicationState.AWAITING_APPROVAL,
)
QUEUE_PAGE_SIZE = 50


def case_organisations(user: User) -> QuerySet[Organisation]:
    """The active organisations whose applications ``user`` handles."""
    return Organisation.objects.filter(
        memberships__user=user, memberships__role__in=CASE_ROLES, is_active=True
    ).distinct()


def case_list_for_staff(*, user: User) -> QuerySet[Application]:
    """Every sent application of the person's organisations; nothing else."""
    # The organisations as a list of ids, not a subquery: with the ids in the
    # query, PostgreSQL walks the queue's index in order and stops at a page.
    organisation_ids = list(case_organisations(user).values_list("id", flat=True))
    return (
        Application.objects.filter(organisation_id__in=organisation_ids)
        .exclude(state__in=[ApplicationState.DRAFT, ApplicationState.EXPIRED])
        .select_related("definition__eservice__service", "assignee", "applicant")
    )


def case_get_for_staff(*, user: User, application_id: uuid.UUID) -> Application:
    """One application for the case page; another provider's raises
    DoesNotExist, like one that does not exist (a 404)."""
    return (
        case_list_for_staff(user=user)
        .select_related("definition__eservice__service__provider", "recommended_by")
        .get(pk=application_id)
    )


def case_events_for_staff(*, application: Application) -> QuerySet[ApplicationEvent]:
    """The whole history, internal notes included, oldest first (the
    application was already read through ``case_get_for_staff``)."""
    return application.events.select_related("actor").order_by("created_at", "id")


def application_overdue(application: Application, *, today: datetime.date) -> bool:
    """Past its decision date while the provider still owes the decision."""
    return case_overdue(
        application.due_on, application.state, now=start_of_day(today), open_states=OPEN_STATES
    )


@dataclass(frozen=True)
class QueueFilters(KitQueueFilters):
    """The kit's filters, and a service (by its slug)."""

    service: str = ""


def application_queue(
    *,
    user: User,
    filters: QueueFilters,
    page_number: Any = None,
    today: datetime.date | None = None,
) -> QueuePage[Application]:
    """One page of the person's queue (the kit's ``case_queue``): soonest due
    first (those without a due date last, then oldest sent first), each row
    flagged when overdue. ``today``, when given, is the day the queue is
    read as of (from its first moment)."""
    now = timezone.now() if today is None else start_of_day(today)
    applications = case_list_for_staff(user=user)
    if filters.service:
        applications = applications.filter(definition__eservice__service__slug=filters.service)
    return case_queue(
        applications,
        user=user,
        filters=filters,
        states=ApplicationState.values,
        open_states=OPEN_STATES,
        now=now,
        page_number=page_number,
        page_size=QUEUE_PAGE_SIZE,
        due="due_on",
        then=("submitted_at",),
    )


def queue_eservices(*, user: User) -> QuerySet[EService]:
    """The e-services the queue can be narrowed to: those of the person's organisations."""
    return EService.objects.filter(service__provider__in=case_organisations(user)).select_related(
        "service"
    )


def queue_states() -> list[tuple[str, str | Promise]]:
    """The states the queue can be narrowed to: every state a sent application can be in."""
    return [
        (value, label)
        for value, label in ApplicationState.choices
        if value not in (ApplicationState.DRAFT, ApplicationState.EXPIRED)
    ]


# The provider's e-service definitions, for its content staff.


def definition_services_for_staff(*, user: User) -> QuerySet[Service]:
    """The services whose e-service ``user`` may write or review: those of
    the organisations where they edit or approve content."""
    return service_list_for_staff(user=user)


def definition_latest_by_service(*, services: QuerySet[Service]) -> dict[int, EServiceDefinition]:
    """The newest version of each of ``services``' definitions, by service id."""
    return {
        definition.eservice.service_id: definition
        for definition in EServiceDefinition.objects.filter(eservice__service__in=services)
        .select_related("eservice")
        .order_by("version")
    }


def definition_versions(*, service: Service) -> QuerySet[EServiceDefinition]:
    """Every version of the service's definition, newest first (``service``
    was read through ``definition_services_for_staff``)."""
    return EServiceDefinition.objects.filter(eservice__service=service).order_by("-version")


def definition_get_for_staff(*, user: User, pk: int) -> EServiceDefinition:
    """One version, of a service ``user`` may write or review; anything else
    raises DoesNotExist (a 404)."""
    return EServiceDefinition.objects.select_related("eservice__service__provider", "author").get(
        pk=pk, eservice__service__in=definition_services_for_staff(user=user)
    )


def eservice_for_staff(*, service: Service) -> EService | None:
    """The e-service of a service read through ``definition_services_for_staff``."""
    return EService.objects.filter(service=service).first()


def issued_document_for_code(*, code: str) -> IssuedDocument | None:
    """The document a verification code names, for anyone checking it."""
    return (
        IssuedDocument.objects.select_related("application__organisation")
        .filter(verification_code=code.upper())
        .first()
    )
