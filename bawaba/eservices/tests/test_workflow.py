import pytest

from bawaba.eservices.models import ApplicationState as S
from bawaba.eservices.workflow import moves_from, target


@pytest.mark.parametrize(
    ("move", "current", "second_approval", "expected"),
    [
        ("claim", S.SUBMITTED, False, S.IN_REVIEW),
        ("claim", S.IN_REVIEW, False, S.IN_REVIEW),  # taking over a case
        ("assign", S.SUBMITTED, False, S.IN_REVIEW),
        ("assign", S.MORE_INFORMATION, False, S.MORE_INFORMATION),
        ("advance", S.IN_REVIEW, False, S.IN_REVIEW),  # to the next review stage
        ("record_payment", S.AWAITING_PAYMENT, False, S.SUBMITTED),
        ("withdraw", S.AWAITING_PAYMENT, False, S.WITHDRAWN),
        ("request_information", S.IN_REVIEW, False, S.MORE_INFORMATION),
        ("respond", S.MORE_INFORMATION, False, S.IN_REVIEW),
        ("approve", S.IN_REVIEW, False, S.APPROVED),
        ("approve", S.IN_REVIEW, True, S.AWAITING_APPROVAL),
        ("confirm_approval", S.AWAITING_APPROVAL, True, S.APPROVED),
        ("send_back", S.AWAITING_APPROVAL, True, S.IN_REVIEW),
        ("reject", S.IN_REVIEW, False, S.REJECTED),
        ("reject", S.AWAITING_APPROVAL, True, S.REJECTED),
        ("withdraw", S.SUBMITTED, False, S.WITHDRAWN),
        ("withdraw", S.MORE_INFORMATION, False, S.WITHDRAWN),
        ("withdraw", S.AWAITING_APPROVAL, True, S.WITHDRAWN),
        ("note", S.APPROVED, False, S.APPROVED),
    ],
)
def test_allowed_moves(move, current, second_approval, expected):
    assert target(move, current, second_approval=second_approval) == expected


@pytest.mark.parametrize(
    ("move", "current"),
    [
        ("claim", S.DRAFT),
        ("approve", S.SUBMITTED),  # claim it first
        ("claim", S.AWAITING_PAYMENT),  # not before the fee is paid
        ("advance", S.SUBMITTED),
        ("record_payment", S.SUBMITTED),
        ("approve", S.MORE_INFORMATION),  # wait for the answer
        ("confirm_approval", S.IN_REVIEW),
        ("request_information", S.APPROVED),
        ("respond", S.IN_REVIEW),
        ("withdraw", S.APPROVED),
        ("withdraw", S.DRAFT),
        ("reject", S.REJECTED),
        ("note", S.DRAFT),
        ("assign", S.APPROVED),
        ("fly", S.IN_REVIEW),
    ],
)
def test_refused_moves(move, current):
    with pytest.raises(ValueError):
        target(move, current, second_approval=True)


def test_nothing_moves_a_final_decision_except_a_note():
    for state in (S.APPROVED, S.REJECTED):
        assert moves_from(state) == ["note"]
    assert moves_from(S.WITHDRAWN) == []
