"""The handling provider's side of a case (and the complaint managers'): take
it, give it to a colleague, reply, ask the person for information, pass it
to another provider, note, close, merge a duplicate into the case kept; and
change its priority, and link it with a related case.

Every move locks the case and checks the revision the member of staff was
looking at (``case_lock``): when two people act at once, one succeeds and
the other is told, with what they typed kept on the page. The move itself is
the kit's ``case_transition`` (the table says who may, and whether the
person is told); a reply, a request, a transfer and a closure reach the
person through the outbox once (its idempotency key names the move and the
revision it made)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from bawaba.accounts.models import Organisation, User
from bawaba.cases.actions import case_colleague, case_lock, case_may, case_transition
from bawaba.cases.models import Priority, Visibility
from bawaba.cases.references import reference_normalise
from bawaba.cases.transitions import REVIEW, STAFF
from bawaba.complaints.actions import PREFIX, complaint_tell
from bawaba.complaints.case_kind import COMPLAINTS, event_record, is_complaint_manager
from bawaba.complaints.errors import ComplaintError
from bawaba.complaints.models import Complaint, ComplaintState, Outcome
from bawaba.complaints.selectors import complaint_list_for_staff
from bawaba.complaints.workflow import MOVES
from bawaba.core.audit import audit_record
from bawaba.core.text import text_box_errors

# The longest text each box takes.
TEXT_MAX_LENGTH = 4000
# The event each move that tells the person sends.
TOLD = {
    "reply": "complaint.replied",
    "request_information": "complaint.information_requested",
    "transfer": "complaint.transferred",
    "close": "complaint.closed",
    "merge": "complaint.closed",
}
# The staff-only history row of a change of priority (not a move: the state stays).
PRIORITY_CHANGED = "priority_changed"
# The staff-only history rows of a link between two cases (on both), and of a
# duplicate merged into the case kept (on the kept one).
LINKED = "linked"
MERGED = "merged"


def moves_open(user: User, complaint: Complaint) -> list[str]:
    """The moves ``user`` can make on ``complaint`` now, in the table's order."""
    return [
        move
        for move in MOVES.staff_moves(complaint.state)
        if case_may(COMPLAINTS, user, complaint, move)
        and not (move == "claim" and complaint.assignee_id == user.pk)
    ]


def may_change_priority(user: User, complaint: Complaint) -> bool:
    return complaint.state != ComplaintState.CLOSED and REVIEW in COMPLAINTS.actor_kinds(
        user, complaint
    )


def may_link(user: User, complaint: Complaint) -> bool:
    """Whether ``user`` may link ``complaint`` with another case (in any state)."""
    return STAFF in COMPLAINTS.actor_kinds(user, complaint)


def transfer_destinations(complaint: Complaint) -> list[Organisation]:
    """The active providers a case can be passed to: any but its own."""
    providers = Organisation.objects.filter(is_active=True)
    if complaint.organisation_id is not None:
        providers = providers.exclude(pk=complaint.organisation_id)
    return list(providers)


def in_both_languages(text: Callable[[], object]) -> dict[str, str]:
    values = {}
    for language in ("ar", "en"):
        with translation.override(language):
            values[language] = str(text())
    return values


def _checked(value: str, *, code: str, missing: str) -> str:
    problems = text_box_errors(value, TEXT_MAX_LENGTH)
    if problems:
        raise ComplaintError(" ".join(problems), code="complaints.text")
    if not (value := value.strip()):
        raise ComplaintError(missing, code=code)
    return value


def _other_id(user: User, complaint: Complaint, reference: str) -> Any:
    """The id of the other case a member of staff names by its reference: one
    they may open and note on, of the same handling provider (any provider's,
    for a complaint manager). Anything else, unknown references included, is
    the same refusal, so that nobody can probe for references."""
    written = reference_normalise(reference or "", PREFIX)
    other = (
        complaint_list_for_staff(user=user).filter(reference=written).first() if written else None
    )
    if (
        other is None
        or other.pk == complaint.pk
        or not may_link(user, other)
        or not (other.organisation_id == complaint.organisation_id or is_complaint_manager(user))
    ):
        raise ComplaintError(
            _("You cannot open a case with this reference number. Check it and try again."),
            code="complaints.reference",
        )
    return other.pk


def _locked_pair(
    user: User, complaint_id: Any, revision: int, reference: str
) -> tuple[Complaint, Complaint]:
    """The case the page is about (at ``revision``) and the other case it
    names by ``reference``, both locked, in the order of their ids: two
    members of staff linking the same two cases from either page wait for
    each other instead of deadlocking."""
    page = complaint_list_for_staff(user=user).get(pk=complaint_id)
    other_id = _other_id(user, page, reference)
    locked = {
        case.pk: case
        for case in complaint_list_for_staff(user=user)
        .select_related("person")
        .select_for_update(of=("self",))
        .filter(pk__in=[page.pk, other_id])
        .order_by("pk")
    }
    if page.pk not in locked:
        raise Complaint.DoesNotExist
    complaint = locked[page.pk]
    if complaint.revision != revision:
        raise COMPLAINTS.stale(complaint)
    # Checked again on the locked rows: either may have been passed on meanwhile.
    if other_id not in locked or _other_id(user, complaint, reference) != other_id:
        raise ComplaintError(
            _("You cannot open a case with this reference number. Check it and try again."),
            code="complaints.reference",
        )
    return complaint, locked[other_id]


