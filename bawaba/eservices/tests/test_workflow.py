import pytest

from bawaba.cases.transitions import APPLICANT, APPROVE, REVIEW, STAFF, STAY, SYSTEM, Either
from bawaba.catalogue.tests.factories import ServiceFactory
from bawaba.eservices import cases
from bawaba.eservices.actions import application_move
from bawaba.eservices.errors import CaseError
from bawaba.eservices.models import ApplicationState as S
from bawaba.eservices.tests.samples import application_for, published_eservice
from bawaba.eservices.workflow import FACTS, MOVES, moves_from, target


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


# The whole table written out once more, by hand: for each move, the state it
# leads to from each state it is allowed from (given whether two people
# approve and whether the application has a fee). Every other pair is refused.
def _expected(move: str, state: str, second_approval: bool, fee: bool) -> str | None:
    under_review = {S.SUBMITTED, S.IN_REVIEW, S.MORE_INFORMATION, S.AWAITING_APPROVAL}
    allowed: dict[str, dict[str, str]] = {
        "submit": {S.DRAFT: S.AWAITING_PAYMENT if fee else S.SUBMITTED},
        "expire": {S.DRAFT: S.EXPIRED},
        "expire_unpaid": {S.AWAITING_PAYMENT: S.EXPIRED},
        "pay": {S.AWAITING_PAYMENT: S.SUBMITTED},
        "record_payment": {S.AWAITING_PAYMENT: S.SUBMITTED},
        "claim": {S.SUBMITTED: S.IN_REVIEW, S.IN_REVIEW: S.IN_REVIEW},
        "assign": {
            S.SUBMITTED: S.IN_REVIEW,
            S.IN_REVIEW: S.IN_REVIEW,
            S.MORE_INFORMATION: S.MORE_INFORMATION,
        },
        "advance": {S.IN_REVIEW: S.IN_REVIEW},
        "request_information": {S.IN_REVIEW: S.MORE_INFORMATION},
        "respond": {S.MORE_INFORMATION: S.IN_REVIEW},
        "approve": {S.IN_REVIEW: S.AWAITING_APPROVAL if second_approval else S.APPROVED},
        "confirm_approval": {S.AWAITING_APPROVAL: S.APPROVED},
        "send_back": {S.AWAITING_APPROVAL: S.IN_REVIEW},
        "reject": {S.IN_REVIEW: S.REJECTED, S.AWAITING_APPROVAL: S.REJECTED},
        "withdraw": dict.fromkeys({S.AWAITING_PAYMENT, *under_review}, S.WITHDRAWN),
        "note": {source: source for source in {*under_review, S.APPROVED, S.REJECTED}},
    }
    return allowed[move].get(state)


@pytest.mark.parametrize("fee", [False, True], ids=["no fee", "fee"])
@pytest.mark.parametrize("second_approval", [False, True], ids=["one person", "two people"])
@pytest.mark.parametrize("state", S.values)
@pytest.mark.parametrize("move", [*MOVES, "fly"])
def test_every_move_from_every_state(move, state, second_approval, fee):
    expected = None if move == "fly" else _expected(move, state, second_approval, fee)
    if expected is None:
        with pytest.raises(ValueError):
            target(move, state, second_approval=second_approval, fee=fee)
    else:
        assert target(move, state, second_approval=second_approval, fee=fee) == expected


@pytest.mark.parametrize(
    ("move", "actor", "notifies", "event"),
    [
        ("submit", APPLICANT, False, "submitted"),  # its own acknowledgement
        ("expire", SYSTEM, False, "expired"),
        ("expire_unpaid", SYSTEM, False, "expired"),  # unpaid_expire tells the applicant
        ("pay", SYSTEM, False, "paid"),  # its own acknowledgement
        ("record_payment", REVIEW, False, "paid"),  # the same acknowledgement
        ("claim", REVIEW, False, "claim"),
        ("assign", APPROVE, False, "assign"),
        ("advance", REVIEW, True, "advance"),
        ("request_information", REVIEW, True, "request_information"),
        ("respond", APPLICANT, False, "respond"),
        ("approve", REVIEW, True, "approve"),
        ("confirm_approval", APPROVE, True, "confirm_approval"),
        ("send_back", APPROVE, False, "send_back"),
        ("reject", REVIEW, True, "reject"),
        ("withdraw", APPLICANT, True, "withdraw"),
        ("note", STAFF, False, "note"),
    ],
)
def test_who_makes_each_move_and_whether_the_applicant_is_told(move, actor, notifies, event):
    assert MOVES[move].actor == actor
    assert MOVES[move].notifies is notifies
    assert (MOVES[move].event or move) == event


def test_the_table_has_no_other_moves_and_names_only_known_states_and_facts():
    assert len(MOVES) == 16
    for move in MOVES.values():
        assert move.sources <= set(S.values)
        targets = (
            [move.target.then, move.target.otherwise]
            if isinstance(move.target, Either)
            else [move.target]
        )
        assert set(targets) <= {*S.values, STAY}
        assert not isinstance(move.target, Either) or move.target.fact in FACTS


def test_every_staff_move_has_exactly_one_handler_on_the_case_page():
    assert set(cases._HANDLERS) == {name for name, move in MOVES.items() if move.by_staff}


def test_a_move_the_table_refuses_changes_nothing(db):
    definition = published_eservice(ServiceFactory.create(slug="renew-smart-card"))
    application = application_for(definition, state=S.SUBMITTED)
    revision = application.revision
    with pytest.raises(CaseError) as refused:
        application_move(application, "expire", None)
    assert refused.value.code == "eservices.case.not_allowed"
    application.refresh_from_db()
    assert (application.state, application.revision) == (S.SUBMITTED, revision)
    assert not application.events.exists()


@pytest.mark.parametrize(("fee", "expected"), [(0, S.SUBMITTED), (5000, S.AWAITING_PAYMENT)])
def test_a_move_takes_its_target_and_writes_its_history_row(db, fee, expected):
    definition = published_eservice(ServiceFactory.create(slug="renew-smart-card"))
    application = application_for(definition, fee_fils=fee)
    revision = application.revision
    event = application_move(application, "submit", application.applicant, update_fields=[])
    application.refresh_from_db()
    assert (application.state, application.revision) == (expected, revision + 1)
    assert (event.action, event.state, event.actor) == (
        "submitted",
        expected,
        application.applicant,
    )
