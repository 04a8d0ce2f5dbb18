"""One question of a definition as one Django form field: its type, limits,
messages and the special fields (CPR number, mobile, CR number, passport
number, nationality, documents checked by content).

Uploaded files are checked by content (their first bytes), not by their name.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django_countries import countries

from bawaba.core.forms import (
    AddressField,
    DigitsField,
    required_kind,
    required_message,
    sentence_end,
)
from bawaba.core.identifiers import normalise_cpr, normalise_mobile, normalise_passport
from bawaba.eservices.dates import DateRules, date_rule_broken

# The first bytes of each file type a definition may accept.
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}
CONTENT_TYPES = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}
TYPE_NAMES = {"pdf": "PDF", "jpeg": "JPEG", "png": "PNG"}
_CR_NUMBER = re.compile(r"^\d{1,6}(-\d{1,3})?$")


def text_in(value: Mapping[str, str] | None, language: str | None = None) -> str:
    """The page's language version of a bilingual text from a definition."""
    if not value:
        return ""
    language = language or get_language() or "ar"
    return value.get("ar" if language == "ar" else "en") or value.get("ar", "")


def sniff(upload: UploadedFile) -> str | None:
    """The file type its first bytes show (pdf, jpeg, png), or None."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for kind, signatures in SIGNATURES.items():
        if any(head.startswith(signature) for signature in signatures):
            return kind
    return None


class CprField(DigitsField):
    def clean(self, value: Any) -> str:
        cleaned = super().clean(value)
        return normalise_cpr(cleaned) if cleaned else ""


class MobileField(DigitsField):
    def clean(self, value: Any) -> str:
        cleaned = super().clean(value)
        return normalise_mobile(cleaned) if cleaned else ""


class CrNumberField(DigitsField):
    def clean(self, value: Any) -> str:
        cleaned = "".join(super().clean(value).split())
        if cleaned and not _CR_NUMBER.match(cleaned):
            raise ValidationError(
                _("Enter a commercial registration number, for example 12345 or 12345-1."),
                code="invalid_cr",
            )
        return cleaned


class PassportNumberField(DigitsField):
    """Upper case, spaces removed, then checked: "c01 x00t47" is C01X00T47."""

    def clean(self, value: Any) -> str:
        cleaned = super().clean(value)
        return normalise_passport(cleaned) if cleaned else ""


class RuledDateField(forms.DateField):
    """A date with the rules that need no other answer (not in the past, not
    in the future); "months after another answer" is checked by the page."""

    def __init__(self, *, rules: DateRules, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.rules = rules

    def validate(self, value: Any) -> None:
        super().validate(value)
        if not isinstance(value, datetime.date):
            return
        broken = date_rule_broken(value, self.rules, today=timezone.localdate())
        if broken == "past":
            raise ValidationError(
                _("“%(label)s” cannot be in the past.") % {"label": self.label}, code="past"
            )
        if broken == "future":
            raise ValidationError(
                _("“%(label)s” cannot be in the future.") % {"label": self.label}, code="future"
            )


MEGABYTE = 1024 * 1024


def size_text(size: int) -> str:
    """A file size limit in words: "10 MB", "512 KB" (limits are whole
    megabytes or kilobytes)."""
    if size >= MEGABYTE:
        megabytes = size // MEGABYTE
        return ngettext("%(count)s MB", "%(count)s MB", megabytes) % {"count": megabytes}
    kilobytes = max(size // 1024, 1)
    return ngettext("%(count)s KB", "%(count)s KB", kilobytes) % {"count": kilobytes}


def upload_limit() -> int:
    limit: int = settings.UPLOAD_MAX_BYTES
    return limit


def upload_hint(kinds: list[str], max_bytes: int | None = None) -> str:
    """What an upload box accepts, for its hint: "PDF or JPEG, up to 10 MB."."""
    names = _(" or ").join(TYPE_NAMES[kind] for kind in kinds)
    size = size_text(min(max_bytes or upload_limit(), upload_limit()))
    return _("%(types)s, up to %(size)s.") % {"types": names, "size": size}


class DocumentField(forms.FileField):
    """A file checked by content, no larger than the portal's limit
    (``UPLOAD_MAX_BYTES``) or a lower one of the question's; its hint states
    both the types and the size, in the page's language."""

    def __init__(self, *, kinds: list[str], max_bytes: int | None = None, **kwargs: Any) -> None:
        hint = kwargs.pop("help_text", "")
        super().__init__(**kwargs)
        self.kinds = kinds
        self._max_bytes = max_bytes
        # Lazy: a form declared once (the reply form) is read in each page's language.
        limit = lazy(upload_hint, str)(kinds, max_bytes)
        self.help_text = format_lazy("{} {}", hint, limit) if hint else limit
        self.widget.attrs["accept"] = ",".join(CONTENT_TYPES[kind] for kind in kinds)

    @property
    def max_bytes(self) -> int:
        return min(self._max_bytes or upload_limit(), upload_limit())

    def clean(self, data: Any, initial: Any = None) -> Any:
        upload = super().clean(data, initial)
        if not isinstance(upload, UploadedFile):
            return upload
        names = _(" or ").join(TYPE_NAMES[kind] for kind in self.kinds)
        if upload.size is not None and upload.size > self.max_bytes:
            raise ValidationError(
                _("The file must be no larger than %(size)s.")
                % {"size": size_text(self.max_bytes)},
                code="too_big",
            )
        kind = sniff(upload)
        if kind not in self.kinds:
            raise ValidationError(
                _("The file must be a %(types)s.") % {"types": names}, code="wrong_type"
            )
        upload.content_type = CONTENT_TYPES[kind]
        return upload


