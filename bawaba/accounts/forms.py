from __future__ import annotations

from typing import Any, cast

from allauth.account.adapter import get_adapter
from allauth.account.forms import AddEmailForm as AllauthAddEmailForm
from allauth.account.forms import ChangePasswordForm as AllauthChangePasswordForm
from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import ReauthenticateForm as AllauthReauthenticateForm
from allauth.account.forms import ResetPasswordForm as AllauthResetPasswordForm
from allauth.account.forms import ResetPasswordKeyForm as AllauthResetPasswordKeyForm
from allauth.account.forms import SetPasswordForm as AllauthSetPasswordForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from bawaba.accounts.actions import profile_fields
from bawaba.accounts.constants import CPR_RESIDENCIES, AccountKind, Residency
from bawaba.accounts.models import User
from bawaba.accounts.signup import (
    signup_answer_as_if_new,
    signup_hash_as_for_a_new_account,
    signup_tell_owner,
)
from bawaba.core.forms import AddressField, NamedRequiredMixin
from bawaba.core.identifiers import normalise_cpr, normalise_mobile, normalise_passport

CUSTOMER_KINDS = [
    (AccountKind.INDIVIDUAL.value, AccountKind.INDIVIDUAL.label),
    (AccountKind.BUSINESS_REPRESENTATIVE.value, AccountKind.BUSINESS_REPRESENTATIVE.label),
]


EMAIL_FORMAT = _("Enter an email address in the correct format, like name@example.com.")
ENTER_EMAIL = _("Enter your email address.")
ENTER_NEW_EMAIL = _("Enter your new email address.")
CONFIRM_EMAIL_HINT = _("We will send a link to this address to confirm that it is yours.")
ENTER_PASSWORD = _("Enter your password.")
ENTER_NEW_PASSWORD = _("Enter a new password.")
ENTER_CURRENT_PASSWORD = _("Enter your current password.")
# Names the box it is about, whose label says which password to confirm.
CONFIRM_PASSWORD = _("Enter the same password again in “%(label)s”.")
PASSWORD_HINT = _(
    "At least 12 characters. A few unrelated words make a strong password that is easy to remember."
)


def _confirm_password(label: Any) -> str:
    return CONFIRM_PASSWORD % {"label": label}


def _label(
    form: forms.Form,
    name: str,
    label: Any,
    *,
    autocomplete: str,
    hint: Any = None,
    required: Any = None,
) -> None:
    """Give an allauth field the portal's wording; placeholders are dropped
    because they vanish as soon as people type and many screen readers skip them."""
    field = form.fields[name]
    field.label = label
    field.help_text = hint or ""
    if required:
        field.error_messages["required"] = required
    if autocomplete == "email":
        field.error_messages["invalid"] = EMAIL_FORMAT
    field.widget.attrs.pop("placeholder", None)
    field.widget.attrs["autocomplete"] = autocomplete


def _label_new_password(form: forms.Form) -> None:
    _label(
        form,
        "password1",
        _("New password"),
        autocomplete="new-password",
        hint=PASSWORD_HINT,
        required=ENTER_NEW_PASSWORD,
    )
    confirm = _("Confirm your new password")
    _label(
        form,
        "password2",
        confirm,
        autocomplete="new-password",
        required=_confirm_password(confirm),
    )


def _clean_names(form: forms.BaseForm, cleaned: dict[str, Any]) -> None:
    if not (cleaned.get("name_ar") or cleaned.get("name_en")):
        form.add_error("name_en", _("Enter your full name in Arabic, in English, or both."))


def _clean_mobile(value: str) -> str:
    return normalise_mobile(value) if value.strip() else ""


class IdentityNumbersMixin:
    """A form with a person's CPR and passport number keeps each in the one
    written form the portal stores (an empty one stays empty): the signup form
    and the administrators' account form alike."""

    cleaned_data: dict[str, Any]

    def clean_cpr(self) -> str:
        value: str = self.cleaned_data.get("cpr", "")
        return normalise_cpr(value) if value.strip() else ""

    def clean_passport_number(self) -> str:
        value: str = self.cleaned_data.get("passport_number", "")
        return normalise_passport(value) if value.strip() else ""


