"""Turning a definition's page into a Django form, and answers into stored values.

The browser is never trusted: every answer is checked here, on the server,
against its question (type, required, limits, pattern, allowed files), in the
page's language. Stored answers are plain JSON values: text, whole numbers or
decimal strings, ISO dates, true/false, lists of choices, and for an address a
mapping of its parts. Uploaded files are checked by content (their first
bytes), not by their name.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import RegexValidator
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from bawaba.core.identifiers import normalise_cpr, normalise_digits, normalise_mobile
from bawaba.eservices.conditions import condition_holds, condition_questions

# The first bytes of each file type a definition may accept.
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}
CONTENT_TYPES = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}
TYPE_NAMES = {"pdf": "PDF", "jpeg": "JPEG", "png": "PNG"}
_CR_NUMBER = re.compile(r"^\d{1,6}(-\d{1,3})?$")
ADDRESS_PARTS = ("flat", "building", "road", "block", "area")


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


class _DigitsField(forms.CharField):
    """A text field that reads Arabic-Indic digits as Western ones."""

    def to_python(self, value: Any) -> str:
        return normalise_digits(super().to_python(value) or "")


class CprField(_DigitsField):
    def clean(self, value: Any) -> str:
        cleaned = super().clean(value)
        return normalise_cpr(cleaned) if cleaned else ""


class MobileField(_DigitsField):
    def clean(self, value: Any) -> str:
        cleaned = super().clean(value)
        return normalise_mobile(cleaned) if cleaned else ""


class CrNumberField(_DigitsField):
    def clean(self, value: Any) -> str:
        cleaned = "".join(super().clean(value).split())
        if cleaned and not _CR_NUMBER.match(cleaned):
            raise ValidationError(
                _("Enter a commercial registration number, for example 12345 or 12345-1."),
                code="invalid_cr",
            )
        return cleaned


class DocumentField(forms.FileField):
    def __init__(self, *, kinds: list[str], max_mb: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.kinds = kinds
        self.max_bytes = max_mb * 1024 * 1024
        self.max_mb = max_mb
        self.widget.attrs["accept"] = ",".join(CONTENT_TYPES[kind] for kind in kinds)

    def clean(self, data: Any, initial: Any = None) -> Any:
        upload = super().clean(data, initial)
        if not isinstance(upload, UploadedFile):
            return upload
        names = _(" or ").join(TYPE_NAMES[kind] for kind in self.kinds)
        if upload.size is not None and upload.size > self.max_bytes:
            raise ValidationError(
                _("The file must be smaller than %(size)s MB.") % {"size": self.max_mb},
                code="too_big",
            )
        kind = sniff(upload)
        if kind not in self.kinds:
            raise ValidationError(
                _("The file must be a %(types)s.") % {"types": names}, code="wrong_type"
            )
        upload.content_type = CONTENT_TYPES[kind]
        return upload


class AddressWidget(forms.MultiWidget):
    template_name = "eservices/widgets/address.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        widgets: dict[str, forms.Widget | type[forms.Widget]] = {
            part: forms.TextInput(attrs={"inputmode": "numeric"} if part != "area" else {})
            for part in ADDRESS_PARTS
        }
        super().__init__(widgets, attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, Mapping):
            return [value.get(part, "") for part in ADDRESS_PARTS]
        return [""] * len(ADDRESS_PARTS)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        labels = [_("Flat (optional)"), _("Building"), _("Road"), _("Block"), _("Area (optional)")]
        for subwidget, label in zip(context["widget"]["subwidgets"], labels, strict=True):
            subwidget["label"] = label
        return context


class AddressField(forms.MultiValueField):
    """A Bahraini address: flat, building, road and block (numbers), area."""

    widget = AddressWidget
    default_error_messages = {"incomplete": gettext_lazy("Enter the building, road and block.")}

    def __init__(self, **kwargs: Any) -> None:
        number = RegexValidator(r"^\d{1,4}[A-Za-z]?$", gettext_lazy("Use numbers only."))
        fields = (
            _DigitsField(required=False, max_length=10, validators=[number]),
            _DigitsField(max_length=10, validators=[number]),
            _DigitsField(max_length=10, validators=[number]),
            _DigitsField(max_length=10, validators=[number]),
            forms.CharField(required=False, max_length=100),
        )
        super().__init__(fields, require_all_fields=False, **kwargs)

    def compress(self, data_list: list[Any]) -> dict[str, str] | None:
        if not data_list or not any(data_list):
            return None
        return dict(zip(ADDRESS_PARTS, data_list, strict=True))


def _field(question: Mapping[str, Any], language: str) -> forms.Field:
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
    if kind == "number":
        field = forms.DecimalField(
            min_value=question.get("min"),
            max_value=question.get("max"),
            max_digits=15,
            decimal_places=3,
            widget=forms.TextInput(attrs={"inputmode": "decimal"}),
            **common,
        )
        return field
    if kind == "date":
        return forms.DateField(
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
    if kind == "address":
        return AddressField(**common)
    if kind == "file":
        return DocumentField(
            kinds=question["document_types"], max_mb=question.get("max_size_mb", 5), **common
        )
    if kind == "declaration":
        common["label"] = text_in(question["statement"], language)
        common["required"] = True
        return forms.BooleanField(**common)
    raise ValueError(f"questions of type {kind!r} are not asked one field at a time")


def questions_shown(
    questions: list[Mapping[str, Any]], answers: Mapping[str, Any]
) -> list[Mapping[str, Any]]:
    return [question for question in questions if condition_holds(question.get("show_if"), answers)]


def _posted(page: Mapping[str, Any], data: Any) -> dict[str, Any]:
    """This page's answers as posted, read just well enough to decide which of
    its own conditional questions apply (they are checked properly after)."""
    posted: dict[str, Any] = {}
    for question in page["questions"]:
        name, kind = question["id"], question["type"]
        if name not in data:
            continue
        if kind == "yes_no":
            posted[name] = data.get(name) == "yes"
        elif kind == "multiple_choice":
            posted[name] = data.getlist(name) if hasattr(data, "getlist") else data.get(name)
        else:
            posted[name] = data.get(name)
    return posted


class PageForm(forms.Form):
    """The questions of one page that apply, given the answers so far.

    A question that depends on another question of the same page is shown
    from the start (so the page works without JavaScript), marked as needed
    only for some answers, and checked only when the posted answers call for it.
    """

    def __init__(
        self,
        *args: Any,
        page: Mapping[str, Any],
        answers: Mapping[str, Any],
        language: str,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.page = page
        own = {question["id"] for question in page["questions"]}
        if self.is_bound:
            current = {**answers, **_posted(page, self.data)}
            self.questions = [
                question
                for question in questions_shown(page["questions"], current)
                if question["type"] != "group"
            ]
        else:
            self.questions = [
                question
                for question in page["questions"]
                if question["type"] != "group"
                and (
                    condition_holds(question.get("show_if"), answers)
                    or (
                        question.get("show_if")
                        and set(condition_questions(question["show_if"])) <= own
                    )
                )
            ]
        for question in self.questions:
            field = _field(question, language)
            if not self.is_bound and not condition_holds(question.get("show_if"), answers):
                field.help_text = " ".join(
                    part
                    for part in (str(field.help_text), _("Needed only for some answers above."))
                    if part
                )
            self.fields[question["id"]] = field
            if question.get("type") == "yes_no" and question["id"] in answers:
                self.initial[question["id"]] = "yes" if answers[question["id"]] else "no"
            elif question["id"] in answers and question["type"] != "file":
                self.initial[question["id"]] = answers[question["id"]]

    def answers(self) -> dict[str, Any]:
        """The cleaned answers as JSON values (files are returned separately)."""
        stored: dict[str, Any] = {}
        for question in self.questions:
            value = self.cleaned_data.get(question["id"])
            if question["type"] == "file":
                continue
            stored[question["id"]] = answer_to_json(value)
        return stored

    def uploads(self) -> dict[str, UploadedFile]:
        return {
            question["id"]: self.cleaned_data[question["id"]]
            for question in self.questions
            if question["type"] == "file"
            and isinstance(self.cleaned_data.get(question["id"]), UploadedFile)
        }


def answer_to_json(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else str(value.normalize())
    if isinstance(value, datetime.date):
        return value.isoformat()
    if value in (None, ""):
        return None
    return value
