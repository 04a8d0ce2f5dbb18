"""A case's transition table. The types are core's (``bawaba.core.transitions``),
shared with the catalogue's review of page changes, which sits below the case
kit; they are named here too, so a case app finds them with the rest of the kit."""

from __future__ import annotations

from bawaba.core.transitions import (
    ACTORS,
    APPLICANT,
    APPROVE,
    REVIEW,
    STAFF,
    STAFF_ACTORS,
    STAY,
    SYSTEM,
    Either,
    Move,
    TransitionRefused,
    TransitionTable,
)

__all__ = [
    "ACTORS",
    "APPLICANT",
    "APPROVE",
    "REVIEW",
    "STAFF",
    "STAFF_ACTORS",
    "STAY",
    "SYSTEM",
    "Either",
    "Move",
    "TransitionRefused",
    "TransitionTable",
]
