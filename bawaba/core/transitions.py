"""A transition table: which moves exist, from which states, to which state,
made by whom, and whether the person the record is about is told.

An app names its states and the facts its targets depend on, and builds one
``TransitionTable`` of ``Move`` rows from these types; the code that changes
the state checks every change against it (``table.target(move, state)``).
Every workflow of the portal is written this way: the case kit's
(``bawaba.cases``) and the four-eyes review of catalogue changes alike, which
is why the types live in core. Nothing here knows any domain app.

A move's target is a state, ``STAY`` (the state is left as it is) or an
``Either`` that names the one fact it depends on: ``then`` when the fact
holds, ``otherwise`` when not. The app works out its facts for one record and
passes them in."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

# Who may make a move. REVIEW and APPROVE are the staff roles an app names
# (the role that does the work and the role that decides or confirms; the
# approving role may also do the review work). STAFF is any of the
# organisation's roles for the work; APPLICANT is the person the record is
# about; SYSTEM is the portal itself (a payment gateway's confirmation, a
# nightly expiry).
REVIEW, APPROVE, STAFF, APPLICANT, SYSTEM = "review", "approve", "staff", "applicant", "system"
ACTORS = frozenset({REVIEW, APPROVE, STAFF, APPLICANT, SYSTEM})
STAFF_ACTORS = frozenset({REVIEW, APPROVE, STAFF})

STAY = "="  # the target of a move that leaves the state as it is


@dataclass(frozen=True)
class Either:
    """A target that depends on one fact about the record: ``then`` when the
    fact holds, ``otherwise`` when not."""

    fact: str
    then: str
    otherwise: str


@dataclass(frozen=True)
class Move:
    sources: frozenset[str]
    target: str | Either  # a state, STAY, or Either
    actor: str  # REVIEW, APPROVE, STAFF, APPLICANT or SYSTEM
    # The person is sent the "status changed" message when what they see
    # changes; a move with its own acknowledgement says False.
    notifies: bool = True
    event: str = ""  # the action of its history row, when not the move's name

    @property
    def by_staff(self) -> bool:
        return self.actor in STAFF_ACTORS


class TransitionRefused(ValueError):
    """The table does not allow ``move`` from ``state`` (or knows no such move)."""

    def __init__(self, move: str, state: str) -> None:
        super().__init__(f"{move} is not allowed from {state}")
        self.move = move
        self.state = state


class TransitionTable(Mapping[str, Move]):
    """The moves of one kind of record, by name, read as a mapping
    (``table["approve"]``), with the lookups every workflow needs. ``states`` and
    ``facts``, when given, are checked: a move that names an unknown state or
    fact is a mistake in the table and fails at import."""

    def __init__(
        self,
        moves: Mapping[str, Move],
        *,
        states: Iterable[str] | None = None,
        facts: Iterable[str] = (),
    ) -> None:
        self._moves = dict(moves)
        self.facts = frozenset(facts)
        self.states = frozenset(states) if states is not None else None
        for name, move in self._moves.items():
            self._check(name, move)

    def _check(self, name: str, move: Move) -> None:
        if move.actor not in ACTORS:
            raise ValueError(f"{name}: unknown actor {move.actor!r}")
        if isinstance(move.target, Either):
            if move.target.fact not in self.facts:
                raise ValueError(f"{name}: unknown fact {move.target.fact!r}")
            targets = [move.target.then, move.target.otherwise]
        else:
            targets = [move.target]
        if self.states is not None:
            unknown = (move.sources | {t for t in targets if t != STAY}) - self.states
            if unknown:
                raise ValueError(f"{name}: unknown states {sorted(unknown)}")

    def __getitem__(self, move: str) -> Move:
        return self._moves[move]

    def __iter__(self) -> Iterator[str]:
        return iter(self._moves)

    def __len__(self) -> int:
        return len(self._moves)

    def allowed(self, move: str, state: str) -> bool:
        """Whether ``move`` may be made from ``state`` (the sources do not
        depend on the facts, only the target does)."""
        return move in self._moves and state in self._moves[move].sources

    def target(self, move: str, state: str, facts: Mapping[str, bool] | None = None) -> str:
        """The state after ``move`` from ``state``, given the record's ``facts``;
        raises TransitionRefused when the move is not allowed from there."""
        if not self.allowed(move, state):
            raise TransitionRefused(move, state)
        to = self._moves[move].target
        if isinstance(to, Either):
            to = to.then if (facts or {}).get(to.fact, False) else to.otherwise
        return state if to == STAY else to

    def sources(self, move: str) -> frozenset[str]:
        """The states ``move`` may be made from."""
        return self._moves[move].sources

    def event(self, move: str) -> str:
        """The action of the history row ``move`` writes."""
        return self._moves[move].event or move

    def moves_from(self, state: str) -> list[str]:
        """The moves allowed from ``state``, in the table's order."""
        return [name for name, move in self._moves.items() if state in move.sources]

    def staff_moves(self, state: str | None = None) -> list[str]:
        """The moves staff make (from ``state``, when given), in the table's order."""
        return [
            name
            for name, move in self._moves.items()
            if move.by_staff and (state is None or state in move.sources)
        ]
