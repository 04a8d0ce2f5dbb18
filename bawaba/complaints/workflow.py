"""How a complaint, suggestion, enquiry or compliment moves.

    received ─claim / assign→ being handled ─ask for information→ waiting for the person
                  │                 ↑ └──────────── the person answers ─────┘
                  │                 └─reply (stays; the first reply is the first response)
                  └─transfer (to another provider: back to received there)
    being handled ─close (with an outcome and a reply)→ closed ─reopen (the person)→ being handled
    received / being handled / waiting ─merge (a duplicate, into the case kept)→ closed
    received / being handled / waiting ─withdraw (the person)→ closed

The person is told of every reply, request for information, transfer and
closure, a merge included (``notifies``), each in its own words. Every move
is a row of ``MOVES``, a transition table of the case kit; the kit's
``case_transition`` is the only way a case changes state.
"""

from __future__ import annotations

from bawaba.cases.transitions import (
    APPLICANT,
    APPROVE,
    REVIEW,
    STAFF,
    STAY,
    Either,
    Move,
    TransitionTable,
)
from bawaba.complaints.models import ComplaintState as S

_OPEN = frozenset({S.RECEIVED, S.IN_PROGRESS, S.MORE_INFORMATION})

MOVES = TransitionTable(
    {
        "claim": Move(
            frozenset({S.RECEIVED, S.IN_PROGRESS}), S.IN_PROGRESS, REVIEW, notifies=False
        ),
        # A supervisor gives the case to a colleague; one nobody has taken yet
        # is being handled from then.
        "assign": Move(
            frozenset({S.RECEIVED, S.IN_PROGRESS, S.MORE_INFORMATION}),
            Either("untaken", S.IN_PROGRESS, STAY),
            APPROVE,
            notifies=False,
        ),
        "reply": Move(frozenset({S.IN_PROGRESS}), STAY, REVIEW),
        "request_information": Move(frozenset({S.IN_PROGRESS}), S.MORE_INFORMATION, REVIEW),
        "respond": Move(frozenset({S.MORE_INFORMATION}), S.IN_PROGRESS, APPLICANT, notifies=False),
        "transfer": Move(frozenset({S.RECEIVED, S.IN_PROGRESS}), S.RECEIVED, REVIEW),
        "close": Move(frozenset({S.IN_PROGRESS}), S.CLOSED, REVIEW),
        # A duplicate closed into the case kept (outcome "duplicate"), from any open state.
        "merge": Move(_OPEN, S.CLOSED, REVIEW),
        "reopen": Move(frozenset({S.CLOSED}), S.IN_PROGRESS, APPLICANT, notifies=False),
        "withdraw": Move(_OPEN, S.CLOSED, APPLICANT, notifies=False),
        "note": Move(frozenset({*_OPEN, S.CLOSED}), STAY, STAFF, notifies=False),
    },
    states=S.values,
    facts={"untaken"},
)

# States in which the provider owes the next step: its clock runs.
OPEN_STATES = (S.RECEIVED, S.IN_PROGRESS)