def _staff_row(complaint: Complaint, action: str, user: User, text: str) -> None:
    """A staff-only history row on a case whose state stays (a new revision:
    a form opened before it is stale)."""
    complaint.revision += 1
    complaint.save(update_fields=["revision", "updated_at"])
    event_record(complaint, action, user, complaint.state, text=text, visibility=Visibility.STAFF)


def _tell(complaint: Complaint, move: str, values: dict[str, Any]) -> None:
    """Hand the person (an account, or a guest at their verified contact)
    the message of ``move``, once for the revision it made."""
    complaint_tell(complaint, TOLD[move], f"{move}:{complaint.revision}", values)


@dataclass
class _Act:
    """One move being made on a locked case."""

    user: User
    complaint: Complaint
    move: str
    text: str
    assignee_id: Any
    organisation_id: Any
    outcome: str
    kept: Complaint | None = None
    now: datetime.datetime = field(default_factory=timezone.now)


def _move(act: _Act, *, text: str = "", visibility: str = Visibility.PERSON, **told: Any) -> None:
    complaint = act.complaint
    case_transition(
        COMPLAINTS,
        complaint,
        act.move,
        actor=act.user,
        tell=partial(_tell, complaint, act.move, told) if act.move in TOLD else None,
        text=text,
        visibility=visibility,
    )


def _claim(act: _Act) -> None:
    act.complaint.assignee = act.user
    _move(act)


def _assign(act: _Act) -> None:
    colleague = case_colleague(COMPLAINTS, act.complaint, act.assignee_id)
    if colleague is None:
        raise ComplaintError(
            _("Choose a colleague who handles this provider's complaints."),
            code="complaints.assignee",
        )
    act.complaint.assignee = colleague
    _move(act)


def _reply(act: _Act) -> None:
    text = _checked(
        act.text, code="complaints.empty_text", missing=_("Write your reply to the person.")
    )
    if act.complaint.first_response_at is None:
        act.complaint.first_response_at = act.now
    _move(act, text=text)


def _request_information(act: _Act) -> None:
    text = _checked(
        act.text,
        code="complaints.empty_text",
        missing=_("Say what you need from the person."),
    )
    act.complaint.paused_at = act.now
    _move(act, text=text)


def _transfer(act: _Act) -> None:
    reason = _checked(
        act.text,
        code="complaints.empty_text",
        missing=_("Say why the case goes to another provider."),
    )
    complaint = act.complaint
    destination = next(
        (
            organisation
            for organisation in transfer_destinations(complaint)
            if str(organisation.pk) == str(act.organisation_id or "").strip()
        ),
        None,
    )
    if destination is None:
        raise ComplaintError(
            _("Choose the provider the case goes to."), code="complaints.organisation"
        )
    complaint.organisation = destination
    complaint.assignee = None
    _move(
        act,
        text=reason,
        provider={"ar": destination.name_ar, "en": destination.name_en},
    )


def _note(act: _Act) -> None:
    text = _checked(act.text, code="complaints.empty_text", missing=_("Write the note first."))
    _move(act, text=text, visibility=Visibility.STAFF)


def _close(act: _Act) -> None:
    if act.outcome not in Outcome.values:
        raise ComplaintError(_("Choose the outcome."), code="complaints.outcome")
    text = _checked(
        act.text, code="complaints.empty_text", missing=_("Write your reply to the person.")
    )
    complaint = act.complaint
    complaint.outcome = act.outcome
    complaint.decided_at = act.now
    complaint.paused_at = None
    if complaint.first_response_at is None:
        complaint.first_response_at = act.now
    outcome = Outcome(act.outcome)
    _move(act, text=text, outcome=in_both_languages(lambda: str(outcome.label)))


def _merge(act: _Act) -> None:
    """Close a duplicate into the case kept: the person reads the reply and
    the outcome "duplicate"; the two are linked; the kept case's history names
    the duplicate."""
    complaint, kept = act.complaint, act.kept
    if kept is None:  # locked with the case by complaint_act
        raise COMPLAINTS.refused(complaint)
    text = _checked(
        act.text, code="complaints.empty_text", missing=_("Write your reply to the person.")
    )
    complaint.outcome = Outcome.DUPLICATE
    complaint.decided_at = act.now
    complaint.paused_at = None
    if complaint.first_response_at is None:
        complaint.first_response_at = act.now
    _move(
        act,
        text=text,
        outcome=in_both_languages(lambda: str(Outcome.DUPLICATE.label)),
    )
    complaint.related.add(kept)
    _staff_row(
        kept,
        MERGED,
        act.user,
        _("%(reference)s was closed as a duplicate of this case.")
        % {"reference": complaint.reference},
    )