def question_field(question: Mapping[str, Any], language: str) -> forms.Field:
    """The question's field; left empty when required, its message names it
    (a declaration by its statement, the text beside its box)."""
    field = _field_of_kind(question, language)
    field.error_messages["required"] = required_message(field.label, required_kind(field), language)
    return field


def _field_of_kind(question: Mapping[str, Any], language: str) -> forms.Field:
    kind = question["type"]
    common: dict[str, Any] = {
        "label": text_in(question["label"], language),
        "help_text": text_in(question.get("hint"), language),
        "required": bool(question.get("required", False)),
    }
    if kind in ("text", "long_text"):
        validators = []
        if "pattern" in question:
            message = text_in(question.get("pattern_message"), language) or _(
                "Check the format of your answer."
            )
            validators.append(RegexValidator(question["pattern"], message))
        return forms.CharField(
            max_length=question.get("max_length", 200 if kind == "text" else 5000),
            min_length=question.get("min_length"),
            validators=validators,
            widget=forms.Textarea(attrs={"rows": 5}) if kind == "long_text" else None,
            **common,
        )
    if kind == "number" and question.get("whole"):
        return forms.IntegerField(
            min_value=question.get("min"),
            max_value=question.get("max"),
            widget=forms.TextInput(attrs={"inputmode": "numeric"}),
            **common,
        )
    if kind == "number":
        return forms.DecimalField(
            min_value=question.get("min"),
            max_value=question.get("max"),
            max_digits=15,
            decimal_places=3,
            widget=forms.TextInput(attrs={"inputmode": "decimal"}),
            **common,
        )
    if kind == "date":
        return RuledDateField(
            rules=DateRules(
                not_in_past=bool(question.get("not_in_past")),
                not_in_future=bool(question.get("not_in_future")),
            ),
            input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"],
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            **common,
        )
    if kind in ("choice", "multiple_choice"):
        choices = [
            (option["value"], text_in(option["label"], language)) for option in question["options"]
        ]
        if kind == "choice":
            return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
        return forms.MultipleChoiceField(
            choices=choices, widget=forms.CheckboxSelectMultiple, **common
        )
    if kind == "yes_no":
        return forms.TypedChoiceField(
            choices=[("yes", _("Yes")), ("no", _("No"))],
            coerce=lambda value: value == "yes",
            widget=forms.RadioSelect,
            **common,
        )
    if kind == "email":
        return forms.EmailField(max_length=254, **common)
    if kind == "mobile":
        return MobileField(max_length=20, **common)
    if kind == "cpr":
        return CprField(max_length=12, **common)
    if kind == "cr_number":
        return CrNumberField(max_length=12, **common)
    if kind == "passport_number":
        return PassportNumberField(
            max_length=30, widget=forms.TextInput(attrs={"autocapitalize": "characters"}), **common
        )
    if kind == "nationality":
        field = forms.ChoiceField(
            choices=[("", _("Choose a country")), *countries], widget=forms.Select, **common
        )
        field.error_messages["invalid_choice"] = sentence_end(
            _("Choose a country from the list for “%(label)s”.") % {"label": common["label"]}
        )
        return field
    if kind == "address":
        return AddressField(**common)
    if kind == "file":
        size_mb = question.get("max_size_mb")
        return DocumentField(
            kinds=question["document_types"],
            max_bytes=size_mb * MEGABYTE if size_mb else None,
            **common,
        )
    if kind == "declaration":
        common["label"] = text_in(question["statement"], language)
        common["required"] = True
        return forms.BooleanField(**common)
    raise ValueError(f"questions of type {kind!r} are not asked one field at a time")
