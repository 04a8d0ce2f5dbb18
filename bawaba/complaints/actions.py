"""Filing a case and acknowledging it (charter C23, C25–C27, C29).

A case is accepted, routed (``routing.route``), given its priority
(``targets.priority_for``) and its clocks on the handling provider's
working calendar, and acknowledged at once: the reference and what happens
next reach the person through the outbox, in their language, in the same
transaction as the case (the outbox sends after the commit, once)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from bawaba.accounts.models import User
from bawaba.cases.calendar import calendar_for
from bawaba.cases.deadlines import (
    add_working_days,
    due_date,
    due_moment,
    end_of_day,
    next_working_moment,
)
from bawaba.cases.references import reference_new
from bawaba.cases.subjects import Subject
from bawaba.catalogue.models import Service
from bawaba.complaints.case_kind import event_record
from bawaba.complaints.errors import ComplaintError
from bawaba.complaints.models import Channel, Complaint, Kind
from bawaba.complaints.routing import route
from bawaba.complaints.targets import priority_for, target_for
from bawaba.core.audit import audit_record
from bawaba.notifications.actions import Guest, Recipient, notify

PREFIX = "CMP"


@dataclass(frozen=True)
class Filing:
    """What a person (or a contact-centre agent for a caller) tells us."""

    kind: str
    subject: str
    details: str
    provider_id: int | None = None
    service_id: int | None = None
    category_id: int | None = None
    about: Subject | None = None
    identity_withheld: bool = False
    channel: str = Channel.WEB
    contact_name: str = ""
    contact_email: str = ""
    contact_mobile: str = ""
    # When the guest proved the email address or mobile number is theirs
    # (a one-time code); a signed-in person's account is proof enough.
    contact_verified_at: datetime.datetime | None = None
    consent_to_contact: bool = True
    callback_at: datetime.datetime | None = None
    # A compliment may name the team or member of staff it is for.
    compliment_for: str = ""
    language: str = "ar"
    extra: dict[str, Any] = field(default_factory=dict)


def _repeated(person: User | None, about: Subject | None) -> bool:
    """Whether the person already complained about the same thing."""
    if person is None or about is None:
        return False
    return Complaint.objects.filter(
        person=person, kind=Kind.COMPLAINT, subject_kind=about.kind, subject_id=about.id
    ).exists()


def acknowledged_same_day(
    calendar: Any, received: datetime.datetime, acknowledged: datetime.datetime
) -> bool:
    """Whether the acknowledgement went out by the end of the working day of
    receipt (the next working day for a case received on a day off)."""
    working_day = add_working_days(calendar, calendar.local_date(received), 0)
    return calendar.local_date(acknowledged) <= working_day


def _clocks(complaint: Complaint, now: datetime.datetime) -> None:
    calendar = calendar_for(complaint.organisation_id)
    target = target_for(complaint.priority, complaint.kind)
    complaint.clock_started_at = next_working_moment(calendar, now)
    complaint.first_response_due_at = due_moment(calendar, now, target.first_response_hours)
    complaint.due_at = end_of_day(due_date(calendar, now, target.resolution_days))


@transaction.atomic
def complaint_file(
    *,
    filing: Filing,
    person: User | None,
    filed_by: User | None = None,
    request: HttpRequest | None = None,
    now: datetime.datetime | None = None,
) -> Complaint:
    """Accept a case, route it, start its clocks and acknowledge it."""
    if filing.kind not in Kind.values:
        raise ComplaintError(_("Choose what you would like to tell us."), code="complaints.kind")
    now = now or timezone.now()
    about = filing.about
    provider_id = about.organisation_id if about is not None else filing.provider_id
    service_id = about.service_id if about is not None and about.service_id else filing.service_id
    category_id = filing.category_id
    if category_id is None and service_id is not None:
        # The service's first topic, for the routing rules by category.
        category_id = (
            Service.objects.filter(pk=service_id)
            .values_list("categories", flat=True)
            .order_by("categories__pk")
            .first()
        )
    handler = route(
        provider_id=provider_id,
        service_id=service_id,
        kind=filing.kind,
        category_id=category_id,
    )
    complaint = Complaint(
        kind=filing.kind,
        channel=filing.channel,
        organisation=handler,
        service_id=service_id,
        category_id=category_id,
        subject_kind=about.kind if about is not None else "",
        subject_id=about.id if about is not None else "",
        # A case about one of the person's closed cases appeals its outcome.
        appeal_of_id=about.id if about is not None and about.kind == "complaint" else None,
        compliment_for=filing.compliment_for.strip() if filing.kind == Kind.COMPLIMENT else "",
        subject=filing.subject.strip(),
        details=filing.details.strip(),
        person=person,
        contact_name=filing.contact_name.strip(),
        contact_email=filing.contact_email.strip(),
        contact_mobile=filing.contact_mobile.strip(),
        contact_verified_at=filing.contact_verified_at,
        identity_withheld=filing.identity_withheld,
        filed_by=filed_by,
        consent_to_contact=filing.consent_to_contact,
        callback_at=filing.callback_at,
        language=filing.language if filing.language in ("ar", "en") else "ar",
        received_at=now,
        priority=priority_for(
            kind=filing.kind,
            subject=filing.subject,
            details=filing.details,
            repeated=_repeated(person, about),
        ),
    )
    _clocks(complaint, now)
    for _attempt in range(5):
        complaint.reference = reference_new(PREFIX)
        try:
            with transaction.atomic():
                complaint.save(force_insert=True)
            break
        except IntegrityError:  # the reference was taken: draw another
            continue
    else:
        raise ComplaintError(_("Something went wrong. Try again."), code="complaints.reference")
    event_record(complaint, "received", filed_by or person)
    acknowledge(complaint, now=now)
    audit_record(
        action="complaints.filed",
        request=request,
        actor=filed_by or person,
        data={
            "complaint": str(complaint.pk),
            "kind": complaint.kind,
            "channel": complaint.channel,
            "routed": complaint.organisation_id,
        },
    )
    return complaint


def _in_both_languages(moment: datetime.datetime) -> dict[str, str]:
    values = {}
    for language in ("ar", "en"):
        with translation.override(language):
            values[language] = formats.date_format(timezone.localtime(moment), "j F Y")
    return values


def complaint_recipient(complaint: Complaint) -> Recipient | None:
    """Who hears about the case: the person's account, or the guest at the
    contact they verified (None when there is neither)."""
    if complaint.person is not None:
        return complaint.person
    if complaint.contact_verified_at is None:
        return None
    if not (complaint.contact_email or complaint.contact_mobile):
        return None
    return Guest(
        email=complaint.contact_email,
        mobile=complaint.contact_mobile,
        preferred_language=complaint.language,
        name=complaint.contact_name,
    )


def complaint_tell(
    complaint: Complaint, event: str, key: str, values: Mapping[str, Any] | None = None
) -> None:
    """Hand the person a message about their case through the outbox (once
    per ``key``), linked to their case page, or for a guest to the page where
    they follow it with a one-time code. Nothing when nobody can be reached."""
    recipient = complaint_recipient(complaint)
    if recipient is None:
        return
    if complaint.person is not None:
        link, link_kwargs = "complaints:case", {"complaint_id": complaint.pk}
    else:
        link, link_kwargs = "contact:follow", None
    notify(
        recipient=recipient,
        event=event,
        idempotency_key=f"complaint:{complaint.pk}:{key}",
        values={"reference": complaint.reference, **(values or {})},
        link=link,
        link_kwargs=link_kwargs,
    )


def acknowledge(complaint: Complaint, *, now: datetime.datetime) -> None:
    """Send the acknowledgement (once: the outbox's idempotency key) and
    record when, and whether it was on the working day of receipt."""
    complaint_tell(
        complaint,
        "complaint.received",
        "received",
        {
            "kind": {language: _kind_in(complaint.kind, language) for language in ("ar", "en")},
            "due": _in_both_languages(complaint.due_at or now),
        },
    )
    complaint.acknowledged_at = now
    complaint.acknowledged_same_day = acknowledged_same_day(
        calendar_for(complaint.organisation_id), complaint.received_at, now
    )
    complaint.save(update_fields=["acknowledged_at", "acknowledged_same_day", "updated_at"])


def _kind_in(kind: str, language: str) -> str:
    with translation.override(language):
        return str(Kind(kind).label)
