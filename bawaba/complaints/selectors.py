"""Reads, each scoped to who asks (charter C22, C28): the person's own
cases; a guest's, to the session a one-time code granted it; for staff, the
cases of the organisations where they have a complaints role, or every case
and the triage queue for the portal's complaint managers. Not found and not
allowed look the same: DoesNotExist, a 404 in the view."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django.contrib.sessions.backends.base import SessionBase
from django.db.models import QuerySet
from django.utils import timezone

from bawaba.accounts.models import Organisation, User
from bawaba.cases.models import Visibility
from bawaba.cases.selectors import QueueFilters, QueuePage, case_queue
from bawaba.complaints import guest
from bawaba.complaints.case_kind import HANDLING_ROLES, is_complaint_manager
from bawaba.complaints.models import Complaint, ComplaintEvent, ComplaintState
from bawaba.complaints.workflow import OPEN_STATES

QUEUE_PAGE_SIZE = 50


def complaint_list_for_person(*, user: Any) -> QuerySet[Complaint]:
    return Complaint.objects.filter(person_id=user.pk).select_related("organisation")


def complaint_get_for_person(*, user: Any, complaint_id: uuid.UUID) -> Complaint:
    """The person's own case; anyone else's raises DoesNotExist (a 404)."""
    return complaint_list_for_person(user=user).get(pk=complaint_id)


def complaint_list_for_guests() -> QuerySet[Complaint]:
    """Cases filed without an account, with the email or mobile proved."""
    return Complaint.objects.filter(
        person__isnull=True, contact_verified_at__isnull=False
    ).select_related("organisation")


def complaint_get_for_guest(*, session: SessionBase, complaint_id: uuid.UUID) -> Complaint:
    """A guest's case this session holds a grant for that has not expired;
    any other raises DoesNotExist (a 404)."""
    if guest.grant_state(session, complaint_id) != "valid":
        raise Complaint.DoesNotExist
    return complaint_list_for_guests().get(pk=complaint_id)


def complaint_find_for_follow(*, reference: str, channel: str, address: str) -> Complaint | None:
    """The guest's case with this reference, filed with this address (the
    one its code went to), or None."""
    cases = complaint_list_for_guests().filter(reference__iexact=reference.strip())
    if channel == "sms":
        cases = cases.filter(contact_mobile=address)
    else:
        cases = cases.filter(contact_email__iexact=address)
    return cases.first() if address else None


def complaint_events_for_person(*, complaint: Complaint) -> QuerySet[ComplaintEvent]:
    return complaint.events.filter(visibility=Visibility.PERSON).order_by("created_at", "id")


def complaint_organisations(user: User) -> QuerySet[Organisation]:
    """The active organisations where ``user`` handles cases."""
    return Organisation.objects.filter(
        memberships__user=user, memberships__role__in=HANDLING_ROLES, is_active=True
    ).distinct()


def complaint_list_for_staff(*, user: User) -> QuerySet[Complaint]:
    """The cases ``user`` may open: their organisations', or every case
    (the triage queue included) for a complaint manager."""
    cases = Complaint.objects.select_related("organisation", "assignee", "service")
    if is_complaint_manager(user):
        return cases
    organisation_ids = list(complaint_organisations(user).values_list("id", flat=True))
    return cases.filter(organisation_id__in=organisation_ids)


def complaint_get_for_staff(*, user: User, complaint_id: uuid.UUID) -> Complaint:
    return (
        complaint_list_for_staff(user=user)
        .select_related("person", "filed_by")
        .get(pk=complaint_id)
    )


def complaint_queue(
    *,
    user: User,
    filters: QueueFilters,
    triage: bool = False,
    page_number: Any = None,
    now: datetime.datetime | None = None,
) -> QueuePage[Complaint]:
    """One page of the person's complaints queue (the triage queue, for a
    complaint manager who asks for it): most urgent first, then soonest due.
    Without a state chosen it lists the cases still open (the work to do;
    closed ones are a choice away, "all" lists every state), which also
    keeps the pager's count small however many cases were ever closed."""
    cases = complaint_list_for_staff(user=user)
    cases = cases.filter(organisation__isnull=triage)
    if not filters.state:
        cases = cases.exclude(state=ComplaintState.CLOSED)
    return case_queue(
        cases,
        user=user,
        filters=filters,
        states=ComplaintState.values,
        open_states=OPEN_STATES,
        now=now or timezone.now(),
        page_number=page_number,
        page_size=QUEUE_PAGE_SIZE,
        then=("received_at",),
    )
