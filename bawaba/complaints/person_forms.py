"""The forms on the person's case page. Each carries no revision of its own:
the page posts the one it was shown with beside the form's fields. And the
form that asks for a code to follow a message sent without an account."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from bawaba.complaints.person_actions import (
    ANSWER_MAX_LENGTH,
    COMMENT_MAX_LENGTH,
    REASON_MAX_LENGTH,
)
from bawaba.core.forms import PortalForm
from bawaba.core.identifiers import normalise_mobile
from bawaba.core.text import text_box_errors


class _TextBoxForm(PortalForm):
    """A form whose text boxes keep the portal's rules (``text_box_errors``)."""

    limits: dict[str, int] = {}

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        for name, limit in self.limits.items():
            value = cleaned.get(name)
            if isinstance(value, str):
                for problem in text_box_errors(value, limit):
                    self.add_error(name, problem)
        return cleaned


class RespondForm(_TextBoxForm):
    """The person's answer to a request for more information."""

    limits = {"text": ANSWER_MAX_LENGTH}
    text = forms.CharField(
        label=_("Your answer"),
        widget=forms.Textarea(attrs={"rows": 5}),
        strip=True,
    )


class InformationForm(_TextBoxForm):
    """More the person would like to tell us while the case is open."""

    limits = {"text": ANSWER_MAX_LENGTH}
    text = forms.CharField(
        label=_("What would you like to add?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        strip=True,
    )


class WithdrawForm(PortalForm):
    """Withdrawing asks nothing more: the button says it all."""


class ReopenForm(_TextBoxForm):
    limits = {"reason": REASON_MAX_LENGTH}
    reason = forms.CharField(
        label=_("Why are you reopening this case?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        strip=True,
    )


SCORES = [
    ("5", _("5 – Very good")),
    ("4", _("4 – Good")),
    ("3", _("3 – Neither good nor poor")),
    ("2", _("2 – Poor")),
    ("1", _("1 – Very poor")),
]


class RatingForm(_TextBoxForm):
    limits = {"comment": COMMENT_MAX_LENGTH}
    score = forms.TypedChoiceField(
        label=_("How well was your case handled?"),
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Anything you would like to add (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        strip=True,
    )


class FollowForm(PortalForm):
    """The reference of a message sent without an account, and the email
    address or mobile number it was sent with (where its code went)."""

    reference = forms.CharField(
        label=_("Reference number"),
        help_text=_("It is in the acknowledgement we sent you."),
        max_length=40,
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off"}),
    )
    contact = forms.CharField(
        label=_("Email address or mobile number"),
        help_text=_("The one you gave when you sent the message."),
        max_length=254,
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "email"}),
    )

    def clean_reference(self) -> str:
        return "".join(str(self.cleaned_data.get("reference") or "").split()).upper()

    def clean_contact(self) -> tuple[str, str]:
        """As (channel, address): an email address, or a Bahraini mobile number."""
        value = str(self.cleaned_data.get("contact") or "").strip()
        if "@" in value:
            try:
                validate_email(value)
            except ValidationError as error:
                raise ValidationError(
                    _("Enter an email address, or a mobile number such as 3600 0000."),
                    code="invalid_contact",
                ) from error
            return "email", value.lower()
        try:
            return "sms", normalise_mobile(value)
        except ValidationError as error:
            raise ValidationError(
                _("Enter an email address, or a mobile number such as 3600 0000."),
                code="invalid_contact",
            ) from error
