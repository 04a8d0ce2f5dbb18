from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.forms import BaseForm, BoundField
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
