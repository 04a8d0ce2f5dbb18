"""The finance staff's refund form: an amount in dinars (digits in any
script, up to three decimals) and the reason, both required."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bawaba.core.forms import PortalForm
from bawaba.core.money import parse_dinars
from bawaba.core.text import text_box_errors
from bawaba.payments.refunds import REASON_MAX_LENGTH

# Where a refusal of the refund action (by its code) belongs on the form.
REFUSAL_FIELDS = {
    "payments.refund_reason": "reason",
    "payments.refund_amount": "amount",
    "payments.refund_too_much": "amount",
}


class RefundForm(PortalForm):
    amount = forms.CharField(
        label=_("Amount to refund (BD)"),
        help_text=_("In dinars, with up to three decimals, for example 12.500."),
        max_length=40,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    reason = forms.CharField(
        label=_("Reason for the refund"),
        help_text=_("The payer does not see it; it stays in the payment's history."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_amount(self) -> int:
        typed = self.cleaned_data["amount"]
        try:
            fils = parse_dinars(typed)
        except ValueError as error:
            raise forms.ValidationError(
                _("Enter the amount in dinars with up to three decimals, for example 12.500."),
                code="invalid",
            ) from error
        if fils <= 0:
            raise forms.ValidationError(_("Enter an amount of more than BD 0.000."), code="zero")
        return fils

    def clean_reason(self) -> str:
        reason: str = self.cleaned_data["reason"].strip()
        problems = text_box_errors(reason, REASON_MAX_LENGTH)
        if problems:
            raise forms.ValidationError(problems)
        return reason

    def refused(self, code: str, message: Any) -> None:
        """Show the refund action's refusal on the box it is about."""
        self.add_error(REFUSAL_FIELDS.get(code), message)
