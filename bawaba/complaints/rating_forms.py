"""The one-question rating of a transaction (charter C21)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from bawaba.complaints.person_forms import SCORES
from bawaba.complaints.satisfaction import COMMENT_MAX_LENGTH
from bawaba.core.forms import PortalForm
from bawaba.core.text import text_box_errors


class TransactionRatingForm(PortalForm):
    score = forms.TypedChoiceField(
        label=_("How would you rate your experience?"),
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

    def clean_comment(self) -> str:
        comment: str = self.cleaned_data.get("comment") or ""
        problems = text_box_errors(comment, COMMENT_MAX_LENGTH)
        if problems:
            raise forms.ValidationError(problems)
        return comment
