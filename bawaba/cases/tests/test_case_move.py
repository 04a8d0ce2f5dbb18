"""The kit's locking move, on a toy case that is not a model: it checks the
table, sets the target, counts a revision, saves and writes the history row."""

import datetime

import pytest

from bawaba.cases.actions import (
    CaseChanged,
    case_colleague,
    case_lock,
    case_may,
    case_move,
    case_transition,
)
from bawaba.cases.models import Holiday
from bawaba.cases.transitions import (
    REVIEW,
    SYSTEM,
    Either,
    Move,
    TransitionRefused,
    TransitionTable,
)

TABLE = TransitionTable(
    {
        "take": Move(frozenset({"new"}), "open", REVIEW, event="taken"),
        "close": Move(frozenset({"open"}), Either("checked", "closed", "waiting"), REVIEW),
    },
    states={"new", "open", "waiting", "closed"},
    facts={"checked"},
)


class ToyCase:
    def __init__(self, state: str) -> None:
        self.state = state
        self.revision = 3
        self.saves: list[dict] = []

    def save(self, *args, **kwargs) -> None:
        self.saves.append(kwargs)


class Refused(Exception):
    pass


def test_a_move_sets_its_target_counts_a_revision_saves_and_records():
    case = ToyCase("new")
    recorded: list[str] = []

    def record(action: str) -> int:
        recorded.append(action)
        return 7

    row = case_move(case, "take", table=TABLE, record=record)
    assert (case.state, case.revision, case.saves) == ("open", 4, [{}])
    assert (recorded, row) == (["taken"], 7)


@pytest.mark.parametrize(("checked", "expected"), [(True, "closed"), (False, "waiting")])
def test_the_target_follows_the_facts_and_only_the_named_fields_are_saved(checked, expected):
    case = ToyCase("open")
    case_move(
        case,
        "close",
        table=TABLE,
        facts={"checked": checked},
        record=lambda action: action,
        update_fields=["note"],
    )
    assert case.state == expected
    assert case.saves == [{"update_fields": ["note", "state", "revision"]}]


@pytest.mark.parametrize("refused", [None, lambda error: Refused(str(error))])
def test_a_refused_move_changes_nothing_and_records_nothing(refused):
    case = ToyCase("closed")
    recorded: list[str] = []
    with pytest.raises(Refused if refused else TransitionRefused, match="take is not allowed"):
        case_move(case, "take", table=TABLE, refused=refused, record=recorded.append)
    assert (case.state, case.revision, case.saves, recorded) == ("closed", 3, [], [])


def test_case_lock_returns_the_one_row_it_finds(db):
    holiday = Holiday.objects.create(day=datetime.date(2031, 1, 5), name_ar="يوم", name_en="A day")
    assert case_lock(Holiday.objects.all(), pk=holiday.pk) == holiday
    with pytest.raises(Holiday.DoesNotExist):
        case_lock(Holiday.objects.all(), pk=holiday.pk + 1)


class Forbidden(Exception):
    pass


class Stale(Exception):
    pass


class ToyKind:
    """A domain app's kind of case, in a few lines: Reviewers take and close;
    the person is told of a close, not of a take."""

    table = TransitionTable(
        {
            "take": Move(frozenset({"new"}), "open", REVIEW, notifies=False),
            "close": Move(frozenset({"open"}), "closed", REVIEW),
            "expire": Move(frozenset({"new"}), "closed", SYSTEM),
        },
        states={"new", "open", "closed"},
    )

    def __init__(self, reviewers: set[str]) -> None:
        self.reviewers = reviewers
        self.rows: list[tuple] = []

    def facts(self, case):
        return {}

    def actor_kinds(self, user, case):
        return frozenset({REVIEW}) if user in self.reviewers else frozenset()

    def colleagues(self, case):
        return Holiday.objects.all()

    def record(self, case, action, actor, from_state, **row):
        self.rows.append((action, actor, from_state, case.state, row))
        return len(self.rows)

    def refused(self, case):
        return Refused(case.state)

    def forbidden(self, case):
        return Forbidden()

    def stale(self, case):
        return Stale()


def test_a_transition_checks_the_role_records_the_state_before_and_tells_the_person():
    kind, case, told = ToyKind({"reviewer"}), ToyCase("new"), []
    case_transition(kind, case, "take", actor="reviewer", tell=lambda: told.append("take"))
    case_transition(
        kind, case, "close", actor="reviewer", tell=lambda: told.append("close"), text="done"
    )
    assert case.state == "closed"
    assert kind.rows == [
        ("take", "reviewer", "new", "open", {}),
        ("close", "reviewer", "open", "closed", {"text": "done"}),
    ]
    assert told == ["close"]  # the table says the person is not told of a take


def test_a_transition_the_role_does_not_allow_changes_nothing():
    kind, case = ToyKind({"reviewer"}), ToyCase("new")
    with pytest.raises(Forbidden):
        case_transition(kind, case, "take", actor="someone else")
    assert (case.state, case.revision, case.saves, kind.rows) == ("new", 3, [], [])
    assert not case_may(kind, "someone else", case, "take")
    assert case_may(kind, "reviewer", case, "take")


@pytest.mark.parametrize("move", ["close", "no such move"])
def test_a_transition_the_table_refuses_raises_the_kinds_error(move):
    kind, case = ToyKind({"reviewer"}), ToyCase("new")
    with pytest.raises(Refused):
        case_transition(kind, case, move, actor="reviewer")
    assert (case.state, kind.rows) == ("new", [])


def test_the_portals_own_moves_need_no_role_and_are_nobodys_to_offer():
    kind, case = ToyKind(set()), ToyCase("new")
    case_transition(kind, case, "expire", actor=None)
    assert case.state == "closed"
    assert not case_may(kind, "reviewer", ToyCase("new"), "expire")


def test_case_lock_refuses_a_stale_revision(db):
    holiday = Holiday.objects.create(day=datetime.date(2031, 1, 6), name_ar="يوم", name_en="A day")
    with pytest.raises(CaseChanged):
        case_lock(Holiday.objects.all(), revision=2, pk=holiday.pk)
    with pytest.raises(Stale):
        case_lock(Holiday.objects.all(), revision=2, stale=lambda case: Stale(), pk=holiday.pk)


@pytest.mark.parametrize(
    ("value", "found"),
    [
        ("{pk}", True),
        ("٠{pk}", True),
        ("", False),
        ("abc", False),
        ("-1", False),
        ("9" * 30, False),
    ],
)
def test_case_colleague_reads_a_forms_value_safely(db, value, found):
    holiday = Holiday.objects.create(day=datetime.date(2031, 1, 7), name_ar="يوم", name_en="A day")
    typed = value.replace("{pk}", str(holiday.pk))
    assert (case_colleague(ToyKind(set()), ToyCase("new"), typed) == holiday) is found
