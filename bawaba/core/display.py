"""How values read on a page, in the page's language: lists, dates and file
sizes. Pure functions over the active translation, no database."""

from __future__ import annotations

import datetime

from django.utils import formats
from django.utils.translation import get_language, npgettext, pgettext

# Always Western digits and a full stop for decimals (see the glossary).
_KILOBYTE = 1024
_MEGABYTE = _KILOBYTE * 1024
_GIGABYTE = _MEGABYTE * 1024


def _language(language: str | None) -> str:
    return language or get_language() or "ar"


def list_comma(language: str | None = None) -> str:
    """What separates items of a list: the Arabic comma in Arabic, a Latin one in English."""
    return "، " if _language(language) == "ar" else ", "


def date_pattern() -> str:
    """A day as people read it: 16 December 2026 / 16 ديسمبر 2026."""
    return "j F Y"


def datetime_pattern(language: str | None = None) -> str:
    """A day and time: the comma between them is the language's own."""
    return f"{date_pattern()}{list_comma(language).rstrip()} H:i"


def datetime_text(value: datetime.datetime | datetime.date | None) -> str:
    """``value`` (already in local time) written with ``datetime_pattern``."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return formats.date_format(value, datetime_pattern())
    return formats.date_format(value, date_pattern())


def _decimal(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def file_size(size: int | None) -> str:
    """A file's size for reading, with the plural form every number needs in
    Arabic (Django's ``filesizeformat`` gives "303 بايتان")."""
    count = max(int(size or 0), 0)
    if count < _KILOBYTE:
        return npgettext("file size", "%(count)s byte", "%(count)s bytes", count) % {"count": count}
    if count < _MEGABYTE:
        return pgettext("file size", "%(size)s KB") % {"size": _decimal(count / _KILOBYTE)}
    if count < _GIGABYTE:
        return pgettext("file size", "%(size)s MB") % {"size": _decimal(count / _MEGABYTE)}
    return pgettext("file size", "%(size)s GB") % {"size": _decimal(count / _GIGABYTE)}
