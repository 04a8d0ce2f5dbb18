"""The provider's side of an application (a case): record a fee paid at the
counter, claim, ask for more information, approve (alone or with a second
person), reject, note; and the applicant's answers to a request, or withdrawal.

Every move locks the application and checks the revision the person was
looking at: when two people act at once, one succeeds and the other is told
what happened, with what they typed kept on the page. ``case_act`` then hands
the move to its handler (``_HANDLERS``, one per staff move of workflow.MOVES).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from bawaba.accounts.models import User
from bawaba.cases.actions import case_colleague, case_lock, case_may
from bawaba.cases.calendar import calendar_for
from bawaba.cases.deadlines import resumed_due_date
from bawaba.cases.models import Visibility
from bawaba.core.audit import audit_record
from bawaba.core.text import text_box_errors
from bawaba.eservices.actions import (
    application_move,
    in_both_languages,
    move_target,
    tell_applicant,
)
from bawaba.eservices.case_kind import APPLICATIONS, stage_index
from bawaba.eservices.downloads import document_store
from bawaba.eservices.errors import CaseError
from bawaba.eservices.issuing import document_dispatch
from bawaba.eservices.models import Application, ApplicationState
from bawaba.eservices.payment import KIND, PaymentError
from bawaba.eservices.questions import text_in
from bawaba.eservices.selectors import case_organisations
from bawaba.eservices.workflow import MOVES
from bawaba.payments.actions import payment_record_counter
from bawaba.payments.errors import PaymentError as PaymentsError

# Moves whose message to the applicant is required, and the reason kind they use.
NEEDS_MESSAGE = {"request_information": "more_information", "reject": "reject"}
REASON_KIND = {**NEEDS_MESSAGE, "approve": "approve", "confirm_approval": "approve"}
# Moves that carry a message to the applicant, and whether it is required.
MESSAGE_MOVES = {move: move in NEEDS_MESSAGE for move in REASON_KIND}
# The longest text each box takes (the applicant's answer takes as much).
MESSAGE_MAX_LENGTH = NOTE_MAX_LENGTH = 2000
RECEIPT_MAX_LENGTH = 64  # the counter receipt number (Payment.transaction_id)


def colleagues(application: Application) -> QuerySet[User]:
    """Staff who may be given this application: its provider's staff with the
    role that reviews it now (or approves it)."""
    return APPLICATIONS.colleagues(application)


def may(user: User, application: Application, move: str) -> bool:
    """Whether ``user``'s role allows ``move`` on ``application`` (the case kit asks the table)."""
    return case_may(APPLICATIONS, user, application, move)


def moves_open(user: User, application: Application) -> list[str]:
    """The moves ``user`` can make on ``application`` now, in the order the
    case page offers them."""
    listed = application.review_stages
    index = stage_index(application)
    at_last_stage = not listed or index == len(listed) - 1
    return [
        move
        for move in MOVES.staff_moves(application.state)
        if may(user, application, move)
        and not (move == "confirm_approval" and application.recommended_by_id == user.pk)
        and not (move == "claim" and application.assignee_id == user.pk)
        and not (move == "advance" and at_last_stage)
        and not (move == "approve" and not at_last_stage)
    ]


def next_stage_label(application: Application) -> str:
    listed = application.review_stages
    index = stage_index(application)
    return application.stage_label(listed[index + 1]["id"]) if 0 <= index < len(listed) - 1 else ""


def decision_reasons(application: Application, kind: str) -> list[dict[str, Any]]:
    return [
        reason
        for reason in application.definition.data.get("decision_reasons", [])
        if reason["kind"] == kind
    ]


def _message(
    application: Application, move: str, reason_id: str, message: Mapping[str, str]
) -> dict[str, str]:
    """The message to the applicant: a prepared reason, or one written in both languages."""
    kind = REASON_KIND.get(move)
    if reason_id and kind:
        for reason in decision_reasons(application, kind):
            if reason["id"] == reason_id:
                return {"ar": reason["text"]["ar"], "en": reason["text"]["en"]}
        raise CaseError(_("Choose one of the reasons listed."), code="eservices.case.reason")
    written = {language: (message.get(language) or "").strip() for language in ("ar", "en")}
    if any(written.values()) and not all(written.values()):
        raise CaseError(
            _("Write the message in both Arabic and English, or choose a prepared reason."),
            code="eservices.case.one_language",
        )
    if move in NEEDS_MESSAGE and not all(written.values()):
        raise CaseError(
            _("Say why, in both languages, or choose a prepared reason."),
            code="eservices.case.no_reason",
        )
    return written if all(written.values()) else {}


