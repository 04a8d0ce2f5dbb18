"""The payment's transition table, written out once more by hand: for each
move, the state it leads to from each state it is allowed from. Every other
pair is refused."""

import pytest

from bawaba.cases.transitions import STAFF, SYSTEM, TransitionRefused
from bawaba.payments.constants import PaymentState as S
from bawaba.payments.workflow import MOVES

OPEN = {S.CREATED, S.IN_PROGRESS}
GAVE_UP = {S.FAILED, S.CANCELLED, S.EXPIRED}
PAID = {S.SUCCEEDED, S.PARTLY_REFUNDED}


def _expected(move: str, state: str, fully_refunded: bool) -> str | None:
    allowed: dict[str, dict[str, str]] = {
        "begin": {S.CREATED: S.IN_PROGRESS},
        "succeed": dict.fromkeys(OPEN, S.SUCCEEDED),
        "succeed_late": dict.fromkeys(GAVE_UP, S.SUCCEEDED),
        "fail": dict.fromkeys(OPEN, S.FAILED),
        "cancel": dict.fromkeys(OPEN, S.CANCELLED),
        "expire": dict.fromkeys(OPEN, S.EXPIRED),
        "record": {S.CREATED: S.SUCCEEDED},
        "refund": dict.fromkeys(PAID, S.REFUNDED if fully_refunded else S.PARTLY_REFUNDED),
    }
    return allowed[move].get(state)


@pytest.mark.parametrize("fully_refunded", [False, True], ids=["part", "full"])
@pytest.mark.parametrize("state", S.values)
@pytest.mark.parametrize("move", [*MOVES, "steal"])
def test_every_move_from_every_state(move, state, fully_refunded):
    expected = None if move == "steal" else _expected(move, state, fully_refunded)
    facts = {"fully_refunded": fully_refunded}
    if expected is None:
        with pytest.raises(TransitionRefused):
            MOVES.target(move, state, facts)
    else:
        assert MOVES.target(move, state, facts) == expected


def test_only_refunds_and_counter_payments_are_staff_moves():
    assert {name for name, move in MOVES.items() if move.actor == STAFF} == {"record", "refund"}
    assert all(move.actor in (STAFF, SYSTEM) for move in MOVES.values())


def test_a_refunded_or_finished_payment_never_becomes_open_again():
    for state in (S.SUCCEEDED, S.PARTLY_REFUNDED, S.REFUNDED, *GAVE_UP):
        for move in ("begin", "fail", "cancel", "expire", "record"):
            assert not MOVES.allowed(move, state)
