"""Every move of the complaints table from every state: allowed or refused."""

import pytest

from bawaba.cases.transitions import TransitionRefused
from bawaba.complaints.models import ComplaintState as S
from bawaba.complaints.workflow import MOVES

ALLOWED = {
    ("claim", S.RECEIVED): S.IN_PROGRESS,
    ("claim", S.IN_PROGRESS): S.IN_PROGRESS,
    ("assign", S.RECEIVED): S.IN_PROGRESS,
    ("assign", S.IN_PROGRESS): S.IN_PROGRESS,
    ("assign", S.MORE_INFORMATION): S.MORE_INFORMATION,
    ("reply", S.IN_PROGRESS): S.IN_PROGRESS,
    ("request_information", S.IN_PROGRESS): S.MORE_INFORMATION,
    ("respond", S.MORE_INFORMATION): S.IN_PROGRESS,
    ("transfer", S.RECEIVED): S.RECEIVED,
    ("transfer", S.IN_PROGRESS): S.RECEIVED,
    ("close", S.IN_PROGRESS): S.CLOSED,
    ("merge", S.RECEIVED): S.CLOSED,
    ("merge", S.IN_PROGRESS): S.CLOSED,
    ("merge", S.MORE_INFORMATION): S.CLOSED,
    ("reopen", S.CLOSED): S.IN_PROGRESS,
    ("withdraw", S.RECEIVED): S.CLOSED,
    ("withdraw", S.IN_PROGRESS): S.CLOSED,
    ("withdraw", S.MORE_INFORMATION): S.CLOSED,
    ("note", S.RECEIVED): S.RECEIVED,
    ("note", S.IN_PROGRESS): S.IN_PROGRESS,
    ("note", S.MORE_INFORMATION): S.MORE_INFORMATION,
    ("note", S.CLOSED): S.CLOSED,
}


@pytest.mark.parametrize("state", S.values)
@pytest.mark.parametrize("move", [*MOVES, "no-such-move"])
def test_every_move_from_every_state(move, state):
    facts = {"untaken": state == S.RECEIVED}
    expected = ALLOWED.get((move, state))
    if expected is None:
        with pytest.raises(TransitionRefused):
            MOVES.target(move, state, facts)
    else:
        assert MOVES.target(move, state, facts) == expected


def test_the_person_is_told_of_replies_requests_transfers_closures_and_merges():
    told = {move for move, definition in MOVES.items() if definition.notifies}
    assert told == {"reply", "request_information", "transfer", "close", "merge"}
