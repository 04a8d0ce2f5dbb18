"""A person with one of everything the dashboard shows, made directly (shared
by the dashboard's HTTP tests and its browser test)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from bawaba.accounts.tests.factories import OrganisationFactory, StaffFactory
from bawaba.catalogue.tests.factories import ServiceFactory
from bawaba.complaints.models import Complaint, ComplaintState, Kind
from bawaba.eservices.models import Application, ApplicationState, IssuedDocument
from bawaba.eservices.tests.samples import application_for, published_eservice
from bawaba.notifications.models import Notification
from bawaba.participation.consultations.models import Comment, Consultation
from bawaba.participation.consultations.tests.conftest import consultation_make
from bawaba.participation.models import ContributionState, Participant
from bawaba.payments.models import Payment

_numbers = itertools.count(1)


@dataclass
class Everything:
    unpaid: Application
    decided: Application
    document: IssuedDocument
    complaint: Complaint
    payment: Payment
    consultation: Consultation
    comment: Comment


def everything_for(user: Any, *, tag: str = "") -> Everything:
    """``user`` has an application waiting for payment, a decided one with its
    document, a complaint waiting for their information, a payment under way
    and a comment on a consultation. ``tag`` keeps several people's apart."""
    number = next(_numbers)
    provider = OrganisationFactory.create(
        slug=f"nationality{tag}{number}", name_en="Nationality Affairs", name_ar="شؤون الجنسية"
    )
    service = ServiceFactory.create(
        slug=f"renew-smart-card{tag}{number}",
        provider=provider,
        title_en="Renew an identity card",
        title_ar="تجديد بطاقة الهوية",
    )
    definition = published_eservice(service)
    unpaid = application_for(
        definition, applicant=user, state=ApplicationState.AWAITING_PAYMENT, fee_fils=2000
    )
    decided = application_for(
        definition, applicant=user, state=ApplicationState.APPROVED, decided_at=timezone.now()
    )
    document = IssuedDocument.objects.create(
        application=decided,
        verification_code=f"K7QM-{number:04d}-9HT{tag[:1] or 'A'}",
        kind="certificate",
        title_ar="إشعار تجديد بطاقة الهوية",
        title_en="Identity card renewal notice",
        holder_ar="مريم أحمد",
        holder_en="Maryam Ahmed",
        language="en",
        issued_by=StaffFactory.create(),
    )
    complaint = Complaint.objects.create(
        reference=f"CMP-DASH-{number:04d}",
        organisation=provider,
        kind=Kind.COMPLAINT,
        person=user,
        subject=f"Late delivery {tag}".strip(),
        details="The card came late.",
        state=ComplaintState.MORE_INFORMATION,
    )
    payment = Payment.objects.create(
        reference=f"PAY-DASH-{number:04d}",
        idempotency_key=f"dashboard:{number}",
        kind="application",
        payable_id=str(unpaid.pk),
        organisation=provider,
        payer=user,
        description_ar="رسوم تجديد بطاقة الهوية",
        description_en="Identity card renewal fee",
        amount_fils=2000,
        state="in_progress",
    )
    Participant.objects.get_or_create(user=user, defaults={"display_name": f"Maryam{tag}"})
    consultation = consultation_make(
        provider, StaffFactory.create(), slug=f"consumer-law{tag}{number}"
    )
    comment = Comment.objects.create(
        consultation=consultation,
        author=user,
        author_name=f"Maryam{tag}",
        body="I support part one.",
        state=ContributionState.PUBLISHED,
    )
    Notification.objects.create(
        recipient=user,
        event="test.dashboard",
        idempotency_key=f"dashboard:{number}",
        language="en",
        subject=f"Your document is ready {tag}".strip(),
        body="Download it from your application.",
    )
    return Everything(unpaid, decided, document, complaint, payment, consultation, comment)
