from __future__ import annotations

import html
import re
from typing import Any

from django import template
from django.conf import settings
from django.forms import BaseForm
from django.http import QueryDict
from django.urls import translate_url
from django.utils.html import escape, format_html
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import get_language

from bawaba.core import display
from bawaba.core.forms import address_text, form_error_items
from bawaba.core.money import format_dinars

register = template.Library()


@register.simple_tag(takes_context=True)
def language_url(context: dict[str, Any], language: str) -> str:
    """The current page in another language, query string kept."""
    request = context.get("request")
    if request is None:
        return f"/{language}/"
    # Each page asks for each language up to twice (its alternates for search
    # engines, the language link): worked out once.
    known: dict[str, str] = request.__dict__.setdefault("_language_urls", {})
    if language not in known:
        known[language] = _in_language(request.get_full_path(), language)
    return known[language]


def _in_language(path: str, language: str) -> str:
    """The portal's addresses are the same in both languages but for their
    first segment ("/ar/services/…", "/en/services/…"), so the page in another
    language swaps it; anything else goes through Django's resolver."""
    current = get_language()
    prefix = f"/{current}/"
    if path.startswith(prefix) and language in dict(settings.LANGUAGES):
        return f"/{language}/{path[len(prefix) :]}"
    return translate_url(path, language)


@register.simple_tag(takes_context=True)
def alternate_url(context: dict[str, Any], language: str) -> str:
    """The current page in another language at the portal's public address
    (``PORTAL_URL``): search engines read alternates only as absolute links."""
    return settings.PORTAL_URL + language_url(context, language)


@register.simple_tag
def select_options(items: Any, selected: str) -> SafeData:
    """The ``<option>`` elements of a filter list: each item's ``slug`` and
    ``name``, escaped, the ``selected`` one chosen. One tag for a list of
    fifty, where a template loop cost a tenth of the search page."""
    options = (
        f'<option value="{html.escape(item.slug)}"'
        f"{' selected' if item.slug == selected else ''}>{html.escape(str(item.name))}</option>"
        for item in items
    )
    return mark_safe("".join(options))  # noqa: S308  # every value escaped above


@register.simple_tag
def form_errors(*forms: BaseForm | None) -> list[tuple[str, str]]:
    """(anchor, message) pairs for an error summary, in field order."""
    items: list[tuple[str, str]] = []
    for form in forms:
        if form is not None and getattr(form, "errors", None):
            items.extend(form_error_items(form))
    return items


ISOLATE_DIRECTIONS = ("ltr", "rtl", "auto")
# A reference or code ("APP-7K3Q-9MXD", a verification code): left to right,
# and kept on one line, since a code split at its hyphen reads as two codes.
CODE = "code"
CODE_CLASS = "isolate-code"


@register.filter
def isolate(value: Any, direction: str = "ltr") -> SafeData | str:
    """``value`` escaped inside a bidi isolate, so that it keeps its own order
    in a page of the other direction and does not reorder what surrounds it.

    ``ltr`` (the default) for what is always written left to right: mobile
    numbers, CPR numbers, email addresses; ``code`` for references and codes
    people copy or read out (application references, verification codes,
    payment and request references): left to right and never broken across
    lines; ``auto`` for what people type and for amounts (its first strong
    letter decides); ``rtl`` for Arabic text. Nothing (None or "") stays
    nothing, so ``|default`` still works after it. Markup the portal built
    itself (safe strings, such as the list of a repeating group's answers) is
    returned as it is: it isolates its own parts and may hold blocks that
    cannot sit in a bdi."""
    if value is None or value == "":
        return ""
    if isinstance(value, SafeData):
        return value
    if direction == CODE:
        return format_html('<bdi dir="ltr" class="{}">{}</bdi>', CODE_CLASS, value)
    if direction not in ISOLATE_DIRECTIONS:
        direction = "auto"
    return format_html('<bdi dir="{}">{}</bdi>', direction, value)


# A number written in groups ("+973 3600 0001", "1700 0000"), or with a
# leading plus: in text of the other direction the spaces between its groups
# (and the plus) take the direction of the words around them, so Arabic text
# draws "+973 3600 0001" as "0001 3600 973+".
GROUPED_NUMBER = re.compile(r"\+?\d+(?:[ \u00a0]\d+)+|\+\d+")


@register.filter
def numbers_isolated(value: Any) -> SafeData | str:
    """Text a person wrote, escaped, with each number written in groups in a
    left-to-right isolate, so that it reads in its own order whatever the
    direction of the text around it."""
    if value is None or value == "":
        return ""
    text = str(value)
    parts: list[str] = []
    last = 0
    for match in GROUPED_NUMBER.finditer(text):
        parts.append(escape(text[last : match.start()]))
        parts.append(format_html('<bdi dir="ltr">{}</bdi>', match.group()))
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 - every part is escaped above


# Inputs whose values are always written left to right (numbers, codes,
# addresses of the internet): the browser otherwise draws "+973 3600 0001"
# as "0001 3600 973+" in a right-to-left page.
LEFT_TO_RIGHT_TYPES = frozenset({"email", "tel", "url", "number"})
LEFT_TO_RIGHT_INPUTMODES = frozenset({"tel", "numeric", "decimal", "email", "url"})


@register.filter
def writes_left_to_right(widget: dict[str, Any]) -> bool:
    """Whether a form input (Django's widget context) takes a left-to-right
    value and has no direction of its own."""
    attrs = widget.get("attrs") or {}
    if "dir" in attrs:
        return False
    return (
        widget.get("type") in LEFT_TO_RIGHT_TYPES
        or attrs.get("inputmode") in LEFT_TO_RIGHT_INPUTMODES
    )


@register.filter
def address_display(value: Any) -> str:
    """A stored address on one line, in the page's language."""
    return address_text(value, get_language() or "ar") if isinstance(value, dict) else ""


@register.filter
def mobile_display(value: str) -> str:
    """+97336000001 → +973 3600 0001, for reading; stored form unchanged."""
    if len(value) == 12 and value.startswith("+973"):
        return f"{value[:4]} {value[4:8]} {value[8:]}"
    return value


@register.filter
def dinars(fils: int | None) -> str:
    """Fils as Bahraini dinars in the page's language."""
    if fils is None:
        return ""
    return format_dinars(int(fils), get_language() or "ar")


@register.simple_tag(takes_context=True)
def page_url(context: dict[str, Any], number: int) -> str:
    """The current address with another page number, other parameters kept."""
    request = context.get("request")
    params = request.GET.copy() if request is not None else QueryDict(mutable=True)
    params["page"] = str(number)
    return "?" + params.urlencode()


@register.simple_tag
def list_comma() -> str:
    """The comma between items of a list in the page's language."""
    return display.list_comma()


@register.filter(expects_localtime=True)
def when(value: Any) -> str:
    """A date, or a date and time in Bahrain, in the page's language."""
    return display.datetime_text(value) if value else ""


@register.filter
def file_size(value: int | None) -> str:
    """Bytes as people read them, with the right plural form."""
    return display.file_size(value)
