"""Payments as something a case can be about (the case kit's subjects
registry): from a receipt a person can complain about that payment, and rate
the payment service once it succeeded (charter C21)."""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from bawaba.cases.subjects import Subject, SubjectKind, subject_kind_register
from bawaba.core.money import format_dinars
from bawaba.payments.constants import OPEN_STATES, PAID_STATES
from bawaba.payments.models import Payment

KIND = "payment"


def _subject(payment: Payment) -> Subject:
    amount = format_dinars(payment.amount_fils, get_language() or "ar")
    return Subject(
        kind=KIND,
        id=str(payment.pk),
        label=f"{payment.reference} · {amount} · {payment.description}",
        organisation_id=payment.organisation_id,
        rateable=payment.state in PAID_STATES,
    )


def _payments(person: Any) -> QuerySet[Payment]:
    return Payment.objects.filter(payer_id=person.pk).exclude(state__in=OPEN_STATES)


def _choices(person: Any) -> list[Subject]:
    return [_subject(payment) for payment in _payments(person).order_by("-created_at")[:50]]


def _get(person: Any, subject_id: str) -> Subject | None:
    try:
        pk = uuid.UUID(str(subject_id))
    except ValueError:
        return None
    payment = _payments(person).filter(pk=pk).first()
    return None if payment is None else _subject(payment)


def register_subjects() -> None:
    subject_kind_register(SubjectKind(KIND, _("One of your payments"), _choices, _get))
