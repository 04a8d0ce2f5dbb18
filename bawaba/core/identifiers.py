"""Bahraini identifiers and digit normalisation: pure functions, no database.

People type Arabic-Indic (٠-٩) or Eastern Arabic-Indic (۰-۹) digits as often as
Western ones; every input that holds a number goes through ``normalise_digits``
before it is validated or stored, and Western digits are what we store and show.
"""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_SEPARATORS = re.compile(r"[\s\-\u00a0\u200f\u200e().]")
_CPR = re.compile(r"^\d{9}$")
_MOBILE_LOCAL = re.compile(r"^[36]\d{7}$")
_PASSPORT = re.compile(r"^[A-Z0-9]{5,20}$")

BAHRAIN_DIALLING_CODE = "973"


def normalise_digits(value: str) -> str:
    """Turn Arabic-Indic and Persian digits into Western digits."""
    return value.translate(_DIGITS)


def normalise_cpr(value: str) -> str:
    """Return the nine-digit CPR number or raise ValidationError.

    The CPR has no public check-digit algorithm, so only the format is checked.
    """
    cleaned = _SEPARATORS.sub("", normalise_digits(value or ""))
    if not _CPR.match(cleaned):
        raise ValidationError(
            _("Enter a CPR number of 9 digits, as shown on your smart card."), code="invalid_cpr"
        )
    return cleaned


def normalise_mobile(value: str) -> str:
    """Return a Bahraini mobile number as +973 and 8 digits, or raise ValidationError.

    Accepts 8 local digits, or the same preceded by +973, 00973 or 973.
    """
    cleaned = _SEPARATORS.sub("", normalise_digits(value or ""))
    if cleaned.startswith("+"):
        cleaned = cleaned[1:]
    elif cleaned.startswith("00"):
        cleaned = cleaned[2:]
    if len(cleaned) == 11 and cleaned.startswith(BAHRAIN_DIALLING_CODE):
        cleaned = cleaned[len(BAHRAIN_DIALLING_CODE) :]
    if not _MOBILE_LOCAL.match(cleaned):
        raise ValidationError(
            _(
                "Enter a Bahraini mobile number: 8 digits starting with 3 or 6, "
                "for example 3600 0000 or +973 3600 0000."
            ),
            code="invalid_mobile",
        )
    return f"+{BAHRAIN_DIALLING_CODE}{cleaned}"


def normalise_passport(value: str) -> str:
    """Return a passport number in upper case without spaces, or raise ValidationError."""
    cleaned = _SEPARATORS.sub("", normalise_digits(value or "")).upper()
    if not _PASSPORT.match(cleaned):
        raise ValidationError(
            _("Enter the passport number as printed in your passport: 5 to 20 letters and digits."),
            code="invalid_passport",
        )
    return cleaned


def cpr_birth_month(cpr: str, today: datetime.date) -> datetime.date | None:
    """The first day of the birth month that a CPR number carries (its first
    four digits are YYMM), or None when they are not a month. The century is
    the one that puts the date in the past."""
    if not _CPR.match(cpr or ""):
        return None
    year, month = int(cpr[:2]), int(cpr[2:4])
    if not 1 <= month <= 12:
        return None
    century = 2000 if 2000 + year <= today.year else 1900
    born = datetime.date(century + year, month, 1)
    if born > today:
        born = datetime.date(century - 100 + year, month, 1)
    return born


def age_in_years(born: datetime.date, today: datetime.date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def typed_date(text: str) -> datetime.date | None:
    """A date typed or picked in a filter (2026-12-31 or 31/12/2026, digits
    in any script), or None."""
    text = normalise_digits(text)
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()  # noqa: DTZ007  # a date only
        except ValueError:
            continue
    return None
