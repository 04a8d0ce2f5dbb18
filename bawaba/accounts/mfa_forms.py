"""allauth's two-step verification forms with the portal's wording, and codes
accepted in Arabic-Indic digits as well as Western ones."""

from __future__ import annotations

from typing import Any

from allauth.mfa.base.forms import AuthenticateForm as AllauthAuthenticateForm
from allauth.mfa.base.forms import ReauthenticateForm as AllauthReauthenticateForm
from allauth.mfa.totp.forms import ActivateTOTPForm as AllauthActivateTOTPForm
from django import forms
from django.utils.translation import gettext_lazy as _

from bawaba.core.forms import NamedRequiredMixin
from bawaba.core.identifiers import normalise_digits


def _code_field(form: forms.Form, label: Any, hint: Any) -> None:
    field = form.fields["code"]
    field.label = label
    field.help_text = hint
    field.widget.attrs.pop("placeholder", None)
    field.widget.attrs.update(
        {
            "autocomplete": "one-time-code",
            "inputmode": "numeric",
            "dir": "ltr",
            "spellcheck": "false",
        }
    )


TOO_MANY_WRONG_CODES = _(
    "Too many wrong codes: two-step verification for this account is locked for 15 minutes. "
    "Try again later."
)


class _NormalisedCodeMixin(NamedRequiredMixin):
    def clean_code(self) -> str:
        self.cleaned_data["code"] = normalise_digits(self.cleaned_data.get("code", "")).replace(
            " ", ""
        )
        try:
            return super().clean_code()  # type: ignore[misc]  # allauth's validation
        except forms.ValidationError as error:
            # allauth counts wrong codes with the wrong-password limit and words
            # it as passwords.
            if getattr(error, "code", None) == "too_many_login_attempts":
                raise forms.ValidationError(TOO_MANY_WRONG_CODES, code="too_many_codes") from error
            raise


class AuthenticateForm(_NormalisedCodeMixin, AllauthAuthenticateForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _code_field(
            self, _("Verification code"), _("The 6-digit code from the app, or a recovery code.")
        )


class ReauthenticateForm(_NormalisedCodeMixin, AllauthReauthenticateForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _code_field(self, _("Verification code"), _("The 6-digit code from the app."))


class ActivateTOTPForm(_NormalisedCodeMixin, AllauthActivateTOTPForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _code_field(self, _("Verification code"), _("The 6-digit code the app shows now."))
