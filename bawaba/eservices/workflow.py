"""How an application moves once it is sent.

    waiting for payment ─paid (online, or recorded at the counter)→ submitted
    submitted ─claim (or a supervisor assigns)→ in review ─request information→ more information
                         ↑ └──────────── the applicant answers ─────┘
    in review ─approve→ approved                  (one person decides)
    in review ─approve→ waiting for approval ─confirm→ approved  (two people)
                              └─send back→ in review
    in review / waiting for approval ─reject→ rejected
    waiting for payment / submitted / in review / more information / waiting for approval
        ─withdraw (applicant)→ withdrawn

The applicant is told only what concerns them: waiting for approval reads
"being reviewed" to them, and a move that leaves what they see unchanged (a
proposal, a send-back, an assignment) sends no message.

Who may act: the definition names the role that reviews (``review_role``,
case workers by default) and the role that approves (``approve_role``,
supervisors by default): it confirms approvals when ``second_approval`` is on,
assigns applications to colleagues, and may also do the review work. The
person who proposed an approval cannot confirm it.

A definition may divide the review into named stages (``workflow.stages``,
each with the role that works on it): taking the application starts the
first, ``advance`` moves to the next, and approval waits for the last.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from bawaba.eservices.models import ApplicationState as S

REVIEW, APPROVE, APPLICANT = "review", "approve", "applicant"


@dataclass(frozen=True)
class Move:
    sources: frozenset[str]
    actor: str  # REVIEW or APPROVE (a staff role from the definition) or APPLICANT
    notifies: bool = True


MOVES: dict[str, Move] = {
    # Staff record a fee paid at the provider's counter (payment.py); an
    # online payment makes the same move when the gateway confirms it.
    "record_payment": Move(frozenset({S.AWAITING_PAYMENT}), REVIEW, notifies=False),
    "claim": Move(frozenset({S.SUBMITTED, S.IN_REVIEW}), REVIEW, notifies=False),
    # A supervisor (the approving role) hands the application to a colleague.
    "assign": Move(
        frozenset({S.SUBMITTED, S.IN_REVIEW, S.MORE_INFORMATION}), APPROVE, notifies=False
    ),
    # To the next of the definition's review stages (workflow.stages), if any.
    "advance": Move(frozenset({S.IN_REVIEW}), REVIEW),
    "request_information": Move(frozenset({S.IN_REVIEW}), REVIEW),
    "respond": Move(frozenset({S.MORE_INFORMATION}), APPLICANT, notifies=False),
    "approve": Move(frozenset({S.IN_REVIEW}), REVIEW),
    "confirm_approval": Move(frozenset({S.AWAITING_APPROVAL}), APPROVE),
    "send_back": Move(frozenset({S.AWAITING_APPROVAL}), APPROVE, notifies=False),
    "reject": Move(frozenset({S.IN_REVIEW, S.AWAITING_APPROVAL}), REVIEW),
    # Waiting for approval reads "being reviewed" to the applicant, who may
    # withdraw then as in any review.
    "withdraw": Move(
        frozenset(
            {
                S.AWAITING_PAYMENT,
                S.SUBMITTED,
                S.IN_REVIEW,
                S.MORE_INFORMATION,
                S.AWAITING_APPROVAL,
            }
        ),
        APPLICANT,
    ),
    "note": Move(
        frozenset(
            {
                S.SUBMITTED,
                S.IN_REVIEW,
                S.MORE_INFORMATION,
                S.AWAITING_APPROVAL,
                S.APPROVED,
                S.REJECTED,
            }
        ),
        REVIEW,
        notifies=False,
    ),
}


def target(move: str, current: str, *, second_approval: bool) -> str:
    """The state after ``move`` from ``current``; raises ValueError when the
    move is not allowed from there."""
    if move not in MOVES or current not in MOVES[move].sources:
        raise ValueError(f"{move} is not allowed from {current}")
    if move == "record_payment":
        return S.SUBMITTED
    if move == "claim":
        return S.IN_REVIEW
    if move == "assign":
        return S.IN_REVIEW if current == S.SUBMITTED else current
    if move == "request_information":
        return S.MORE_INFORMATION
    if move in ("respond", "send_back", "advance"):
        return S.IN_REVIEW
    if move == "approve":
        return S.AWAITING_APPROVAL if second_approval else S.APPROVED
    if move == "confirm_approval":
        return S.APPROVED
    if move == "reject":
        return S.REJECTED
    if move == "withdraw":
        return S.WITHDRAWN
    return current  # a note changes nothing


def moves_from(current: str) -> list[str]:
    return [name for name, move in MOVES.items() if current in move.sources]


@dataclass(frozen=True)
class MoveWording:
    """How the case page offers a move: the heading of its form, its button,
    an optional sentence under the heading, and the button's weight
    ("primary", "secondary" or "warning")."""

    title: str | Promise
    button: str | Promise
    intro: str | Promise = ""
    weight: str = "secondary"


# The staff moves of MOVES, in the words of the case page. "%(stage)s" is the
# review stage a move leads to, "%(amount)s" the application's fee.
MOVE_WORDING: dict[str, MoveWording] = {
    "record_payment": MoveWording(
        _("Record a payment made at the counter"),
        _("Record the payment"),
        _(
            "Only when the applicant has paid the whole fee of %(amount)s at your counter. "
            "The application then reaches the queue and its processing time starts."
        ),
        weight="primary",
    ),
    "claim": MoveWording(_("Take this application"), _("Take it"), weight="primary"),
    "assign": MoveWording(_("Give it to a colleague"), _("Assign")),
    "advance": MoveWording(_("Move on to “%(stage)s”"), _("Move on")),
    "request_information": MoveWording(
        _("Ask the applicant for more information"), _("Send the request")
    ),
    "approve": MoveWording(_("Approve"), _("Approve"), weight="primary"),
    "confirm_approval": MoveWording(
        _("Confirm the approval"), _("Confirm approval"), weight="primary"
    ),
    "send_back": MoveWording(_("Send back to the case worker"), _("Send back")),
    "reject": MoveWording(_("Reject"), _("Reject"), weight="warning"),
    "note": MoveWording(_("Internal note"), _("Add note")),
}