# One handler per staff move of workflow.MOVES.
_HANDLERS: dict[str, Callable[[_Act], None]] = {
    "claim": _claim,
    "assign": _assign,
    "reply": _reply,
    "request_information": _request_information,
    "transfer": _transfer,
    "note": _note,
    "close": _close,
    "merge": _merge,
}


def _locked(user: User, complaint_id: Any, revision: int) -> Complaint:
    return case_lock(
        complaint_list_for_staff(user=user).select_related("person"),
        revision=revision,
        stale=COMPLAINTS.stale,
        pk=complaint_id,
    )


@transaction.atomic
def complaint_act(
    *,
    user: User,
    complaint_id: Any,
    move: str,
    revision: int,
    text: str = "",
    assignee_id: Any = None,
    organisation_id: Any = None,
    outcome: str = "",
    reference: str = "",
    request: HttpRequest | None = None,
) -> Complaint:
    """Make a staff ``move`` on a case ``user`` may open (else DoesNotExist);
    ``reference`` names the case a duplicate is merged into."""
    if move not in _HANDLERS:
        raise ComplaintError(_("Unknown action."), code="complaints.unknown")
    kept = None
    if move == "merge":
        complaint, kept = _locked_pair(user, complaint_id, revision, reference)
    else:
        complaint = _locked(user, complaint_id, revision)
    if not case_may(COMPLAINTS, user, complaint, move):
        raise COMPLAINTS.forbidden(complaint)
    from_organisation = complaint.organisation_id
    act = _Act(
        user=user,
        complaint=complaint,
        move=move,
        text=text,
        assignee_id=assignee_id,
        organisation_id=organisation_id,
        outcome=outcome,
        kept=kept,
    )
    _HANDLERS[move](act)
    audit_record(
        action=f"complaints.case.{move}",
        request=request,
        actor=user,
        data={
            "complaint": str(complaint.pk),
            "state": complaint.state,
            "organisation": complaint.organisation_id,
            "from_organisation": from_organisation,
        },
    )
    return complaint


@transaction.atomic
def complaint_priority_change(
    *,
    user: User,
    complaint_id: Any,
    revision: int,
    priority: Any,
    reason: str,
    request: HttpRequest | None = None,
) -> Complaint:
    """Make a case more or less urgent, saying why: a staff-only history row.
    Not a move of the table, whose rows change where a case stands; this
    changes only its place in the queue."""
    complaint = _locked(user, complaint_id, revision)
    if not may_change_priority(user, complaint):
        raise COMPLAINTS.forbidden(complaint)
    try:
        after = Priority(int(priority))
    except (TypeError, ValueError) as error:
        raise ComplaintError(_("Choose the priority."), code="complaints.priority") from error
    reason = _checked(
        reason, code="complaints.empty_reason", missing=_("Say why the priority changes.")
    )
    before = Priority(complaint.priority)
    if after == before:
        raise ComplaintError(_("The case already has this priority."), code="complaints.priority")
    complaint.priority = after
    complaint.revision += 1
    complaint.save(update_fields=["priority", "revision", "updated_at"])
    event_record(
        complaint,
        PRIORITY_CHANGED,
        user,
        complaint.state,
        text=_("Priority %(before)s → %(after)s: %(reason)s")
        % {"before": before.label, "after": after.label, "reason": reason},
        visibility=Visibility.STAFF,
    )
    audit_record(
        action="complaints.case.priority_changed",
        request=request,
        actor=user,
        data={"complaint": str(complaint.pk), "before": int(before), "after": int(after)},
    )
    return complaint


@transaction.atomic
def complaint_link(
    *,
    user: User,
    complaint_id: Any,
    revision: int,
    reference: str,
    request: HttpRequest | None = None,
) -> Complaint:
    """Link a case with a related one (both ways), named by its reference: a
    staff-only history row on each. Not a move of the table: neither state
    changes."""
    complaint, other = _locked_pair(user, complaint_id, revision, reference)
    if not may_link(user, complaint):
        raise COMPLAINTS.forbidden(complaint)
    if complaint.related.filter(pk=other.pk).exists():
        raise ComplaintError(_("The two cases are already linked."), code="complaints.linked")
    complaint.related.add(other)
    for case, linked in ((complaint, other), (other, complaint)):
        _staff_row(
            case,
            LINKED,
            user,
            _("Linked with %(reference)s.") % {"reference": linked.reference},
        )
    audit_record(
        action="complaints.case.linked",
        request=request,
        actor=user,
        data={"complaint": str(complaint.pk), "other": str(other.pk)},
    )
    return complaint
