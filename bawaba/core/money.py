"""Bahraini dinars: amounts are integers of fils (1 BD = 1,000 fils), shown with
three decimals and Western digits in both languages."""

from __future__ import annotations

import re

from bawaba.core.identifiers import normalise_digits

FILS_PER_DINAR = 1000


def format_dinars(fils: int, language: str) -> str:
    """2500 → 'BD 2.500' in English, '2.500 د.ب' in Arabic."""
    sign = "-" if fils < 0 else ""
    dinars, remainder = divmod(abs(fils), FILS_PER_DINAR)
    amount = f"{sign}{dinars:,}.{remainder:03d}"
    return f"{amount} د.ب" if language == "ar" else f"BD {amount}"


# The most a PositiveIntegerField of fils holds (2,147,483.647 BD).
MAX_FILS = 2**31 - 1
_ARABIC_DECIMAL = "\u066b"  # ٫
_ARABIC_THOUSANDS = "\u066c"  # ٬
_DINARS = re.compile(r"(?P<whole>[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)?(?:\.(?P<part>[0-9]{0,3}))?\Z")
_CURRENCY_WORDS = re.compile(r"^(?:BD|BHD|د\.ب)\s*|\s*(?:BD|BHD|د\.ب)$", re.IGNORECASE)


def parse_dinars(text: str) -> int:
    """An amount typed in dinars with up to three decimals, as integer fils:
    '12.5' and '١٢٫٥٠٠' → 12500, '1,250' → 1250000. Digits in any script, the
    Arabic decimal separator (٫) and thousands separators (, ٬) are read; a
    leading or trailing 'BD' or 'د.ب' is allowed. Raises ValueError for
    anything else: a sign, more than three decimals, or more than MAX_FILS."""
    value = normalise_digits(str(text or "")).strip()
    value = value.replace(_ARABIC_DECIMAL, ".").replace(_ARABIC_THOUSANDS, ",")
    value = _CURRENCY_WORDS.sub("", value).replace(" ", "").replace("\u00a0", "")
    if len(value) > 20:
        raise ValueError("too long")
    match = _DINARS.match(value)
    if match is None or not (match.group("whole") or match.group("part")):
        raise ValueError("not an amount in dinars")
    whole = int((match.group("whole") or "0").replace(",", ""))
    part = int((match.group("part") or "").ljust(3, "0"))
    fils = whole * FILS_PER_DINAR + part
    if fils > MAX_FILS:
        raise ValueError("too large")
    return fils
