"""How a payment moves, as GOV.UK Pay and the hosted checkouts of Bahraini
acquirers work:

    created ─begin→ in progress ─succeed→ succeeded ─refund→ partly refunded | refunded
       │                 ├─fail→ failed
       │                 ├─cancel→ cancelled
       └─────────────────┴─expire→ expired

The gateway is the authority on whether money was taken: a success that
arrives after the portal gave up on the payment (expired, or the gateway's
page reported a failure first) is still recorded (``succeed_late``) and the
payment is flagged for a refund, never dropped. Counter payments are recorded
by staff (``record``). Every change goes through ``actions`` and writes a
``PaymentEvent`` with its source."""

from __future__ import annotations

from bawaba.cases.transitions import STAFF, SYSTEM, Either, Move, TransitionTable
from bawaba.payments.constants import PaymentState as S

OPEN = frozenset({S.CREATED, S.IN_PROGRESS})
GAVE_UP = frozenset({S.FAILED, S.CANCELLED, S.EXPIRED})
REFUNDABLE = frozenset({S.SUCCEEDED, S.PARTLY_REFUNDED})

MOVES = TransitionTable(
    {
        "begin": Move(frozenset({S.CREATED}), S.IN_PROGRESS, SYSTEM, notifies=False),
        "succeed": Move(OPEN, S.SUCCEEDED, SYSTEM),
        "succeed_late": Move(GAVE_UP, S.SUCCEEDED, SYSTEM, event="succeeded_late"),
        "fail": Move(OPEN, S.FAILED, SYSTEM),
        "cancel": Move(OPEN, S.CANCELLED, SYSTEM),
        "expire": Move(OPEN, S.EXPIRED, SYSTEM, notifies=False),
        "record": Move(frozenset({S.CREATED}), S.SUCCEEDED, STAFF, event="recorded"),
        "refund": Move(
            REFUNDABLE,
            Either("fully_refunded", S.REFUNDED, S.PARTLY_REFUNDED),
            STAFF,
            event="refunded",
        ),
    },
    states=S.values,
    facts=("fully_refunded",),
)

# What a gateway's outcome asks of a payment that is still open, or that the
# portal gave up on.
OUTCOME_MOVES: dict[str, str] = {
    S.SUCCEEDED: "succeed",
    S.FAILED: "fail",
    S.CANCELLED: "cancel",
}
