"""A person with one of everything the dashboard shows, made directly (shared
by the dashboard's HTTP tests and its browser test)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from bawaba.accounts.tests.factories import OrganisationFactory, StaffFactory
from bawaba.catalogue.tests.factories import CategoryFactory, ServiceFactory
from bawaba.catalogue.workflow import RevisionState
from bawaba.complaints.models import Complaint, ComplaintState, Kind
from bawaba.eservices.models import Application, ApplicationState, IssuedDocument
from bawaba.eservices.tests.samples import application_for, published_eservice
from bawaba.notifications.models import Notification
from bawaba.participation.blogs.models import Comment as BlogComment
from bawaba.participation.blogs.models import Post
from bawaba.participation.consultations.models import Comment, Consultation
from bawaba.participation.consultations.tests.conftest import consultation_make
from bawaba.participation.forums.models import Reply, Thread
from bawaba.participation.models import ContributionState, Participant
from bawaba.participation.surveys.models import Invitation, Survey, SurveyState
from bawaba.payments.models import Bill, Biller, Payment

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


@dataclass
class TakingPartAndBills:
    bill: Bill
    topic: Thread
    reply: Reply
    post: Post
    survey: Survey


def taking_part_and_bills_for(user: Any, *, tag: str = "") -> TakingPartAndBills:
    """``user`` has a bill looked up and not paid, a forum topic of their own
    and a reply in someone else's, a comment on a blog post and an invitation
    to a survey they have not answered."""
    number = next(_numbers)
    provider = OrganisationFactory.create(
        slug=f"electricity{tag}{number}", name_en="Electricity Authority", name_ar="هيئة الكهرباء"
    )
    biller = Biller.objects.create(
        code=f"ewa{tag}{number}", organisation=provider, adapter="sandbox"
    )
    bill = Bill.objects.create(
        biller=biller, reference=f"EWA-{number:04d}", amount_fils=12_500, payer=user
    )
    Participant.objects.get_or_create(user=user, defaults={"display_name": f"Maryam{tag}"})
    theme = CategoryFactory.create()
    topic = Thread.objects.create(
        author=user,
        author_name=f"Maryam{tag}",
        body="How long does it take?",
        title=f"Power cut {tag}{number}",
        category=theme,
    )
    staff = StaffFactory.create()
    other_topic = Thread.objects.create(
        author=staff, author_name="Ali", body="Opening hours?", title="Hours", category=theme
    )
    reply = Reply.objects.create(
        thread=other_topic, author=user, author_name=f"Maryam{tag}", body="Seven to two."
    )
    post = Post.objects.create(
        organisation=provider,
        author=staff,
        slug=f"new-meters{tag}{number}",
        title_en="New meters",
        body_en="Smart meters arrive this year.",
        review_state=RevisionState.PUBLISHED,
        published_at=timezone.now(),
    )
    BlogComment.objects.create(post=post, author=user, author_name=f"Maryam{tag}", body="Good.")
    survey = Survey.objects.create(
        organisation=provider,
        title_ar="رضاكم عن الخدمة",
        title_en="Your view of the service",
        state=SurveyState.SENT,
        sent_at=timezone.now(),
        created_by=staff,
    )
    Invitation.objects.create(survey=survey, recipient=user, token_hash=f"{number:064d}")
    return TakingPartAndBills(bill, topic, reply, post, survey)
