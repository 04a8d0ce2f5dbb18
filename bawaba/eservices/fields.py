"""One question of a definition as one Django form field: its type, limits,
messages and the special fields (CPR number, mobile, CR number, passport
number, nationality, documents checked by content).

Uploaded files are checked by content (their first bytes), not by their name
(``bawaba.core.uploads``, shared with every upload box of the portal).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import get_language
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
from bawaba.core.uploads import (  # noqa: F401  # re-exported: e-services' names for them
    CONTENT_TYPES,
    MEGABYTE,
    SIGNATURES,
    TYPE_NAMES,
    DocumentField,
    size_text,
    sniff,
    upload_hint,
    upload_limit,
)
from bawaba.eservices.dates import DateRules, date_rule_broken

_CR_NUMBER = re.compile(r"^\d{1,6}(-\d{1,3})?$")


def text_in(value: Mapping[str, str] | None, language: str | None = None) -> str:
    """The page's language version of a bilingual text from a definition."""
    if not value:
        return ""
    language = language or get_language() or "ar"
    return value.get("ar" if language == "ar" else "en") or value.get("ar", "")


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
