"""The forms every participation space shares: the name shown with posts,
a post's text with the field people leave empty (the honeypot), a report,
and the moderators' decisions."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bawaba.core.forms import PortalForm
from bawaba.participation import posting
from bawaba.participation.actions import REASON_MAX_LENGTH
from bawaba.participation.models import DISPLAY_NAME_MAX_LENGTH
from bawaba.participation.moderation import DECISIONS

# Anything that looks like an email address, or a long run of digits (a CPR or phone number).
_PRIVATE = re.compile(r"@|\d{6,}|[٠-٩]{6,}")


def _text_box(label: Any, *, limit: int, hint: Any = "", rows: int = 5) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=hint,
        strip=False,
        widget=forms.Textarea(attrs={"rows": rows, "dir": "auto"}),
        # Length and NUL are checked by posting.body_errors, with the portal's words.
        required=True,
    )


class TextRulesMixin:
    """Checks a text box with the rules every post keeps (``posting``)."""

    text_limits: dict[str, int] = {}

    def _check_text(self, name: str, value: str) -> str:
        limit = self.text_limits.get(name, posting.POST_MAX_LENGTH)
        errors = posting.body_errors(value, limit)
        if errors:
            raise forms.ValidationError(errors)
        return posting.body_clean(value)


class HoneypotMixin(PortalForm):
    """A field people do not see and leave empty; programs that fill every
    box fill it, and their post is refused."""

    website = forms.CharField(
        label=gettext_lazy("Leave this box empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        # Field(template_name=…) is Django 5's; the stubs do not know it yet.
        template_name="participation/components/honeypot_field.html",  # type: ignore[call-arg]
    )

    def clean_website(self) -> str:
        value = str(self.cleaned_data.get("website") or "")
        if value:
            raise forms.ValidationError(
                _("This post could not be sent. Leave the last box empty and send it again.")
            )
        return value


class PostForm(TextRulesMixin, HoneypotMixin, PortalForm):
    """A post's text. A space subclasses it (adding a title, a paragraph…)."""

    body = _text_box(
        gettext_lazy("Your post"),
        limit=posting.POST_MAX_LENGTH,
        hint=gettext_lazy(
            "At most 5,000 characters. Be respectful, and do not share personal details "
            "such as CPR numbers or phone numbers."
        ),
    )

    def clean_body(self) -> str:
        return self._check_text("body", str(self.cleaned_data.get("body") or ""))


class EditForm(TextRulesMixin, PortalForm):
    body = _text_box(gettext_lazy("Your post"), limit=posting.POST_MAX_LENGTH)

    def clean_body(self) -> str:
        return self._check_text("body", str(self.cleaned_data.get("body") or ""))


class NameForm(TextRulesMixin, PortalForm):
    display_name = forms.CharField(
        label=gettext_lazy("Name shown with your posts"),
        help_text=gettext_lazy(
            "Everyone can read it. Your CPR number and email address are never shown."
        ),
        max_length=DISPLAY_NAME_MAX_LENGTH,
        strip=False,
    )
    business_name = forms.CharField(
        label=gettext_lazy("Business you answer for"),
        help_text=gettext_lazy("Your posts are shown under the business's name."),
        max_length=150,
        required=False,
        strip=False,
    )
    text_limits = {"display_name": DISPLAY_NAME_MAX_LENGTH, "business_name": 150}

    def __init__(self, *args: Any, business: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if business:
            self.fields["business_name"].required = True
        else:
            del self.fields["business_name"]

    def _named(self, name: str) -> str:
        value = self._check_text(name, str(self.cleaned_data.get(name) or ""))
        if len(value) < 2:
            raise forms.ValidationError(_("Use at least 2 letters."))
        if _PRIVATE.search(value):
            raise forms.ValidationError(
                _("Do not use an email address or a long number in the name shown with posts.")
            )
        return value

    def clean_display_name(self) -> str:
        return self._named("display_name")

    def clean_business_name(self) -> str:
        return self._named("business_name")


class ReportForm(TextRulesMixin, PortalForm):
    reason = _text_box(
        gettext_lazy("Why should a moderator look at this post?"),
        limit=REASON_MAX_LENGTH,
        hint=gettext_lazy("Only the moderators read this."),
        rows=3,
    )
    text_limits = {"reason": REASON_MAX_LENGTH}

    def clean_reason(self) -> str:
        return self._check_text("reason", str(self.cleaned_data.get("reason") or ""))


class DecisionForm(TextRulesMixin, PortalForm):
    decision = forms.ChoiceField(
        label=gettext_lazy("Your decision"),
        choices=list(DECISIONS.items()),
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        help_text=gettext_lazy(
            "The author reads it in their message. Needed when the post is not published."
        ),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )
    text_limits = {"reason": REASON_MAX_LENGTH}

    def clean_reason(self) -> str:
        value = str(self.cleaned_data.get("reason") or "")
        return self._check_text("reason", value) if value.strip() else ""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("decision") == "reject" and not cleaned.get("reason"):
            self.add_error("reason", _("Give the reason, which the author will read."))
        return cleaned


class BlockForm(TextRulesMixin, PortalForm):
    reason = _text_box(
        gettext_lazy("Reason for stopping this account from posting"),
        limit=REASON_MAX_LENGTH,
        hint=gettext_lazy("The account holder reads it in their message."),
        rows=3,
    )
    text_limits = {"reason": REASON_MAX_LENGTH}

    def clean_reason(self) -> str:
        return self._check_text("reason", str(self.cleaned_data.get("reason") or ""))


class UnblockForm(TextRulesMixin, PortalForm):
    reason = _text_box(
        gettext_lazy("Reason for letting this account post again"),
        limit=REASON_MAX_LENGTH,
        rows=3,
    )
    text_limits = {"reason": REASON_MAX_LENGTH}

    def clean_reason(self) -> str:
        return self._check_text("reason", str(self.cleaned_data.get("reason") or ""))
