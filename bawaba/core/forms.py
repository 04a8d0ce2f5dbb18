from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.forms import BaseForm, BoundField
from django.forms.renderers import TemplatesSetting
from django.forms.utils import pretty_name
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from bawaba.core.identifiers import normalise_digits
from bawaba.core.text import join_list

# A Bahraini address, as stored in a profile and in answers.
ADDRESS_PARTS = ("flat", "building", "road", "block", "area")


class PortalFormRenderer(TemplatesSetting):
    """Render every form and field with the portal's components: label, hint,
    error message and control, linked for assistive technology."""

    form_template_name = "components/form.html"
    field_template_name = "components/field.html"


def error_anchor(bound: BoundField) -> str:
    """The id an error-summary link points at: the field's first control."""
    if bound.id_for_label:
        return str(bound.id_for_label)
    if bound.use_fieldset and bound.auto_id:
        # Radio buttons and checkbox groups: the first option's input.
        return f"{bound.auto_id}_0"
    return str(bound.auto_id or "")


def field_error_items(bound: BoundField) -> list[tuple[str, str]]:
    return [(error_anchor(bound), str(message)) for message in bound.errors]


def form_error_items(form: BaseForm) -> list[tuple[str, str]]:
    """(anchor, message) pairs of a form's errors, in field order. A form with
    parts of its own (a page with repeating groups) lists them itself through
    an ``error_items()`` method."""
    own = getattr(form, "error_items", None)
    if callable(own):
        items: list[tuple[str, str]] = own()
        return items
    items = [("", str(message)) for message in form.non_field_errors()]
    for bound in form:
        items.extend(field_error_items(bound))
    return items


# What a required field left empty asks for, by the kind of control. A label
# that is a question ("Are you married?") is answered; one that names a value
# ("Email address") is entered or chosen itself.
_REQUIRED_FOR_NAME = {
    "enter": gettext_lazy("Enter “%(label)s”."),
    "choose": gettext_lazy("Choose “%(label)s”."),
    "choose_many": gettext_lazy("Choose at least one option for “%(label)s”."),
    "upload": gettext_lazy("Upload a file for “%(label)s”."),
    "confirm": gettext_lazy("Tick the box to confirm “%(label)s”."),
}
_REQUIRED_FOR_QUESTION = {
    **_REQUIRED_FOR_NAME,
    "enter": gettext_lazy("Enter an answer to “%(label)s”."),
    "choose": gettext_lazy("Choose an answer to “%(label)s”."),
    "choose_many": gettext_lazy("Choose at least one answer to “%(label)s”."),
}
_GENERIC_REQUIRED = forms.Field.default_error_messages["required"]
_SENTENCE_ENDS = (".", "?", "!", "؟")
# "Note for colleagues (never shown to the applicant)" is named "Note for colleagues".
_BRACKETED_END = re.compile(r"\s*\([^()]*\)$")
_CLOSING_QUOTES = ("”", "»", '"')


def sentence_end(message: str) -> str:
    """A message that ends with a quoted label which ends a sentence of its
    own (“Are you married?”) takes no second full stop after the quote."""
    if (
        len(message) >= 3
        and message.endswith(".")
        and message[-2] in _CLOSING_QUOTES
        and message[-3] in _SENTENCE_ENDS
    ):
        return message[:-1]
    return message


def required_kind(field: forms.Field) -> str:
    """What a person does to fill the field: enter, choose, choose_many,
    upload or confirm."""
    if isinstance(field, forms.BooleanField):
        return "confirm"
    if isinstance(field, forms.FileField):
        return "upload"
    if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        return "choose_many"
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
        return "choose"
    return "enter"


def required_message(label: Any, kind: str, language: str | None = None) -> str:
    """The message for a required field left empty, naming it by its label
    (the error summary lists several at once), in ``language`` or the page's."""
    text = " ".join(str(label).split())
    text = _BRACKETED_END.sub("", text) or text
    if language is not None:
        with override(language):
            return required_message(text, kind)
    question = text.endswith(("?", "؟"))
    template = (_REQUIRED_FOR_QUESTION if question else _REQUIRED_FOR_NAME)[kind]
    return sentence_end(str(template) % {"label": text})


def name_required_fields(form: BaseForm) -> None:
    """Give each field still carrying Django's "This field is required." a
    message naming the field; a message a form wrote itself stays. Optional
    fields too: a form may still require one in its own checks (a password
    and its confirmation in Django's forms)."""
    generic = str(_GENERIC_REQUIRED)
    for name, field in form.fields.items():
        message = field.error_messages.get("required")
        if message is None or str(message) == generic:
            field.error_messages["required"] = required_message(
                form[name].label or pretty_name(name), required_kind(field)
            )


class NamedRequiredMixin(BaseForm):
    """Every form of the portal: a required field left empty is named in its
    message. Fields are named when the form is checked, so that fields and
    labels a form adds or changes after it is made are named too."""

    def full_clean(self) -> None:
        name_required_fields(self)
        super().full_clean()


class PortalForm(NamedRequiredMixin, forms.Form):
    """A form of the portal (see ``NamedRequiredMixin``)."""


class DigitsField(forms.CharField):
    """A text field that reads Arabic-Indic digits as Western ones."""

    def to_python(self, value: Any) -> str:
        return normalise_digits(super().to_python(value) or "")


class AddressWidget(forms.MultiWidget):
    template_name = "components/address.html"

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
            DigitsField(required=False, max_length=10, validators=[number]),
            DigitsField(max_length=10, validators=[number]),
            DigitsField(max_length=10, validators=[number]),
            DigitsField(max_length=10, validators=[number]),
            forms.CharField(required=False, max_length=100),
        )
        super().__init__(fields, require_all_fields=False, **kwargs)

    def compress(self, data_list: list[Any]) -> dict[str, str] | None:
        if not data_list or not any(data_list):
            return None
        return dict(zip(ADDRESS_PARTS, data_list, strict=True))


def address_text(value: Mapping[str, Any], language: str) -> str:
    """An address on one line: "Flat 12, Building 345, Road 2801, Block 428"."""
    parts = [
        (_("Flat"), value.get("flat")),
        (_("Building"), value.get("building")),
        (_("Road"), value.get("road")),
        (_("Block"), value.get("block")),
        (_("Area"), value.get("area")),
    ]
    return join_list((f"{label} {part}" for label, part in parts if part), language)


def address_complete(value: Any) -> bool:
    """Whether an address has the parts a Bahraini address needs."""
    return isinstance(value, Mapping) and all(
        value.get(part) for part in ("building", "road", "block")
    )
