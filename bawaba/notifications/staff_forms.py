from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bawaba.core.forms import PortalForm
from bawaba.core.text import join_list
from bawaba.notifications.events import Event
from bawaba.notifications.models import TemplateChannel
from bawaba.notifications.rendering import TemplateTextError, check_placeholders


class MessageTemplateForm(PortalForm):
    """Both languages of one event's template on one channel, edited together
    so that neither can be left out."""

    subject_ar = forms.CharField(label=_("Subject in Arabic"), max_length=200, required=False)
    body_ar = forms.CharField(label=_("Text in Arabic"), widget=forms.Textarea(attrs={"rows": 8}))
    subject_en = forms.CharField(label=_("Subject in English"), max_length=200, required=False)
    body_en = forms.CharField(label=_("Text in English"), widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(self, *args: Any, event: Event, channel: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.event = event
        self.channel = channel
        self.fields["body_ar"].error_messages["required"] = _("Enter the text in Arabic.")
        self.fields["body_en"].error_messages["required"] = _("Enter the text in English.")
        for language in ("ar", "en"):
            direction = "rtl" if language == "ar" else "ltr"
            for name in (f"subject_{language}", f"body_{language}"):
                self.fields[name].widget.attrs.update({"lang": language, "dir": direction})
        if channel == TemplateChannel.SMS:
            del self.fields["subject_ar"]
            del self.fields["subject_en"]
        names = join_list(f"{{{name}}}" for name in sorted(event.placeholder_names))
        hint = _("You can use: %(names)s.") % {"names": names or "—"}
        self.fields["body_ar"].help_text = hint
        self.fields["body_en"].help_text = hint

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        for name, value in list(cleaned.items()):
            if not isinstance(value, str):
                continue
            try:
                check_placeholders(value, self.event.placeholder_names)
            except TemplateTextError as error:
                self.add_error(name, str(error))
        if self.channel != TemplateChannel.SMS:
            for language, message in (
                ("ar", _("Enter the subject in Arabic.")),
                ("en", _("Enter the subject in English.")),
            ):
                if not cleaned.get(f"subject_{language}", "").strip() and not self.has_error(
                    f"subject_{language}"
                ):
                    self.add_error(f"subject_{language}", message)
        return cleaned