def _text_checked(value: str, limit: int) -> None:
    """The rules of every text box of the portal: at most ``limit``
    characters, and no NUL (which PostgreSQL cannot store)."""
    problems = text_box_errors(value, limit)
    if problems:
        raise CaseError(" ".join(problems), code="eservices.case.text")


def _notify_applicant(application: Application) -> None:
    tell_applicant(
        application,
        "application.status_changed",
        f"state:{application.revision}",
        {"status": in_both_languages(lambda: application.applicant_status)},
    )


def _notify_if_changed(application: Application, seen_before: tuple[str, str]) -> None:
    """Tell the applicant when what they can see has changed."""
    if application.applicant_view != seen_before:
        _notify_applicant(application)


def _proposal_message(application: Application) -> dict[str, str]:
    """The message written with the approval now being confirmed, if any."""
    proposal = application.events.filter(action="approve").order_by("-created_at", "-id").first()
    if proposal is None or not (proposal.message_ar and proposal.message_en):
        return {}
    return {"ar": proposal.message_ar, "en": proposal.message_en}


def _locked(application_id: Any, revision: int, queryset: QuerySet[Application]) -> Application:
    return case_lock(
        queryset.select_related("definition__eservice__service", "applicant"),
        revision=revision,
        stale=APPLICATIONS.stale,
        pk=application_id,
    )


@dataclass
class _Act:
    """One staff move being made on a locked application."""

    user: User
    application: Application
    move: str
    new_state: str
    reason_id: str
    message: Mapping[str, str]
    note: str
    assignee_id: Any
    receipt: str
    request: HttpRequest | None
    now: datetime.datetime = field(default_factory=timezone.now)
    text: dict[str, str] = field(default_factory=dict)  # the message to the applicant


def _pay_at_counter(act: _Act) -> Application:
    """The payment is recorded by the payments app, which hands it back to
    the application (payment.ApplicationFees.paid) in this transaction."""
    application = act.application
    if application.state != ApplicationState.AWAITING_PAYMENT:
        raise CaseError(
            _("This application is not waiting for a payment."), code="eservices.payment.state"
        )
    try:
        payment_record_counter(
            kind=KIND,
            payable_id=str(application.pk),
            amount_fils=application.fee_fils,
            receipt_number=act.receipt,
            actor=act.user,
            request=act.request,
        )
    except (PaymentError, PaymentsError) as error:
        raise CaseError(str(error), code=error.code) from error
    application.refresh_from_db()
    return application


def _note(act: _Act) -> Application:
    if not (text := act.note.strip()):
        raise CaseError(_("Write the note first."), code="eservices.case.empty_note")
    application, user = act.application, act.user
    application_move(
        application,
        "note",
        user,
        update_fields=["updated_at"],
        text=text,
        visibility=Visibility.STAFF,
    )
    return application


def _moved(act: _Act, change: Callable[[_Act], None] | None = None) -> Application:
    """A move that changes the case: the message to the applicant, the
    move's own ``change``, the history row, the document of an approval
    (after the commit), the audit row, and the applicant told."""
    application, new_state = act.application, act.new_state
    seen_before = application.applicant_view
    act.text = _message(application, act.move, act.reason_id, act.message)
    if new_state == ApplicationState.IN_REVIEW and application.review_stages:
        # Taking it starts the first stage.
        application.stage = application.review_stages[stage_index(application)]["id"]
    if change is not None:
        change(act)
    if new_state in (ApplicationState.APPROVED, ApplicationState.REJECTED):
        application.decided_at = act.now
    application_move(
        application,
        act.move,
        act.user,
        message=act.text,
        text=act.note.strip(),
        tell=partial(_notify_if_changed, application, seen_before),
    )
    if new_state == ApplicationState.APPROVED:
        # Rendering the PDF takes seconds: a worker does it after the commit.
        approved_id = str(application.pk)
        transaction.on_commit(lambda: document_dispatch(approved_id))
    audit_record(
        action=f"eservices.case.{act.move}",
        request=act.request,
        actor=act.user,
        data={"application": str(application.pk), "state": new_state},
    )
    return application


def _take(act: _Act) -> None:
    act.application.assignee = act.user


def _give(act: _Act) -> None:
    colleague = case_colleague(APPLICATIONS, act.application, act.assignee_id)
    if colleague is None:
        raise CaseError(
            _("Choose a colleague who handles this provider's applications."),
            code="eservices.case.assignee",
        )
    act.application.assignee = colleague


def _next_stage(act: _Act) -> None:
    application = act.application
    listed = application.review_stages
    index = stage_index(application)
    if not (0 <= index < len(listed) - 1):
        raise CaseError(
            _("This application is already at its last stage."), code="eservices.case.last_stage"
        )
    application.stage = listed[index + 1]["id"]
    assignee = application.assignee
    if assignee is not None and not colleagues(application).filter(pk=assignee.pk).exists():
        # The next stage is another role's work: it waits to be taken.
        application.assignee = None


