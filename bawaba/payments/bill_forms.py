"""The form a person finds a bill or fine with: its reference, and for a
fine the owner's CPR number. Arabic-Indic digits are read as Western ones."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from bawaba.core.forms import PortalForm
from bawaba.core.identifiers import normalise_cpr, normalise_digits
from bawaba.payments.constants import BillerKind
from bawaba.payments.models import Biller

REFERENCE_LIMIT = 40
# Spaces, no-break spaces and direction marks people paste with a reference.
_SPACES = re.compile(r"[\s\u00a0\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_REFERENCE = re.compile(r"^[A-Z0-9][A-Z0-9/-]*$")


def reference_normalise(value: str) -> str:
    cleaned = _SPACES.sub("", normalise_digits(value or "")).upper()
    if cleaned.startswith("+"):  # a mobile number written +973…
        cleaned = cleaned[1:]
    return cleaned


class BillLookupForm(PortalForm):
    reference = forms.CharField(
        max_length=200,
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off", "spellcheck": "false"}),
    )
    cpr = forms.CharField(
        label=_("The fine owner's CPR number"),
        help_text=_("9 digits, as shown on the owner's smart card."),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"dir": "ltr", "inputmode": "numeric", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, biller: Biller, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.biller = biller
        field = self.fields["reference"]
        if biller.kind == BillerKind.FINE:
            field.label = _("Fine number")
            field.help_text = _("As printed on the fine notice.")
        else:
            field.label = _("Account number")
            field.help_text = _(
                "As printed on your bill. For a mobile bill, the mobile number also works."
            )
        if biller.owner_cpr_required:
            self.fields["cpr"].required = True
        else:
            del self.fields["cpr"]

    def clean_reference(self) -> str:
        value = reference_normalise(self.cleaned_data.get("reference", ""))
        if not value or len(value) > REFERENCE_LIMIT or not _REFERENCE.match(value):
            raise ValidationError(
                _(
                    "Enter the reference as it is printed: up to %(limit)s letters, "
                    "digits and hyphens."
                )
                % {"limit": REFERENCE_LIMIT},
                code="invalid_reference",
            )
        return value

    def clean_cpr(self) -> str:
        return normalise_cpr(self.cleaned_data.get("cpr", ""))
