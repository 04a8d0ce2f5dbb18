from __future__ import annotations

import uuid
from typing import Any

from django.db.models import QuerySet

from bawaba.eservices.models import Application, ApplicationState, EService


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
