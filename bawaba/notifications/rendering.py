"""Turning a template and an event's values into the text that is sent.

Placeholders are written ``{name}``; ``{{`` and ``}}`` stand for literal braces.
Nothing else of Python's format syntax is allowed (no attributes, indexes,
conversions or format specifications), so a template can only insert the
values its event offers.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from bawaba.core.text import join_list

_FORMATTER = string.Formatter()


class TemplateTextError(ValueError):
    """A template's text is malformed or names a placeholder its event lacks."""


def placeholders_in(text: str) -> list[str]:
    """The placeholder names used in ``text``, in order; raises TemplateTextError."""
    names: list[str] = []
    try:
        parsed = list(_FORMATTER.parse(text))
    except ValueError as error:
        raise TemplateTextError(
            _(
                "A brace is not closed. Write placeholders as {name}; "
                "to show a brace itself, type it twice."
            )
        ) from error
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            raise TemplateTextError(
                _("“{%(text)s}” is not a placeholder. Write placeholders as {name}.")
                % {
                    "text": name
                    + (f"!{conversion}" if conversion else "")
                    + (f":{spec}" if spec else "")
                }
            )
        names.append(name)
    return names


def check_placeholders(text: str, allowed: frozenset[str]) -> None:
    unknown = [name for name in placeholders_in(text) if name not in allowed]
    if unknown:
        raise TemplateTextError(
            _("This message cannot use {%(name)s}. It can use: %(allowed)s.")
            % {
                "name": unknown[0],
                "allowed": join_list(f"{{{item}}}" for item in sorted(allowed)) or "—",
            }
        )


def fill(text: str, values: Mapping[str, str]) -> str:
    """``text`` with each placeholder replaced by its value (missing values
    leave the placeholder empty rather than failing a send)."""
    parts: list[str] = []
    for literal, name, _spec, _conversion in _FORMATTER.parse(text):
        parts.append(literal)
        if name is not None:
            parts.append(str(values.get(name, "")))
    return "".join(parts)


@dataclass(frozen=True)
class EmailContent:
    subject: str
    text: str
    html: str


def absolute_url(path: str) -> str:
    if not path:
        return ""
    if path.startswith(("http://", "https://")):
        return path
    return settings.PORTAL_URL.rstrip("/") + path


def render_email(
    *, subject: str, body: str, values: Mapping[str, str], language: str, link: str = ""
) -> EmailContent:
    """The plain-text and HTML versions of one email, laid out for its language."""
    filled_subject = " ".join(fill(subject, values).split())
    filled_body = fill(body, values).strip()
    with translation.override(language):
        context = {
            "language": language,
            "direction": "rtl" if language == "ar" else "ltr",
            "subject": filled_subject,
            "body_text": filled_body,
            "link": absolute_url(link),
            "settings_link": absolute_url(reverse("accounts:profile_edit")),
        }
        text = render_to_string("notifications/email.txt", context)
        html = render_to_string("notifications/email.html", context)
    return EmailContent(subject=filled_subject, text=text.strip() + "\n", html=html)


def render_sms(*, body: str, values: Mapping[str, str]) -> str:
    return " ".join(fill(body, values).split())


def render_inbox(*, subject: str, body: str, values: Mapping[str, str]) -> tuple[str, str]:
    return " ".join(fill(subject, values).split()), fill(body, values).strip()
