"""Forms of the provider's e-service pages: when a version comes into force,
pausing or retiring the service, and the moves of the case page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bawaba.core.forms import PortalForm, field_error_items
from bawaba.eservices.cases import (
    MESSAGE_MAX_LENGTH,
    MESSAGE_MOVES,
    NOTE_MAX_LENGTH,
    RECEIPT_MAX_LENGTH,
)

_DIRECTION = {"ar": "rtl", "en": "ltr"}
# Where a refusal of the move (by its code) belongs on the form.
_REFUSAL_FIELDS = {
    "eservices.case.reason": "reason",
    "eservices.case.empty_note": "note",
    "eservices.case.assignee": "assignee",
    "eservices.payment.reference": "receipt",
}


class PublishForm(PortalForm):
    """The approver's decision on a version, and optionally when it starts."""

    available_from = forms.DateTimeField(
        label=_("Open to applicants from (optional)"),
        help_text=_(
            "Bahrain time. Leave it empty to publish now. Until then, new applications "
            "use the version in force, if any."
        ),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    note = forms.CharField(
        label=_("What needs changing (when you send it back)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.is_bound and self.data.get("decision") != "publish":
            # Sending back: a date typed meanwhile, even a wrong one, does not matter.
            del self.fields["available_from"]

    def clean_available_from(self) -> Any:
        value = self.cleaned_data.get("available_from")
        if value is not None and value <= timezone.now():
            raise forms.ValidationError(
                _("Choose a time in the future, or leave it empty to publish now."),
                code="past",
            )
        return value


class PauseForm(PortalForm):
    message_ar = forms.CharField(
        label=_("Message to applicants in Arabic"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "lang": "ar", "dir": "rtl"}),
    )
    message_en = forms.CharField(
        label=_("Message to applicants in English"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "lang": "en", "dir": "ltr"}),
    )


class RetireForm(PortalForm):
    confirm = forms.BooleanField(
        label=_(
            "I understand that people can no longer apply for this service online, "
            "and that only a portal administrator can undo this."
        ),
    )


class CaseMoveForm(PortalForm):
    """What a member of staff writes with one move on the case page: a prepared
    reason and a message to the applicant in both languages, an internal note,
    a receipt number, or the colleague to give it to. The boxes follow the
    rules of every text field of the portal (a length limit, no NUL
    character); the move itself checks the rest (``cases.case_act``), and its
    refusals come back here on the box they are about."""

    def __init__(
        self,
        data: Any = None,
        *,
        initial: dict[str, Any] | None = None,
        move: str,
        reasons: list[tuple[str, str]] | None = None,
        colleagues: list[tuple[str, str]] | None = None,
        shown: bool = True,
    ) -> None:
        super().__init__(data, initial=initial, auto_id=f"{move}-%s")
        self.move = move
        self.shown = shown  # its boxes are on the page (error links can point at them)
        self.stale = False
        if move in MESSAGE_MOVES:
            if reasons:
                self.fields["reason"] = forms.ChoiceField(
                    label=_("Prepared reason"),
                    required=False,
                    choices=[("", _("None: I will write the message")), *reasons],
                    error_messages={"invalid_choice": _("Choose one of the reasons listed.")},
                )
            optional = "" if MESSAGE_MOVES[move] else " " + str(_("(optional)"))
            for language, label in (
                ("ar", _("Message to the applicant in Arabic")),
                ("en", _("Message to the applicant in English")),
            ):
                self.fields[f"message_{language}"] = forms.CharField(
                    label=f"{label}{optional}",
                    required=False,
                    max_length=MESSAGE_MAX_LENGTH,
                    widget=forms.Textarea(
                        attrs={"rows": 3, "lang": language, "dir": _DIRECTION[language]}
                    ),
                )
        elif move == "note":
            self.fields["note"] = forms.CharField(
                label=_("Note for colleagues (never shown to the applicant)"),
                max_length=NOTE_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        elif move == "record_payment":
            self.fields["receipt"] = forms.CharField(
                label=_("Receipt number"),
                max_length=RECEIPT_MAX_LENGTH,
                widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off"}),
                error_messages={"required": _("Enter the receipt number of the payment.")},
            )
        elif move == "assign":
            self.fields["assignee"] = forms.ChoiceField(
                label=_("Colleague"),
                choices=colleagues or [],
                error_messages={
                    "invalid_choice": _(
                        "Choose a colleague who handles this provider's applications."
                    ),
                },
            )

    def values(self) -> dict[str, Any]:
        """The cleaned values as ``cases.case_act`` takes them."""
        data = self.cleaned_data
        return {
            "reason_id": data.get("reason", ""),
            "message": {"ar": data.get("message_ar", ""), "en": data.get("message_en", "")},
            "note": data.get("note", ""),
            "assignee_id": data.get("assignee") or None,
            "receipt": data.get("receipt", ""),
        }

    def refused(self, code: str, message: str) -> None:
        """Put the move's refusal on the box it is about (or above the form)."""
        self.stale = code == "eservices.case.stale"
        field = _REFUSAL_FIELDS.get(code)
        if code == "eservices.case.one_language" or code == "eservices.case.no_reason":
            empty = [name for name in ("message_ar", "message_en") if not self.data.get(name)]
            field = empty[0] if empty else "message_ar"
        if field == "reason" and field not in self.fields:
            field = None
        self.add_error(field if field in self.fields else None, message)

    def error_items(self) -> list[tuple[str, str]]:
        """For the error summary: links to the boxes when they are on the page."""
        items = [("", str(message)) for message in self.non_field_errors()]
        for bound in self:
            items.extend(
                field_error_items(bound)
                if self.shown
                else [("", str(message)) for message in bound.errors]
            )
        return items
