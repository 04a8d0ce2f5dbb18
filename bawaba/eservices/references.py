"""Application reference numbers (``APP-7K3Q-9MXD``): the case kit's
references (``bawaba.cases.references``) with the applications' prefix."""

from __future__ import annotations

from bawaba.cases import references
from bawaba.cases.references import ALPHABET, LOOKALIKES, _check_character

__all__ = [
    "ALPHABET",
    "LOOKALIKES",
    "PREFIX",
    "_check_character",
    "reference_new",
    "reference_normalise",
]

PREFIX = "APP"


def reference_new() -> str:
    return references.reference_new(PREFIX)


def reference_normalise(text: str) -> str | None:
    """The application reference in its written form, or None when ``text`` is not one."""
    return references.reference_normalise(text, PREFIX)
