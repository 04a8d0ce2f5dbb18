"""The kit's locking move, on a toy case that is not a model: it checks the
table, sets the target, counts a revision, saves and writes the history row."""

import datetime

import pytest

from bawaba.cases.actions import case_lock, case_move
from bawaba.cases.models import Holiday
from bawaba.cases.transitions import (
    REVIEW,
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
