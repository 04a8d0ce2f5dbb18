"""Forms of the provider's e-service pages: when a version comes into force,
and pausing or retiring the service."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PublishForm(forms.Form):
    """The approver's decision on a version, and optionally when it starts."""

    available_from = forms.DateTimeField(
        label=_("Open to applicants from (optional)"),
        help_text=_(
            "Bahrain time. Leave it empty to publish now. Until then, new applications "
            "use the version in force, if any."
        ),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    note = forms.CharField(
        label=_("What needs changing (when you send it back)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.is_bound and self.data.get("decision") != "publish":
            # Sending back: a date typed meanwhile, even a wrong one, does not matter.
            del self.fields["available_from"]

    def clean_available_from(self) -> Any:
        value = self.cleaned_data.get("available_from")
        if value is not None and value <= timezone.now():
            raise forms.ValidationError(
                _("Choose a time in the future, or leave it empty to publish now."),
                code="past",
            )
        return value


class PauseForm(forms.Form):
    message_ar = forms.CharField(
        label=_("Message to applicants in Arabic"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "lang": "ar", "dir": "rtl"}),
        error_messages={"required": _("Write the message in Arabic.")},
    )
    message_en = forms.CharField(
        label=_("Message to applicants in English"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "lang": "en", "dir": "ltr"}),
        error_messages={"required": _("Write the message in English.")},
    )


class RetireForm(forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "I understand that people can no longer apply for this service online, "
            "and that only a portal administrator can undo this."
        ),
        error_messages={"required": _("Tick the box to confirm.")},
    )
