"""The transition table, on a toy table of its own: every move from
every state, allowed or refused, with and without its fact."""

import pytest

from bawaba.core.transitions import (
    APPLICANT,
    APPROVE,
    REVIEW,
    STAFF,
    STAY,
    SYSTEM,
    Either,
    Move,
    TransitionRefused,
    TransitionTable,
)

NEW, OPEN, WAITING, CLOSED = "new", "open", "waiting", "closed"
STATES = [NEW, OPEN, WAITING, CLOSED]

TOY = TransitionTable(
    {
        "take": Move(frozenset({NEW}), OPEN, REVIEW, notifies=False),
        "ask": Move(frozenset({OPEN}), WAITING, REVIEW),
        "answer": Move(frozenset({WAITING}), OPEN, APPLICANT, notifies=False, event="answered"),
        "close": Move(frozenset({OPEN}), Either("checked", CLOSED, WAITING), APPROVE),
        "hand_over": Move(frozenset({NEW, OPEN}), Either("untaken", OPEN, STAY), APPROVE),
        "note": Move(frozenset({OPEN, WAITING, CLOSED}), STAY, STAFF, notifies=False),
        "lapse": Move(frozenset({NEW}), CLOSED, SYSTEM, notifies=False),
    },
    states=STATES,
    facts={"checked", "untaken"},
)

# The whole toy table written out by hand: (move, state, fact holds) -> the
# state after, for every allowed pair; every other pair is refused.
EXPECTED = {
    ("take", NEW, False): OPEN,
    ("take", NEW, True): OPEN,
    ("ask", OPEN, False): WAITING,
    ("ask", OPEN, True): WAITING,
    ("answer", WAITING, False): OPEN,
    ("answer", WAITING, True): OPEN,
    ("close", OPEN, False): WAITING,
    ("close", OPEN, True): CLOSED,
    ("hand_over", NEW, False): NEW,
    ("hand_over", NEW, True): OPEN,
    ("hand_over", OPEN, False): OPEN,
    ("hand_over", OPEN, True): OPEN,
    ("note", OPEN, False): OPEN,
    ("note", OPEN, True): OPEN,
    ("note", WAITING, False): WAITING,
    ("note", WAITING, True): WAITING,
    ("note", CLOSED, False): CLOSED,
    ("note", CLOSED, True): CLOSED,
    ("lapse", NEW, False): CLOSED,
    ("lapse", NEW, True): CLOSED,
}


@pytest.mark.parametrize("holds", [False, True], ids=["fact fails", "fact holds"])
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("move", [*TOY, "fly"])
def test_every_move_from_every_state(move, state, holds):
    facts = {"checked": holds, "untaken": holds}
    expected = EXPECTED.get((move, state, holds))
    assert TOY.allowed(move, state) is (expected is not None)
    if expected is None:
        with pytest.raises(TransitionRefused) as refused:
            TOY.target(move, state, facts)
        assert (refused.value.move, refused.value.state) == (move, state)
        assert isinstance(refused.value, ValueError)
    else:
        assert TOY.target(move, state, facts) == expected


def test_a_fact_not_given_does_not_hold():
    assert TOY.target("close", OPEN) == WAITING
    assert TOY.target("close", OPEN, {"checked": True}) == CLOSED


def test_the_table_reads_as_a_mapping_of_its_moves():
    assert len(TOY) == 7
    assert list(TOY)[:2] == ["take", "ask"]
    assert TOY["ask"].actor == REVIEW
    assert "fly" not in TOY


@pytest.mark.parametrize(
    ("state", "moves", "staff_moves"),
    [
        (NEW, ["take", "hand_over", "lapse"], ["take", "hand_over"]),
        (OPEN, ["ask", "close", "hand_over", "note"], ["ask", "close", "hand_over", "note"]),
        (WAITING, ["answer", "note"], ["note"]),
        (CLOSED, ["note"], ["note"]),
    ],
)
def test_moves_from_a_state(state, moves, staff_moves):
    assert TOY.moves_from(state) == moves
    assert TOY.staff_moves(state) == staff_moves


def test_lookups_of_one_move():
    assert TOY.sources("hand_over") == {NEW, OPEN}
    assert TOY.event("answer") == "answered"
    assert TOY.event("ask") == "ask"
    assert TOY.staff_moves() == ["take", "ask", "close", "hand_over", "note"]
    assert [name for name, move in TOY.items() if move.by_staff] == TOY.staff_moves()
    assert [name for name, move in TOY.items() if move.notifies] == ["ask", "close", "hand_over"]


@pytest.mark.parametrize(
    ("move", "problem"),
    [
        (Move(frozenset({"lost"}), OPEN, REVIEW), "unknown states"),
        (Move(frozenset({NEW}), "nowhere", REVIEW), "unknown states"),
        (Move(frozenset({NEW}), Either("checked", OPEN, "nowhere"), REVIEW), "unknown states"),
        (Move(frozenset({NEW}), Either("weather", OPEN, NEW), REVIEW), "unknown fact"),
        (Move(frozenset({NEW}), OPEN, "anyone"), "unknown actor"),
    ],
)
def test_a_table_naming_an_unknown_state_fact_or_actor_fails_when_built(move, problem):
    with pytest.raises(ValueError, match=problem):
        TransitionTable({"broken": move}, states=STATES, facts={"checked"})
