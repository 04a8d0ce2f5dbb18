"""What the person does on their own case (charter C21, C29, C30): answer a
request for more information (the provider's clock starts again), add
information while the case is open, withdraw it, reopen it within a few
working days of its closing, and rate its handling once it is closed.

Each takes the revision of the case the person was looking at: the case is
locked (the kit's ``case_lock``), and a form shown before someone else acted
on it is refused as stale. Every change of state goes through the kit's
``case_transition``.

``user`` is the signed-in person, or for a message sent without an account
a ``GuestActor`` naming the one case their session was granted: the kit
counts it as the applicant of that case only, and its history rows, audit
records and rating carry no account."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from bawaba.accounts.models import User
from bawaba.cases.actions import case_lock, case_transition
from bawaba.cases.calendar import calendar_for
from bawaba.cases.deadlines import (
    add_working_days,
    due_date,
    end_of_day,
    resumed_due_moment,
)
from bawaba.complaints.case_kind import COMPLAINTS, GuestActor, event_record
from bawaba.complaints.errors import ComplaintError
from bawaba.complaints.models import Complaint, ComplaintState, Outcome, Rating
from bawaba.complaints.targets import target_for
from bawaba.core.audit import audit_record
from bawaba.core.text import text_box_errors

ANSWER_MAX_LENGTH = 2000
REASON_MAX_LENGTH = 2000
COMMENT_MAX_LENGTH = 1000
# The person adds information while the provider owes the next step; while
# it waits for them, their answer is what they add.
INFORMATION_STATES = frozenset({ComplaintState.RECEIVED, ComplaintState.IN_PROGRESS})
LOW_SCORES = (1, 2)
# Who acts on their own case: the signed-in person, or a guest's session.
Actor = User | GuestActor


def _account(user: Actor) -> User | None:
    return user if isinstance(user, User) else None


def reopen_working_days() -> int:
    """How many working days after its closing the person may reopen a case."""
    return int(settings.COMPLAINTS_REOPEN_WORKING_DAYS)


def closed_moment(complaint: Complaint) -> datetime.datetime | None:
    """When the case was closed: its decision, or the last step that closed it."""
    if complaint.decided_at is not None:
        return complaint.decided_at
    event = (
        complaint.events.filter(state=ComplaintState.CLOSED)
        .exclude(from_state=ComplaintState.CLOSED)
        .order_by("-created_at", "-id")
        .first()
    )
    return event.created_at if event is not None else None


def reopen_until(complaint: Complaint) -> datetime.datetime | None:
    """The last moment the person may reopen a closed case (the end of the
    Nth working day after its closing), or None when the case is not closed."""
    if complaint.state != ComplaintState.CLOSED:
        return None
    closed = closed_moment(complaint)
    if closed is None:
        return None
    calendar = calendar_for(complaint.organisation_id)
    last_day = add_working_days(calendar, calendar.local_date(closed), reopen_working_days())
    return end_of_day(last_day)


def may_rate(complaint: Complaint) -> bool:
    """A closed case the person did not withdraw can be rated."""
    return complaint.state == ComplaintState.CLOSED and complaint.outcome != Outcome.WITHDRAWN


def _text_checked(value: str, limit: int, *, empty: str) -> str:
    text = value.strip()
    if not text:
        raise ComplaintError(empty, code="complaints.empty")
    problems = text_box_errors(text, limit)
    if problems:
        raise ComplaintError(" ".join(problems), code="complaints.text")
    return text


def _locked(user: Actor, complaint_id: uuid.UUID, revision: int) -> Complaint:
    """The person's own case (the guest's granted one), locked; anyone
    else's raises DoesNotExist."""
    if isinstance(user, GuestActor):
        cases = Complaint.objects.filter(
            pk=user.complaint_id, person__isnull=True, contact_verified_at__isnull=False
        )
    else:
        cases = Complaint.objects.filter(person_id=user.pk)
    return case_lock(
        cases,
        revision=revision,
        stale=COMPLAINTS.stale,
        pk=complaint_id,
    )


def _guest(user: Actor) -> dict[str, bool]:
    """Marks, in the audit record, a step made by a guest's session."""
    return {"guest": True} if isinstance(user, GuestActor) else {}


def _allowed(complaint: Complaint, move: str) -> None:
    """Refuse, before anything is changed, a move the table does not allow from here."""
    if not COMPLAINTS.table.allowed(move, complaint.state):
        raise COMPLAINTS.refused(complaint)


def _audit(action: str, user: Actor, complaint: Complaint, request: HttpRequest | None) -> None:
    audit_record(
        action=f"complaints.{action}",
        request=request,
        actor=_account(user),
        data={"complaint": str(complaint.pk), **_guest(user)},
    )


