"""The provider's side of an application (a case): record a fee paid at the
counter, claim, ask for more information, approve (alone or with a second
person), reject, note; and the applicant's answers to a request, or withdrawal.

Every move locks the application and checks the revision the person was
looking at: when two people act at once, one succeeds and the other is told
what happened, with what they typed kept on the page.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from bawaba.accounts.constants import Role
from bawaba.accounts.models import User
from bawaba.cases.calendar import calendar_for
from bawaba.cases.deadlines import resumed_due_date
from bawaba.core.audit import audit_record
from bawaba.core.identifiers import normalise_digits
from bawaba.eservices.actions import (
    EServiceError,
    event_record,
    in_both_languages,
    tell_applicant,
)
from bawaba.eservices.downloads import document_store
from bawaba.eservices.issuing import document_dispatch
from bawaba.eservices.models import Application, ApplicationState
from bawaba.eservices.payment import PaymentError, payment_record
from bawaba.eservices.questions import text_in
from bawaba.eservices.selectors import CASE_ROLES, case_organisations
from bawaba.eservices.workflow import APPLICANT, APPROVE, MOVES, REVIEW, target

# Moves whose message to the applicant is required, and the reason kind they use.
NEEDS_MESSAGE = {"request_information": "more_information", "reject": "reject"}
REASON_KIND = {**NEEDS_MESSAGE, "approve": "approve", "confirm_approval": "approve"}
# Moves that carry a message to the applicant, and whether it is required.
MESSAGE_MOVES = {move: move in NEEDS_MESSAGE for move in REASON_KIND}
# The longest text each box takes (the applicant's answer takes as much).
MESSAGE_MAX_LENGTH = NOTE_MAX_LENGTH = 2000
RECEIPT_MAX_LENGTH = 64  # Application.payment_reference


class CaseError(EServiceError):
    code = "eservices.case"


def _roles(user: User, application: Application) -> set[str]:
    return set(
        user.memberships.filter(organisation_id=application.organisation_id).values_list(
            "role", flat=True
        )
    )


def _stage_index(application: Application) -> int:
    """Where the review is among the stages: the stored stage, or the first
    one before it starts (or if the stored one is unknown); -1 without stages."""
    ids = [stage["id"] for stage in application.review_stages]
    if not ids:
        return -1
    return ids.index(application.stage) if application.stage in ids else 0


# The states in which a stage's role, rather than the general review role,
# does the review work (taking it into the first stage included).
_STAGED_STATES = (
    ApplicationState.SUBMITTED,
    ApplicationState.IN_REVIEW,
    ApplicationState.MORE_INFORMATION,
    ApplicationState.AWAITING_APPROVAL,
)


def _review_roles(application: Application) -> tuple[str, str]:
    """(the role that reviews now, the role that approves)."""
    workflow = application.definition.data["workflow"]
    review_role = workflow.get("review_role", Role.CASE_WORKER)
    approve_role = workflow.get("approve_role", Role.SUPERVISOR)
    index = _stage_index(application)
    if index >= 0 and application.state in _STAGED_STATES:
        review_role = application.review_stages[index].get("role", review_role)
    return review_role, approve_role


def colleagues(application: Application) -> QuerySet[User]:
    """Staff who may be given this application: its provider's staff with the
    role that reviews it now (or approves it)."""
    return (
        User.objects.filter(
            memberships__organisation_id=application.organisation_id,
            memberships__role__in=set(_review_roles(application)),
            is_active=True,
        )
        .distinct()
        .order_by("name_en", "email")
    )


def _colleague(application: Application, assignee_id: Any) -> User | None:
    """The colleague chosen in the form, or None when the value names nobody
    who may be given this application (a garbled value included)."""
    try:
        pk = int(normalise_digits(str(assignee_id or "")).strip())
    except ValueError:
        return None
    if not 0 < pk < 2**63:
        return None
    return colleagues(application).filter(pk=pk).first()


def may(user: User, application: Application, move: str, roles: set[str] | None = None) -> bool:
    roles = _roles(user, application) if roles is None else roles
    if move == "note":
        return bool(set(CASE_ROLES) & roles)  # any case role may leave a note
    review_role, approve_role = _review_roles(application)
    actor = MOVES[move].actor
    if actor == REVIEW:
        return bool({review_role, approve_role} & roles)
    if actor == APPROVE:
        return approve_role in roles
    return False


def moves_open(user: User, application: Application) -> list[str]:
    """The moves ``user`` can make on ``application`` now, in the order the
    case page offers them."""
    listed = application.review_stages
    index = _stage_index(application)
    at_last_stage = not listed or index == len(listed) - 1
    roles = _roles(user, application)
    return [
        move
        for move, definition in MOVES.items()
        if application.state in definition.sources
        and definition.actor != APPLICANT
        and may(user, application, move, roles)
        and not (move == "confirm_approval" and application.recommended_by_id == user.pk)
        and not (move == "claim" and application.assignee_id == user.pk)
        and not (move == "advance" and at_last_stage)
        and not (move == "approve" and not at_last_stage)
    ]


def next_stage_label(application: Application) -> str:
    listed = application.review_stages
    index = _stage_index(application)
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
    try:
        ProhibitNullCharactersValidator()(value)
        MaxLengthValidator(limit)(value)
    except ValidationError as error:
        raise CaseError(" ".join(error.messages), code="eservices.case.text") from error


def _notify_applicant(application: Application) -> None:
    tell_applicant(
        application,
        "application.status_changed",
        f"state:{application.revision}",
        {"status": in_both_languages(lambda: application.applicant_status)},
    )


def _proposal_message(application: Application) -> dict[str, str]:
    """The message written with the approval now being confirmed, if any."""
    proposal = application.events.filter(action="approve").order_by("-created_at", "-id").first()
    if proposal is None or not (proposal.message_ar and proposal.message_en):
        return {}
    return {"ar": proposal.message_ar, "en": proposal.message_en}


def _locked(application_id: Any, revision: int, queryset: QuerySet[Application]) -> Application:
    application = (
        queryset.select_for_update(of=("self",))
        .select_related("definition__eservice__service", "applicant")
        .get(pk=application_id)
    )
    if application.revision != revision:
        raise CaseError(
            _(
                "Someone else has acted on this application since you opened it. "
                "Check what changed below; what you wrote is still in the form."
            ),
            code="eservices.case.stale",
        )
    return application


def _move(application: Application, move: str) -> str:
    try:
        return target(
            move,
            application.state,
            second_approval=bool(application.definition.data["workflow"]["second_approval"]),
        )
    except ValueError as error:
        raise CaseError(
            _("This is no longer possible: the application is now “%(state)s”.")
            % {"state": application.get_state_display()},
            code="eservices.case.not_allowed",
        ) from error


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
    if move not in MOVES or MOVES[move].actor == APPLICANT:
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
        raise CaseError(_("Your role does not allow this."), code="eservices.case.forbidden")
    new_state = _move(application, move)
    seen_before = application.applicant_view
    now = timezone.now()
    if move == "record_payment":
        try:
            return payment_record(
                application,
                amount_fils=application.fee_fils,
                reference=receipt,
                actor=user,
                channel="counter",
                request=request,
            )
        except PaymentError as error:
            raise CaseError(str(error), code=error.code) from error
    if move == "note":
        if not note.strip():
            raise CaseError(_("Write the note first."), code="eservices.case.empty_note")
        event_record(application, "note", user, text=note.strip(), internal=True)
        application.revision += 1
        application.save(update_fields=["revision", "updated_at"])
        return application
    if move == "confirm_approval" and application.recommended_by_id == user.pk:
        raise CaseError(
            _("You proposed this approval, so another person must confirm it."),
            code="eservices.case.four_eyes",
        )
    text = _message(application, move, reason_id, message)
    if move == "confirm_approval" and not text:
        # The applicant never saw the proposal: its message comes with the decision.
        text = _proposal_message(application)
    listed = application.review_stages
    index = _stage_index(application)
    if move == "advance" and not (0 <= index < len(listed) - 1):
        raise CaseError(
            _("This application is already at its last stage."), code="eservices.case.last_stage"
        )
    if move == "approve" and listed and index != len(listed) - 1:
        raise CaseError(
            _("Finish the review stages first: this application is at “%(stage)s”.")
            % {"stage": application.stage_label(listed[index]["id"])},
            code="eservices.case.stages",
        )
    if new_state == ApplicationState.IN_REVIEW and listed:
        application.stage = listed[index]["id"]  # taking it starts the first stage
    if move == "advance":
        application.stage = listed[index + 1]["id"]
        assignee = application.assignee
        if assignee is not None and not colleagues(application).filter(pk=assignee.pk).exists():
            # The next stage is another role's work: it waits to be taken.
            application.assignee = None
    if move == "claim":
        application.assignee = user
    elif move == "assign":
        colleague = _colleague(application, assignee_id)
        if colleague is None:
            raise CaseError(
                _("Choose a colleague who handles this provider's applications."),
                code="eservices.case.assignee",
            )
        application.assignee = colleague
    elif move == "request_information":
        application.paused_at = now
    elif move == "approve" and new_state == ApplicationState.AWAITING_APPROVAL:
        application.recommended_by = user
    elif move == "send_back":
        application.recommended_by = None
    if new_state in (ApplicationState.APPROVED, ApplicationState.REJECTED):
        application.decided_at = now
    application.state = new_state
    application.revision += 1
    application.save()
    event_record(application, move, user, message=text, text=note.strip(), internal=False)
    if new_state == ApplicationState.APPROVED:
        # Rendering the PDF takes seconds: a worker does it after the commit.
        approved_id = str(application.pk)
        transaction.on_commit(lambda: document_dispatch(approved_id))
    audit_record(
        action=f"eservices.case.{move}",
        request=request,
        actor=user,
        data={"application": str(application.pk), "state": new_state},
    )
    if MOVES[move].notifies and application.applicant_view != seen_before:
        _notify_applicant(application)
    return application


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
    new_state = _move(application, "respond")
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
    application.state = new_state
    application.revision += 1
    application.save()
    if upload is not None:
        document_store(application, f"response-{application.revision}", upload)
    event_record(application, "respond", user, text=text.strip())
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
    application.state = _move(application, "withdraw")
    application.paused_at = None
    application.decided_at = timezone.now()
    application.revision += 1
    application.save()
    event_record(application, "withdraw", user)
    audit_record(
        action="eservices.application.withdrawn",
        request=request,
        actor=user,
        data={"application": str(application.pk)},
    )
    _notify_applicant(application)
    return application


def reason_label(reason: Mapping[str, Any]) -> str:
    return text_in(reason["text"])
