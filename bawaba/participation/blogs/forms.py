"""The blogs' forms: a post in one or both languages, a reader's comment,
the approver's note when sending a post back, and the list's filter."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bawaba.core.forms import PortalForm
from bawaba.participation.blogs.models import (
    BODY_MAX_LENGTH,
    LANGUAGES,
    SUMMARY_MAX_LENGTH,
    TITLE_MAX_LENGTH,
)
from bawaba.participation.forms import PostForm, TextRulesMixin
from bawaba.participation.publishing import NOTE_MAX_LENGTH

_DIRECTION = {"ar": "rtl", "en": "ltr"}
_LABELS = {
    ("title", "ar"): gettext_lazy("Title in Arabic"),
    ("summary", "ar"): gettext_lazy("Summary in Arabic (optional)"),
    ("body", "ar"): gettext_lazy("Text in Arabic"),
    ("title", "en"): gettext_lazy("Title in English"),
    ("summary", "en"): gettext_lazy("Summary in English (optional)"),
    ("body", "en"): gettext_lazy("Text in English"),
}
_LIMITS = {"title": TITLE_MAX_LENGTH, "summary": SUMMARY_MAX_LENGTH, "body": BODY_MAX_LENGTH}


def _text_field(name: str, language: str) -> forms.CharField:
    attrs = {"lang": language, "dir": _DIRECTION[language]}
    widget: forms.Widget
    if name == "title":
        widget = forms.TextInput(attrs=attrs)
    else:
        widget = forms.Textarea(attrs={**attrs, "rows": 3 if name == "summary" else 12})
    hint: Any = ""
    if name == "body":
        hint = gettext_lazy("Plain text. Leave an empty line between paragraphs.")
    elif name == "summary":
        hint = gettext_lazy("One or two sentences shown in lists and feeds.")
    return forms.CharField(
        label=_LABELS[(name, language)], help_text=hint, required=False, strip=False, widget=widget
    )


class PostEditForm(TextRulesMixin, PortalForm):
    """A post's text in Arabic, in English, or in both. A draft may be saved
    unfinished; only the languages begun must be complete to send it."""

    title_ar = _text_field("title", "ar")
    summary_ar = _text_field("summary", "ar")
    body_ar = _text_field("body", "ar")
    title_en = _text_field("title", "en")
    summary_en = _text_field("summary", "en")
    body_en = _text_field("body", "en")
    allows_comments = forms.BooleanField(
        label=gettext_lazy("Readers may comment on this post"), required=False, initial=True
    )
    text_limits = {
        f"{name}_{language}": limit for name, limit in _LIMITS.items() for language in LANGUAGES
    }

    def _optional(self, name: str) -> str:
        value = str(self.cleaned_data.get(name) or "")
        if not value.strip():
            return ""
        cleaned = self._check_text(name, value)
        if name.startswith("title_") and "\n" in cleaned:
            raise forms.ValidationError(_("Write the title on one line."))
        return cleaned

    def clean_title_ar(self) -> str:
        return self._optional("title_ar")

    def clean_summary_ar(self) -> str:
        return self._optional("summary_ar")

    def clean_body_ar(self) -> str:
        return self._optional("body_ar")

    def clean_title_en(self) -> str:
        return self._optional("title_en")

    def clean_summary_en(self) -> str:
        return self._optional("summary_en")

    def clean_body_en(self) -> str:
        return self._optional("body_en")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        texts = [cleaned.get(f"{name}_{lang}") for name in _LIMITS for lang in LANGUAGES]
        if not self.errors and not any(texts):
            raise forms.ValidationError(
                _("Write the post in Arabic, in English or in both before you save it.")
            )
        return cleaned

    def language_fields(self) -> list[tuple[str, str, list[forms.BoundField]]]:
        """The fields of each language, for a fieldset each."""
        legends = {"ar": _("In Arabic"), "en": _("In English")}
        return [
            (language, legends[language], [self[f"{name}_{language}"] for name in _LIMITS])
            for language in LANGUAGES
        ]


class CommentForm(PostForm):
    """A reader's comment (the text and the box people leave empty)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "comment-%s")
        super().__init__(*args, **kwargs)
        self.fields["body"].label = _("Your comment")


class SendBackForm(TextRulesMixin, PortalForm):
    note = forms.CharField(
        label=gettext_lazy("What needs to change?"),
        help_text=gettext_lazy("The author reads your note in their messages."),
        strip=False,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
    )
    text_limits = {"note": NOTE_MAX_LENGTH}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "send-back-%s")
        super().__init__(*args, **kwargs)

    def clean_note(self) -> str:
        return self._check_text("note", str(self.cleaned_data.get("note") or ""))


class BlogFilterForm(PortalForm):
    """Which provider's posts the list shows."""

    provider = forms.ChoiceField(label=gettext_lazy("Provider"), required=False)

    def __init__(
        self, *args: Any, providers: list[tuple[str, str]] | None = None, **kwargs: Any
    ) -> None:
        kwargs.setdefault("auto_id", "filter-%s")
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["provider"])
        field.choices = [("", _("All providers")), *(providers or [])]