class SignupForm(IdentityNumbersMixin, NamedRequiredMixin, AllauthSignupForm):
    """Create an account: who you are, how we reach you, and a password."""

    name_ar = forms.CharField(
        label=_("Full name in Arabic"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name", "lang": "ar", "dir": "rtl"}),
    )
    name_en = forms.CharField(
        label=_("Full name in English"),
        max_length=150,
        required=False,
        help_text=_(
            "As on your smart card or passport: the documents issued to you carry this name, "
            "and later only the contact centre can correct it. "
            "Give at least one of the two names."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "name", "lang": "en", "dir": "ltr"}),
    )
    kind = forms.ChoiceField(
        label=_("What kind of account do you need?"),
        choices=CUSTOMER_KINDS,
        initial=AccountKind.INDIVIDUAL,
        widget=forms.RadioSelect,
        help_text=_(
            "Choose business representative if you will act for a company. "
            "Government and provider staff accounts are created by the portal's administrators."
        ),
    )
    residency = forms.ChoiceField(
        label=_("Are you a citizen, a resident or a visitor?"),
        choices=Residency.choices,
        widget=forms.RadioSelect,
    )
    cpr = forms.CharField(
        label=_("CPR number"),
        required=False,
        max_length=20,
        help_text=_("Citizens and residents only: the 9 digits on your smart card."),
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"}
        ),
    )
    passport_number = forms.CharField(
        label=_("Passport number"),
        required=False,
        max_length=30,
        help_text=_("Visitors only."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    nationality = forms.ChoiceField(
        label=_("Nationality"),
        required=False,
        help_text=_("Visitors only."),
    )
    mobile = forms.CharField(
        label=_("Mobile number (optional)"),
        required=False,
        max_length=20,
        help_text=_("A Bahraini mobile number, for example 3600 0000."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )

    field_order = [
        "name_ar",
        "name_en",
        "email",
        "kind",
        "residency",
        "cpr",
        "passport_number",
        "nationality",
        "mobile",
        "password1",
        "password2",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cpr_owner: User | None = None
        nationality = cast(forms.ChoiceField, self.fields["nationality"])
        nationality.choices = [("", _("Choose your nationality")), *countries]
        _label(
            self,
            "email",
            _("Email address"),
            autocomplete="email",
            hint=CONFIRM_EMAIL_HINT,
            required=ENTER_EMAIL,
        )
        _label(
            self,
            "password1",
            _("Password"),
            autocomplete="new-password",
            hint=PASSWORD_HINT,
            required=ENTER_NEW_PASSWORD,
        )
        confirm = _("Confirm your password")
        _label(
            self,
            "password2",
            confirm,
            autocomplete="new-password",
            required=_confirm_password(confirm),
        )
        self.order_fields(self.field_order)

    def clean_mobile(self) -> str:
        return _clean_mobile(self.cleaned_data.get("mobile", ""))

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        _clean_names(self, cleaned)
        residency = cleaned.get("residency")
        if residency in CPR_RESIDENCIES:
            cpr = cleaned.get("cpr")
            if not cpr and "cpr" not in self.errors:
                self.add_error("cpr", _("Enter your CPR number."))
            elif cpr:
                # Not an error on the page: that would tell anyone which CPR
                # numbers have an account (see accounts.signup).
                self.cpr_owner = User.objects.filter(cpr=cpr).first()
        elif residency == Residency.VISITOR:
            if not cleaned.get("passport_number") and "passport_number" not in self.errors:
                self.add_error("passport_number", _("Enter your passport number."))
            if not cleaned.get("nationality"):
                self.add_error("nationality", _("Choose your nationality."))
        return cleaned

    def try_save(self, request: HttpRequest) -> tuple[User | None, HttpResponse | None]:
        """Create the account; for details an account already holds, answer
        as for a new one and tell the owner instead (accounts.signup)."""
        email = self.cleaned_data.get("email", "")
        if self.cpr_owner is not None or self.account_already_exists:
            signup_hash_as_for_a_new_account(self.cleaned_data.get("password1", ""))
        if self.cpr_owner is not None:
            signup_tell_owner(request, owner=self.cpr_owner)
            return None, signup_answer_as_if_new(request, email=email)
        try:
            with transaction.atomic():
                user, response = super().try_save(request)
        except IntegrityError:
            # A simultaneous signup took this email address or CPR number
            # between the checks above and the save.
            owner = User.objects.filter(cpr=self.cleaned_data.get("cpr") or None).first()
            if owner is not None:
                signup_tell_owner(request, owner=owner)
            else:
                get_adapter(request).send_account_already_exists_mail(email)
            return None, signup_answer_as_if_new(request, email=email)
        return user, response

    def apply_to(self, user: User) -> None:
        """Copy the portal's own answers onto a new, unsaved user."""
        data = self.cleaned_data
        user.name_ar = data["name_ar"].strip()
        user.name_en = data["name_en"].strip()
        user.kind = data["kind"]
        user.residency = data["residency"]
        user.mobile = data["mobile"]
        if data["residency"] in CPR_RESIDENCIES:
            user.cpr = data["cpr"]
        else:
            user.passport_number = data["passport_number"]
            user.nationality = data["nationality"]


class ProfileForm(NamedRequiredMixin, forms.ModelForm[User]):
    address = AddressField(
        label=_("Home address (optional)"),
        help_text=_("We fill it in for you when a service asks for your address."),
        required=False,
    )

    class Meta:
        model = User
        fields = [
            "name_ar",
            "name_en",
            "mobile",
            "address",
            "preferred_language",
            "contact_by_email",
            "contact_by_sms",
        ]
        labels = {
            "name_ar": _("Full name in Arabic"),
            "name_en": _("Full name in English"),
            "mobile": _("Mobile number (optional)"),
            "preferred_language": _("Language for messages from the portal"),
            "contact_by_email": _("Send me messages by email"),
            "contact_by_sms": _("Send me messages by SMS"),
        }
        help_texts = {
            "mobile": _("A Bahraini mobile number, for example 3600 0000."),
            "contact_by_email": _(
                "Every message also reaches your inbox on the portal. Essential messages "
                "(acknowledgements, security alerts and receipts) always reach you: if you "
                "turn off both email and SMS, we still send those by email."
            ),
            "contact_by_sms": _("Needs a mobile number. Every message also reaches your inbox."),
        }
        widgets = {
            "name_ar": forms.TextInput(attrs={"lang": "ar", "dir": "rtl", "autocomplete": "name"}),
            "name_en": forms.TextInput(attrs={"lang": "en", "dir": "ltr", "autocomplete": "name"}),
            "mobile": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
            "preferred_language": forms.RadioSelect,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A customer's name is the name as registered (User.name_is_registered):
        # without the fields, a name posted by hand is never read.
        allowed = profile_fields(self.instance)
        for name in list(self.fields):
            if name not in allowed:
                del self.fields[name]

    def clean_mobile(self) -> str:
        return _clean_mobile(self.cleaned_data.get("mobile", ""))

    def clean_address(self) -> dict[str, str]:
        return self.cleaned_data.get("address") or {}

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if "name_en" in self.fields:
            _clean_names(self, cleaned)
        if (
            cleaned.get("contact_by_sms")
            and not cleaned.get("mobile")
            and "mobile" not in self.errors
        ):
            self.add_error("mobile", _("Enter a mobile number to receive messages by SMS."))
        return cleaned


class LoginForm(NamedRequiredMixin, AllauthLoginForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _label(self, "login", _("Email address"), autocomplete="email", required=ENTER_EMAIL)
        _label(
            self,
            "password",
            _("Password"),
            autocomplete="current-password",
            required=ENTER_PASSWORD,
        )


class ResetPasswordForm(NamedRequiredMixin, AllauthResetPasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _label(self, "email", _("Email address"), autocomplete="email", required=ENTER_EMAIL)


class ResetPasswordKeyForm(NamedRequiredMixin, AllauthResetPasswordKeyForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _label_new_password(self)


class ChangePasswordForm(NamedRequiredMixin, AllauthChangePasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _label(
            self,
            "oldpassword",
            _("Current password"),
            autocomplete="current-password",
            required=ENTER_CURRENT_PASSWORD,
        )
        _label_new_password(self)


class AddEmailForm(NamedRequiredMixin, AllauthAddEmailForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _label(
            self,
            "email",
            _("New email address"),
            autocomplete="email",
            hint=CONFIRM_EMAIL_HINT,
            required=ENTER_NEW_EMAIL,
        )


class SetPasswordForm(NamedRequiredMixin, AllauthSetPasswordForm):
    """A password for an account that has none yet."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _label_new_password(self)


class ReauthenticateForm(NamedRequiredMixin, AllauthReauthenticateForm):
    """The password again, before a change that needs it (such as two-step
    verification)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _label(
            self,
            "password",
            _("Password"),
            autocomplete="current-password",
            # allauth's link to resetting a forgotten password.
            hint=self.fields["password"].help_text,
            required=ENTER_PASSWORD,
        )
