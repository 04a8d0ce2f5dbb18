"""A person's own closed cases as something a new case can be about (the
case kit's subjects registry): a grievance against a case's outcome names
the case it appeals (``Complaint.appeal_of``)."""

from __future__ import annotations

import uuid
from typing import Any

from django.utils.translation import gettext_lazy as _

from bawaba.cases.subjects import Subject, SubjectKind, subject_kind_register
from bawaba.complaints.models import Complaint, ComplaintState, Outcome

KIND = "complaint"


def _subject(complaint: Complaint) -> Subject:
    return Subject(
        kind=KIND,
        id=str(complaint.pk),
        label=f"{complaint.reference} · {complaint.subject}",
        organisation_id=complaint.organisation_id,
        service_id=complaint.service_id,
    )


def _closed(person: Any) -> Any:
    return (
        Complaint.objects.filter(person_id=person.pk, state=ComplaintState.CLOSED)
        .exclude(outcome__in=[Outcome.WITHDRAWN, Outcome.DUPLICATE])
        .order_by("-received_at")
    )


def _choices(person: Any) -> list[Subject]:
    return [_subject(complaint) for complaint in _closed(person)[:50]]


def _get(person: Any, subject_id: str) -> Subject | None:
    try:
        pk = uuid.UUID(str(subject_id))
    except ValueError:
        return None
    complaint = _closed(person).filter(pk=pk).first()
    return None if complaint is None else _subject(complaint)


def register_subjects() -> None:
    subject_kind_register(SubjectKind(KIND, _("One of your closed cases"), _choices, _get))
