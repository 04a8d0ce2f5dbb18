from __future__ import annotations

from django.forms.renderers import TemplatesSetting


class PortalFormRenderer(TemplatesSetting):
    """Render every form and field with the portal's components: label, hint,
    error message and control, linked for assistive technology."""

    form_template_name = "components/form.html"
    field_template_name = "components/field.html"
