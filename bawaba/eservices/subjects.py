"""Applications as something a case can be about (the case kit's subjects
registry): a person may complain about, or appeal, one of their own sent
applications, and rate one once it is decided (approved or rejected)."""

from __future__ import annotations

import uuid
from typing import Any

from django.utils.translation import gettext_lazy as _

from bawaba.cases.subjects import Subject, SubjectKind, subject_kind_register
from bawaba.eservices.models import Application, ApplicationState

KIND = "application"
DECIDED = frozenset({ApplicationState.APPROVED, ApplicationState.REJECTED})


def _subject(application: Application) -> Subject:
    service = application.definition.eservice.service
    return Subject(
        kind=KIND,
        id=str(application.pk),
        label=f"{application.reference} · {service.title}",
        organisation_id=application.organisation_id,
        service_id=service.pk,
        rateable=application.state in DECIDED,
    )


def _sent(person: Any) -> Any:
    return (
        Application.objects.filter(applicant_id=person.pk)
        .exclude(state__in=[ApplicationState.DRAFT, ApplicationState.EXPIRED])
        .select_related("definition__eservice__service")
        .order_by("-submitted_at")
    )


def _choices(person: Any) -> list[Subject]:
    return [_subject(application) for application in _sent(person)[:50]]


def _get(person: Any, subject_id: str) -> Subject | None:
    try:
        pk = uuid.UUID(str(subject_id))
    except ValueError:
        return None
    application = _sent(person).filter(pk=pk).first()
    return None if application is None else _subject(application)


def register_subjects() -> None:
    subject_kind_register(SubjectKind(KIND, _("One of your applications"), _choices, _get))