@transaction.atomic
def complaint_respond(
    *,
    user: Actor,
    complaint_id: uuid.UUID,
    revision: int,
    text: str,
    request: HttpRequest | None = None,
    now: datetime.datetime | None = None,
) -> Complaint:
    """The person answers a request for more information: the case is being
    handled again, and its due moment moves on by the working time waited."""
    text = _text_checked(text, ANSWER_MAX_LENGTH, empty=_("Write your answer."))
    complaint = _locked(user, complaint_id, revision)
    _allowed(complaint, "respond")
    now = now or timezone.now()
    if complaint.paused_at is not None and complaint.due_at is not None:
        complaint.due_at = resumed_due_moment(
            calendar_for(complaint.organisation_id), complaint.due_at, complaint.paused_at, now
        )
    complaint.paused_at = None
    case_transition(COMPLAINTS, complaint, "respond", actor=user, text=text)
    _audit("responded", user, complaint, request)
    return complaint


@transaction.atomic
def complaint_information_add(
    *,
    user: Actor,
    complaint_id: uuid.UUID,
    revision: int,
    text: str,
    request: HttpRequest | None = None,
) -> Complaint:
    """The person adds to what they told us while the provider works on the
    case. The state stays; the step is in the history both sides read (the
    table's "note" is staff-only), and the revision rises so that a form
    staff opened before it is refused as stale."""
    text = _text_checked(text, ANSWER_MAX_LENGTH, empty=_("Write what you would like to add."))
    complaint = _locked(user, complaint_id, revision)
    if complaint.state not in INFORMATION_STATES:
        raise COMPLAINTS.refused(complaint)
    complaint.revision += 1
    complaint.save(update_fields=["revision", "updated_at"])
    event_record(complaint, "information_added", _account(user), complaint.state, text=text)
    _audit("information_added", user, complaint, request)
    return complaint


@transaction.atomic
def complaint_withdraw(
    *,
    user: Actor,
    complaint_id: uuid.UUID,
    revision: int,
    request: HttpRequest | None = None,
    now: datetime.datetime | None = None,
) -> Complaint:
    """The person withdraws an open case: it is closed as withdrawn."""
    complaint = _locked(user, complaint_id, revision)
    _allowed(complaint, "withdraw")
    complaint.outcome = Outcome.WITHDRAWN
    complaint.decided_at = now or timezone.now()
    complaint.paused_at = None
    case_transition(COMPLAINTS, complaint, "withdraw", actor=user)
    _audit("withdrawn", user, complaint, request)
    return complaint


@transaction.atomic
def complaint_reopen(
    *,
    user: Actor,
    complaint_id: uuid.UUID,
    revision: int,
    reason: str,
    request: HttpRequest | None = None,
    now: datetime.datetime | None = None,
) -> Complaint:
    """The person reopens their closed case, saying why, within
    ``COMPLAINTS_REOPEN_WORKING_DAYS`` working days of its closing: it is
    being handled again, with a new resolution clock from now."""
    reason = _text_checked(reason, REASON_MAX_LENGTH, empty=_("Say why you are reopening it."))
    complaint = _locked(user, complaint_id, revision)
    _allowed(complaint, "reopen")
    now = now or timezone.now()
    until = reopen_until(complaint)
    if until is None or now > until:
        raise ComplaintError(
            _(
                "A case can be reopened only within %(days)s working days of its closing. "
                "You can send us a new complaint instead."
            )
            % {"days": reopen_working_days()},
            code="complaints.reopen_too_late",
        )
    calendar = calendar_for(complaint.organisation_id)
    target = target_for(complaint.priority, complaint.kind)
    complaint.due_at = end_of_day(due_date(calendar, now, target.resolution_days))
    complaint.outcome = ""
    complaint.decided_at = None
    complaint.paused_at = None
    case_transition(COMPLAINTS, complaint, "reopen", actor=user, text=reason)
    _audit("reopened", user, complaint, request)
    return complaint


@transaction.atomic
def complaint_rate(
    *,
    user: Actor,
    complaint_id: uuid.UUID,
    revision: int,
    score: int,
    comment: str = "",
    request: HttpRequest | None = None,
) -> Rating:
    """The person rates the handling of their closed case, once."""
    comment = comment.strip()
    problems = text_box_errors(comment, COMMENT_MAX_LENGTH)
    if problems:
        raise ComplaintError(" ".join(problems), code="complaints.text")
    if score not in range(1, 6):
        raise ComplaintError(_("Choose a score from 1 to 5."), code="complaints.score")
    complaint = _locked(user, complaint_id, revision)
    if not may_rate(complaint):
        raise COMPLAINTS.refused(complaint)
    already = ComplaintError(
        _("You have already rated how this case was handled."), code="complaints.rated"
    )
    if Rating.objects.filter(complaint=complaint).exists():
        raise already
    try:
        with transaction.atomic():
            rating = Rating.objects.create(
                complaint=complaint, person=_account(user), score=score, comment=comment
            )
    except IntegrityError as error:
        raise already from error
    audit_record(
        action="complaints.rated",
        request=request,
        actor=_account(user),
        data={"complaint": str(complaint.pk), "score": score, **_guest(user)},
    )
    return rating


def grievance_offered(rating: Any) -> bool:
    """A low rating offers a grievance about the outcome."""
    return rating is not None and rating.score in LOW_SCORES
