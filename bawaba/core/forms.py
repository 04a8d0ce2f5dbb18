from __future__ import annotations

from django.forms import BaseForm, BoundField
from django.forms.renderers import TemplatesSetting


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
