"""How many SMS parts a text needs, and in which encoding: pure functions.

Latin text that fits the GSM 03.38 alphabet travels as GSM-7: 160 characters in
one message, 153 per part once split (the rest of each part carries the
concatenation header). A few characters (^ { } \\ [ ] ~ | €) take two septets,
and a part never ends between the two. Anything else, Arabic included, travels
as UCS-2: 70 UTF-16 code units in one message, 67 per part; a character outside
the Basic Multilingual Plane (most emoji) takes two units that are never split.
"""

from __future__ import annotations

from dataclasses import dataclass

GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = frozenset("^{}\\[~]|€\f")

GSM7_SINGLE, GSM7_PART = 160, 153
UCS2_SINGLE, UCS2_PART = 70, 67


@dataclass(frozen=True)
class SmsSize:
    encoding: str  # "GSM-7" or "UCS-2"
    units: int  # septets for GSM-7, UTF-16 code units for UCS-2
    segments: int
    characters: int


def _gsm7_units(character: str) -> int | None:
    if character in GSM7_BASIC:
        return 1
    if character in GSM7_EXTENSION:
        return 2
    return None


def _count(units: list[int], single: int, part: int) -> int:
    """Parts needed when no character may be split across two parts."""
    total = sum(units)
    if total == 0:
        return 0
    if total <= single:
        return 1
    segments, used = 1, 0
    for size in units:
        if used + size > part:
            segments += 1
            used = 0
        used += size
    return segments


def sms_size(text: str) -> SmsSize:
    gsm = [_gsm7_units(character) for character in text]
    if all(size is not None for size in gsm):
        septets = [size for size in gsm if size is not None]
        return SmsSize("GSM-7", sum(septets), _count(septets, GSM7_SINGLE, GSM7_PART), len(text))
    code_units = [2 if ord(character) > 0xFFFF else 1 for character in text]
    return SmsSize("UCS-2", sum(code_units), _count(code_units, UCS2_SINGLE, UCS2_PART), len(text))
