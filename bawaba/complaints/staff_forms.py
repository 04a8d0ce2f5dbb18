"""Forms of the complaints back office: one per move of the case page (and
one for a change of priority), each with its words (``MOVE_WORDING``). The
boxes follow the rules of every text box of the portal; the move itself
checks the rest (``staff_actions``), and its refusals come back here, on the
box they are about, with what was typed kept."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from bawaba.cases.models import Priority
from bawaba.complaints.models import Outcome
from bawaba.complaints.staff_actions import TEXT_MAX_LENGTH
from bawaba.core.forms import PortalForm, field_error_items


@dataclass(frozen=True)
class MoveWording:
    title: str | Promise
    button: str | Promise
    intro: str | Promise = ""
    weight: str = "secondary"


MOVE_WORDING: dict[str, MoveWording] = {
    "claim": MoveWording(_("Take this case"), _("Take it"), weight="primary"),
    "assign": MoveWording(_("Give it to a colleague"), _("Assign")),
    "reply": MoveWording(
        _("Reply to the person"),
        _("Send the reply"),
        _("The case stays open. The first reply counts as the first response."),
        weight="primary",
    ),
    "request_information": MoveWording(
        _("Ask the person for more information"),
        _("Send the request"),
        _("The clock stops until the person answers."),
    ),
    "transfer": MoveWording(
        _("Pass it to another provider"),
        _("Pass it on"),
        _(
            "The case keeps its reference number. The person is told which provider "
            "handles it now, and your team no longer sees it."
        ),
    ),
    "close": MoveWording(
        _("Close the case"),
        _("Close"),
        _("The person reads your reply and the outcome."),
        weight="warning",
    ),
    "merge": MoveWording(
        _("Close as a duplicate"),
        _("Close as a duplicate"),
        _(
            "The case is closed with the outcome “Duplicate” and linked to the case kept, "
            "whose history names it. The person reads your reply."
        ),
        weight="warning",
    ),
    "note": MoveWording(_("Internal note"), _("Add note")),
    "priority": MoveWording(_("Change the priority"), _("Change priority")),
    "link": MoveWording(
        _("Link a related case"),
        _("Link"),
        _("Both cases show the link. Only staff see it."),
    ),
}

# Where a refusal (by its code) belongs on the form.
_REFUSAL_FIELDS = {
    "complaints.empty_text": "text",
    "complaints.empty_reason": "reason",
    "complaints.text": "text",
    "complaints.assignee": "assignee",
    "complaints.organisation": "organisation",
    "complaints.outcome": "outcome",
    "complaints.priority": "priority",
    "complaints.reference": "reference",
    "complaints.linked": "reference",
}


def _text_box(label: Any) -> forms.CharField:
    return forms.CharField(
        label=label, max_length=TEXT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 4})
    )


class MoveForm(PortalForm):
    """What a member of staff sends with one move (``move``) of the case page."""

    move = ""

    def __init__(self, data: Any = None, *, initial: dict[str, Any] | None = None) -> None:
        super().__init__(data, initial=initial, auto_id=f"{self.move or 'move'}-%s")
        self.shown = True  # its boxes are on the page (error links can point at them)
        self.stale = False
        self.not_found = False

    def values(self) -> dict[str, Any]:
        """The cleaned values as ``staff_actions.complaint_act`` takes them."""
        data = self.cleaned_data
        return {
            "text": data.get("text", ""),
            "assignee_id": data.get("assignee") or None,
            "organisation_id": data.get("organisation") or None,
            "outcome": data.get("outcome", ""),
            "reference": data.get("reference", ""),
        }

    def refused(self, code: str, message: str) -> None:
        """Put the move's refusal on the box it is about (or above the form)."""
        self.stale = code == "complaints.stale"
        self.not_found = code == "complaints.reference"
        name = _REFUSAL_FIELDS.get(code)
        if name == "text" and "text" not in self.fields and "reason" in self.fields:
            name = "reason"
        self.add_error(name if name in self.fields else None, message)

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


class ClaimForm(MoveForm):
    move = "claim"


class AssignForm(MoveForm):
    move = "assign"

    assignee = forms.ChoiceField(
        label=_("Colleague"),
        error_messages={
            "invalid_choice": _("Choose a colleague who handles this provider's complaints.")
        },
    )

    def __init__(
        self,
        data: Any = None,
        *,
        initial: dict[str, Any] | None = None,
        colleagues: list[tuple[str, str]] | None = None,
    ) -> None:
        super().__init__(data, initial=initial)
        self.fields["assignee"].choices = colleagues or []  # type: ignore[attr-defined]  # a ChoiceField


class ReplyForm(MoveForm):
    move = "reply"

    text = _text_box(_("Reply to the person"))


class RequestInformationForm(MoveForm):
    move = "request_information"

    text = _text_box(_("What you need from the person"))


class TransferForm(MoveForm):
    move = "transfer"

    organisation = forms.ChoiceField(
        label=_("Provider"),
        error_messages={"invalid_choice": _("Choose the provider the case goes to.")},
    )
    text = _text_box(_("Why it goes to this provider"))

    def __init__(
        self,
        data: Any = None,
        *,
        initial: dict[str, Any] | None = None,
        organisations: list[tuple[str, str]] | None = None,
    ) -> None:
        super().__init__(data, initial=initial)
        self.fields["organisation"].choices = [  # type: ignore[attr-defined]  # a ChoiceField
            ("", _("Choose a provider")),
            *(organisations or []),
        ]


class NoteForm(MoveForm):
    move = "note"

    text = _text_box(_("Note for colleagues (never shown to the person)"))


class CloseForm(MoveForm):
    move = "close"

    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[("", _("Choose the outcome")), *Outcome.choices],
        error_messages={"invalid_choice": _("Choose the outcome.")},
    )
    text = _text_box(_("Reply to the person"))


def _reference_box(label: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=30,
        help_text=_("For example CMP-7K3Q-9MXD"),
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off", "spellcheck": "false"}),
    )


class MergeForm(MoveForm):
    move = "merge"

    reference = _reference_box(_("Reference number of the case kept"))
    text = _text_box(_("Reply to the person"))


class LinkForm(MoveForm):
    move = "link"

    reference = _reference_box(_("Reference number of the related case"))


class PriorityForm(MoveForm):
    move = "priority"

    priority = forms.TypedChoiceField(
        label=_("Priority"),
        choices=Priority.choices,
        coerce=int,
        error_messages={"invalid_choice": _("Choose the priority.")},
    )
    reason = _text_box(_("Why the priority changes"))


MOVE_FORMS: dict[str, type[MoveForm]] = {
    form.move: form
    for form in (
        ClaimForm,
        AssignForm,
        ReplyForm,
        RequestInformationForm,
        TransferForm,
        NoteForm,
        CloseForm,
        MergeForm,
        PriorityForm,
        LinkForm,
    )
}
