"""How an application moves, from draft to decision.

    draft ─submit→ waiting for payment (with a fee) or submitted (without one)
    draft ─expire (left untouched too long)→ expired
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

Every move is a row of ``MOVES``, a transition table of the case kit
(``bawaba.cases.transitions``): its sources, its target (a state, or an
``Either`` that names the one fact it depends on), who may make it and
whether the applicant is told. ``actions.application_move`` is the one place
that checks a move against the table and writes its history row.

A definition may divide the review into named stages (``workflow.stages``,
each with the role that works on it): taking the application starts the
first, ``advance`` moves to the next, and approval waits for the last.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from bawaba.cases.transitions import (
    APPLICANT,
    APPROVE,
    REVIEW,
    STAFF,
    STAY,
    SYSTEM,
    Either,
    Move,
    TransitionTable,
)
from bawaba.eservices.models import ApplicationState as S

# The facts an application's targets depend on: ``second_approval`` (the
# definition wants two people to approve), ``fee`` (the application has a fee
# to pay) and ``untaken`` (it is received and nobody has taken it yet).
FACTS = frozenset({"second_approval", "fee", "untaken"})


_UNDER_REVIEW = frozenset({S.SUBMITTED, S.IN_REVIEW, S.MORE_INFORMATION, S.AWAITING_APPROVAL})

MOVES = TransitionTable(
    {
        # The applicant sends a complete draft: with a fee it waits for the
        # payment, without one it reaches the provider.
        "submit": Move(
            frozenset({S.DRAFT}),
            Either("fee", S.AWAITING_PAYMENT, S.SUBMITTED),
            APPLICANT,
            notifies=False,
            event="submitted",
        ),
        # A draft left untouched too long (``drafts_expire``).
        "expire": Move(frozenset({S.DRAFT}), S.EXPIRED, SYSTEM, notifies=False, event="expired"),
        # Sent but never paid (payment.py's unpaid_expire tells the applicant).
        "expire_unpaid": Move(
            frozenset({S.AWAITING_PAYMENT}), S.EXPIRED, SYSTEM, notifies=False, event="expired"
        ),
        # The gateway confirms an online payment (payment.py).
        "pay": Move(
            frozenset({S.AWAITING_PAYMENT}), S.SUBMITTED, SYSTEM, notifies=False, event="paid"
        ),
        # Staff record a fee paid at the provider's counter: the same step as an
        # online payment.
        "record_payment": Move(
            frozenset({S.AWAITING_PAYMENT}), S.SUBMITTED, REVIEW, notifies=False, event="paid"
        ),
        "claim": Move(frozenset({S.SUBMITTED, S.IN_REVIEW}), S.IN_REVIEW, REVIEW, notifies=False),
        # A supervisor (the approving role) hands the application to a colleague;
        # one nobody has taken yet goes into review with it.
        "assign": Move(
            frozenset({S.SUBMITTED, S.IN_REVIEW, S.MORE_INFORMATION}),
            Either("untaken", S.IN_REVIEW, STAY),
            APPROVE,
            notifies=False,
        ),
        # To the next of the definition's review stages (workflow.stages), if any.
        "advance": Move(frozenset({S.IN_REVIEW}), S.IN_REVIEW, REVIEW),
        "request_information": Move(frozenset({S.IN_REVIEW}), S.MORE_INFORMATION, REVIEW),
        "respond": Move(frozenset({S.MORE_INFORMATION}), S.IN_REVIEW, APPLICANT, notifies=False),
        # With four eyes the approval waits for a second person.
        "approve": Move(
            frozenset({S.IN_REVIEW}),
            Either("second_approval", S.AWAITING_APPROVAL, S.APPROVED),
            REVIEW,
        ),
        "confirm_approval": Move(frozenset({S.AWAITING_APPROVAL}), S.APPROVED, APPROVE),
        "send_back": Move(frozenset({S.AWAITING_APPROVAL}), S.IN_REVIEW, APPROVE, notifies=False),
        "reject": Move(frozenset({S.IN_REVIEW, S.AWAITING_APPROVAL}), S.REJECTED, REVIEW),
        # Waiting for approval reads "being reviewed" to the applicant, who may
        # withdraw then as in any review.
        "withdraw": Move(frozenset({S.AWAITING_PAYMENT, *_UNDER_REVIEW}), S.WITHDRAWN, APPLICANT),
        "note": Move(
            frozenset({*_UNDER_REVIEW, S.APPROVED, S.REJECTED}), STAY, STAFF, notifies=False
        ),
    },
    states=S.values,
    facts=FACTS,
)


def application_facts(current: str, *, second_approval: bool, fee: bool) -> dict[str, bool]:
    return {"second_approval": second_approval, "fee": fee, "untaken": current == S.SUBMITTED}


def target(move: str, current: str, *, second_approval: bool = False, fee: bool = False) -> str:
    """The state after ``move`` from ``current``; raises ValueError
    (``TransitionRefused``) when the move is not allowed from there."""
    facts = application_facts(current, second_approval=second_approval, fee=fee)
    return MOVES.target(move, current, facts)


def moves_from(current: str) -> list[str]:
    return MOVES.moves_from(current)


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