def _pause(act: _Act) -> None:
    act.application.paused_at = act.now


def _propose_or_decide(act: _Act) -> None:
    application = act.application
    listed = application.review_stages
    index = stage_index(application)
    if listed and index != len(listed) - 1:
        raise CaseError(
            _("Finish the review stages first: this application is at “%(stage)s”.")
            % {"stage": application.stage_label(listed[index]["id"])},
            code="eservices.case.stages",
        )
    if act.new_state == ApplicationState.AWAITING_APPROVAL:
        application.recommended_by = act.user


def _confirm(act: _Act) -> Application:
    if act.application.recommended_by_id == act.user.pk:
        raise CaseError(
            _("You proposed this approval, so another person must confirm it."),
            code="eservices.case.four_eyes",
        )
    return _moved(act, _with_proposal_message)


def _with_proposal_message(act: _Act) -> None:
    if not act.text:
        # The applicant never saw the proposal: its message comes with the decision.
        act.text = _proposal_message(act.application)


def _send_back(act: _Act) -> None:
    act.application.recommended_by = None


# One handler per staff move of workflow.MOVES.
_HANDLERS: dict[str, Callable[[_Act], Application]] = {
    "record_payment": _pay_at_counter,
    "claim": partial(_moved, change=_take),
    "assign": partial(_moved, change=_give),
    "advance": partial(_moved, change=_next_stage),
    "request_information": partial(_moved, change=_pause),
    "approve": partial(_moved, change=_propose_or_decide),
    "confirm_approval": _confirm,
    "send_back": partial(_moved, change=_send_back),
    "reject": _moved,
    "note": _note,
}


@transaction.atomic
def case_act(
    *,
    user: User,
    application_id: Any,
    move: str,
    revision: int,
    reason_id: str = "",
    message: Mapping[str, str] | None = None,
    note: str = "",
    assignee_id: Any = None,
    receipt: str = "",
    request: HttpRequest | None = None,
) -> Application:
    if move not in _HANDLERS:
        raise CaseError(_("Unknown action."), code="eservices.case.unknown")
    message = message or {}
    for value, limit in (
        (note, NOTE_MAX_LENGTH),
        (receipt, RECEIPT_MAX_LENGTH),
        (message.get("ar") or "", MESSAGE_MAX_LENGTH),
        (message.get("en") or "", MESSAGE_MAX_LENGTH),
    ):
        _text_checked(value, limit)
    application = _locked(
        application_id,
        revision,
        Application.objects.filter(organisation__in=case_organisations(user)).exclude(
            state=ApplicationState.DRAFT
        ),
    )
    if not may(user, application, move):
        raise APPLICATIONS.forbidden(application)
    act = _Act(
        user=user,
        application=application,
        move=move,
        new_state=move_target(application, move),
        reason_id=reason_id,
        message=message,
        note=note,
        assignee_id=assignee_id,
        receipt=receipt,
        request=request,
    )
    return _HANDLERS[move](act)


@transaction.atomic
def application_respond(
    *,
    user: User,
    application_id: Any,
    revision: int,
    text: str,
    upload: Any = None,
    request: HttpRequest | None = None,
) -> Application:
    """The applicant answers a request for more information; the clock starts again."""
    application = _locked(application_id, revision, Application.objects.filter(applicant=user))
    move_target(application, "respond")
    if not text.strip() and upload is None:
        raise CaseError(
            _("Write your answer or upload the document that was asked for."),
            code="eservices.case.empty_answer",
        )
    now = timezone.now()
    if application.paused_at is not None and application.due_on is not None:
        application.due_on = resumed_due_date(
            calendar_for(application.organisation_id),
            application.due_on,
            application.paused_at,
            now,
        )
    application.paused_at = None
    application_move(application, "respond", user, text=text.strip())
    if upload is not None:
        document_store(application, f"response-{application.revision}", upload)
    audit_record(
        action="eservices.application.responded",
        request=request,
        actor=user,
        data={"application": str(application.pk)},
    )
    return application


@transaction.atomic
def application_withdraw(
    *, user: User, application_id: Any, revision: int, request: HttpRequest | None = None
) -> Application:
    application = _locked(application_id, revision, Application.objects.filter(applicant=user))
    move_target(application, "withdraw")
    application.paused_at = None
    application.decided_at = timezone.now()
    application_move(application, "withdraw", user, tell=partial(_notify_applicant, application))
    audit_record(
        action="eservices.application.withdrawn",
        request=request,
        actor=user,
        data={"application": str(application.pk)},
    )
    return application


def reason_label(reason: Mapping[str, Any]) -> str:
    return text_in(reason["text"])
