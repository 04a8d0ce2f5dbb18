from __future__ import annotations

import uuid
from typing import Any

from django.db.models import QuerySet

from bawaba.eservices.models import (
    Application,
    ApplicationEvent,
    ApplicationState,
    EService,
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
    for event in application.events.filter(internal=False).order_by("created_at", "id"):
        step_inside_the_provider = applicant_state(event.state) != event.state
        if event.action in _NOT_FOR_THE_APPLICANT or step_inside_the_provider:
            continue
        view = (event.state, event.stage)
        if view == seen and not (event.message_ar or event.message_en or event.text):
            continue
        shown.append(event)
        seen = view
    return shown
