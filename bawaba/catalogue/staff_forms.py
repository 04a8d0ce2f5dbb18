from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bawaba.catalogue.actions import SEND_BACK_NOTE_MAX_LENGTH
from bawaba.catalogue.constants import Availability
from bawaba.catalogue.content import tidy_text
from bawaba.catalogue.models import Audience, Category, LifeEvent
from bawaba.core.forms import PortalForm
from bawaba.core.identifiers import normalise_digits
from bawaba.core.money import FILS_PER_DINAR

_AR = {"lang": "ar", "dir": "rtl"}
_EN = {"lang": "en", "dir": "ltr"}


def _pair(
    label_ar: Any,
    label_en: Any,
    *,
    long: bool = False,
    required: bool = True,
    max_length: int = 2000,
) -> tuple[forms.CharField, forms.CharField]:
    def field(label: Any, attrs: dict[str, str]) -> forms.CharField:
        widget = (
            forms.Textarea(attrs={**attrs, "rows": 4}) if long else forms.TextInput(attrs=attrs)
        )
        return forms.CharField(label=label, required=required, max_length=max_length, widget=widget)

    return field(label_ar, _AR), field(label_en, _EN)


class ServiceContentForm(PortalForm):
    """Everything an editor may change on a service, both languages side by side.

    Saving keeps a draft even when a language is still missing; sending it for
    review checks that both languages are complete.
    """

    title_ar, title_en = _pair(
        _("Title in Arabic"), _("Title in English"), required=False, max_length=200
    )
    summary_ar, summary_en = _pair(
        _("What it is, in Arabic"), _("What it is, in English"), long=True, required=False
    )
    eligibility_ar, eligibility_en = _pair(
        _("Who can use it, in Arabic"), _("Who can use it, in English"), long=True, required=False
    )
    documents_ar, documents_en = _pair(
        _("Documents needed, in Arabic (one per line)"),
        _("Documents needed, in English (one per line)"),
        long=True,
        required=False,
    )
    fee = forms.DecimalField(
        label=_("Fee in Bahraini dinars"),
        help_text=_("For example 5.000. Leave empty when the fee varies, and explain it below."),
        required=False,
        min_value=0,
        max_digits=9,
        decimal_places=3,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "dir": "ltr"}),
    )
    fee_note_ar, fee_note_en = _pair(
        _("About the fee, in Arabic"),
        _("About the fee, in English"),
        required=False,
        max_length=300,
    )
    processing_time_ar, processing_time_en = _pair(
        _("Processing time, in Arabic"),
        _("Processing time, in English"),
        required=False,
        max_length=200,
    )
    processing_days = forms.IntegerField(
        label=_("Processing time in working days"), required=False, min_value=0, max_value=365
    )
    online = forms.BooleanField(label=_("People can apply online"), required=False)
    online_url = forms.URLField(
        label=_("Address of the online service"), required=False, assume_scheme="https"
    )
    in_person = forms.BooleanField(label=_("People can apply in person"), required=False)
    by_phone = forms.BooleanField(label=_("People can apply by phone"), required=False)
    how_to_apply_ar, how_to_apply_en = _pair(
        _("How to apply, in Arabic"), _("How to apply, in English"), long=True, required=False
    )
    keywords_ar, keywords_en = _pair(
        _("Search keywords in Arabic (one per line)"),
        _("Search keywords in English (one per line)"),
        long=True,
        required=False,
    )
    audiences = forms.ModelMultipleChoiceField(
        label=_("Who it is for"),
        queryset=Audience.objects.all(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
    )
    categories = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Category.objects.all(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
    )
    life_events = forms.ModelMultipleChoiceField(
        label=_("Life events"),
        queryset=LifeEvent.objects.all(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    availability = forms.ChoiceField(
        label=_("Availability"), choices=Availability.choices, widget=forms.RadioSelect
    )
    availability_note_ar, availability_note_en = _pair(
        _("Availability notice in Arabic"),
        _("Availability notice in English"),
        required=False,
        max_length=300,
    )
    review_by = forms.DateField(
        label=_("Review by"),
        help_text=_("The date by which someone must check that this page is still right."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if "data" in kwargs and kwargs["data"] is not None:
            kwargs["data"] = self._normalised(kwargs["data"])
        elif args and args[0] is not None:
            args = (self._normalised(args[0]), *args[1:])
        super().__init__(*args, **kwargs)

    @staticmethod
    def _normalised(data: Any) -> Any:
        copy = data.copy()
        for name in ("fee", "processing_days"):
            if name in copy:
                copy[name] = normalise_digits(copy[name]).strip()
        return copy

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if cleaned.get("online") and not cleaned.get("online_url"):
            self.add_error("online_url", _("Enter the address where people apply online."))
        if not any(cleaned.get(name) for name in ("online", "in_person", "by_phone")):
            self.add_error("online", _("Choose at least one way to apply."))
        return cleaned

    @classmethod
    def initial_from(cls, data: dict[str, Any]) -> dict[str, Any]:
        initial = dict(data)
        fee = data.get("fee_fils")
        initial["fee"] = None if fee is None else f"{fee / FILS_PER_DINAR:.3f}"
        return initial

    def revision_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            name: tidy_text(value) if isinstance(value, str) else value
            for name, value in self.cleaned_data.items()
        }
        fee = data.pop("fee")
        data["fee_fils"] = None if fee is None else int(fee * FILS_PER_DINAR)
        for name in ("audiences", "categories", "life_events"):
            data[name] = sorted(item.slug for item in data[name])
        data["review_by"] = data["review_by"].isoformat()
        data["online_url"] = data["online_url"] or ""
        return data


class ProviderContentForm(PortalForm):
    """A provider's directory entry: what it does and how to reach it."""

    description_ar, description_en = _pair(
        _("Description in Arabic"), _("Description in English"), long=True, required=False
    )
    address_ar, address_en = _pair(
        _("Address in Arabic"), _("Address in English"), long=True, required=False, max_length=500
    )
    opening_hours_ar, opening_hours_en = _pair(
        _("Opening hours in Arabic"), _("Opening hours in English"), required=False, max_length=300
    )
    email = forms.EmailField(label=_("Email address"), required=False)
    phone = forms.CharField(
        label=_("Telephone"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "tel", "dir": "ltr"}),
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    def clean_phone(self) -> str:
        return normalise_digits(self.cleaned_data.get("phone", "")).strip()


class SendBackForm(PortalForm):
    """What the approver writes when sending a change back to its author. The
    box follows the rules of every text field of the portal (a length limit,
    no NUL character); on an error the page shows it again with the note as
    typed."""

    note = forms.CharField(
        label=_("What needs to change?"),
        max_length=SEND_BACK_NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "send-back-%s")
        super().__init__(*args, **kwargs)
