"""Case reference numbers: short, unambiguous when read aloud or typed, and
carrying a check character so that a mistyped one is refused. Each kind of
case has its own prefix (``APP`` for applications, ``CMP`` for complaints).

``APP-7K3Q-9MXD``: seven random characters and one check character from
Crockford's base-32 alphabet (digits and capitals without I, L, O and U), with
the check computed by the Luhn mod-32 algorithm, which catches every single
wrong character and every swap of two neighbours but one: "0" and "Z" side by
side (the first and last characters of the alphabet, as with 0 and 9 in the
decimal Luhn check).
"""

from __future__ import annotations

import secrets

from bawaba.core.identifiers import normalise_digits

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_VALUE = {character: index for index, character in enumerate(ALPHABET)}
# Characters people confuse with those of the alphabet.
LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
_BODY = 7


def _check_character(body: str) -> str:
    total = 0
    factor = 2
    base = len(ALPHABET)
    for character in reversed(body):
        addend = factor * _VALUE[character]
        factor = 1 if factor == 2 else 2
        total += addend // base + addend % base
    return ALPHABET[(base - total % base) % base]


def _format(prefix: str, code: str) -> str:
    return f"{prefix}-{code[:4]}-{code[4:]}"


def reference_new(prefix: str) -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(_BODY))
    return _format(prefix, body + _check_character(body))


def reference_normalise(text: str, prefix: str) -> str | None:
    """The reference in its written form, or None when ``text`` is not one
    (wrong length, a character outside the alphabet, or a wrong check)."""
    cleaned = "".join(text.upper().split()).replace("-", "").translate(LOOKALIKES)
    if len(cleaned) == len(prefix) + _BODY + 1 and cleaned.startswith(prefix):
        cleaned = cleaned[len(prefix) :]
    if len(cleaned) != _BODY + 1 or any(character not in _VALUE for character in cleaned):
        return None
    if _check_character(cleaned[:-1]) != cleaned[-1]:
        return None
    return _format(prefix, cleaned)


# Verification codes: what an issued document or a receipt carries, so that
# anyone can check it at /verify/<code>/.
def verification_code_new() -> str:
    """Twelve characters of the unambiguous alphabet: XXXX-XXXX-XXXX."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def verification_code_normalise(text: str) -> str | None:
    """The code in its printed form (``7K3Q-9MXD-2F8H``), or None when ``text``
    is not one. Spaces, hyphens, small letters, Arabic-Indic digits and the
    letters people confuse with digits (O, I, L) are accepted."""
    cleaned = normalise_digits("".join(text.upper().split()).replace("-", ""))
    cleaned = cleaned.translate(LOOKALIKES)
    if len(cleaned) != 12 or any(character not in ALPHABET for character in cleaned):
        return None
    return f"{cleaned[:4]}-{cleaned[4:8]}-{cleaned[8:]}"
