"""Turning a definition's page into a Django form, and answers into stored values.

The browser is never trusted: every answer is checked here, on the server,
against its question (type, required, limits, pattern, allowed files), in the
page's language. Stored answers are plain JSON values: text, whole numbers or
decimal strings, ISO dates, true/false, lists of choices, and for an address a
mapping of its parts. Uploaded files are checked by content (their first
bytes), not by their name.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.utils import formats
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bawaba.core.forms import field_error_items
from bawaba.core.identifiers import normalise_digits
from bawaba.eservices.conditions import condition_holds, condition_questions
from bawaba.eservices.dates import DateRules, date_rule_broken, months_later
from bawaba.eservices.fields import (  # noqa: F401  # re-exported: the question engine's names
    CONTENT_TYPES,
    DocumentField,
    question_field,
    sniff,
    text_in,
)
from bawaba.eservices.groups import GroupBlock, QuietForm, answer_initial, answer_to_json

# Prefill sources that are the account's identity, fixed when the account was
# made: a question they fill is read-only, and sending reads it again.
IDENTITY_SOURCES = frozenset({"name", "cpr", "passport_number", "nationality"})


def questions_shown(
    questions: list[Mapping[str, Any]], answers: Mapping[str, Any]
) -> list[Mapping[str, Any]]:
    return [question for question in questions if condition_holds(question.get("show_if"), answers)]


def _posted(page: Mapping[str, Any], data: Any) -> dict[str, Any]:
    """This page's answers as posted, read just well enough to decide which of
    its own conditional questions apply (they are checked properly after)."""
    posted: dict[str, Any] = {}
    for question in page["questions"]:
        name, kind = question["id"], question["type"]
        if name not in data:
            continue
        if kind == "yes_no":
            posted[name] = data.get(name) == "yes"
        elif kind == "number":
            # As it will be stored (3, not "3"), so that a condition on it
            # decides the same now as when the application is checked again.
            try:
                posted[name] = answer_to_json(Decimal(normalise_digits(str(data.get(name)))))
            except (InvalidOperation, ValueError):
                posted[name] = data.get(name)
        elif kind == "multiple_choice":
            posted[name] = data.getlist(name) if hasattr(data, "getlist") else data.get(name)
        else:
            posted[name] = data.get(name)
    return posted


def _stored_date(value: Any) -> datetime.date | None:
    try:
        return parse_date(str(value or ""))
    except ValueError:  # well formed but not a day, such as 2027-02-30
        return None


class PageForm(QuietForm):
    """The questions of one page that apply, given the answers so far.

    A question that depends on another question of the same page is shown
    from the start (so the page works without JavaScript), marked as needed
    only for some answers, and checked only when the posted answers call for it.
    Questions not answered yet start with the profile's value when the
    definition says so (``known``: "tell us once"). Repeating groups are asked
    by a ``GroupBlock`` each, in their place on the page (``parts``). A
    ``quiet`` form keeps what was posted and shows no errors: it is the page
    again after "Add another" or "Remove".
    """

    def __init__(
        self,
        *args: Any,
        page: Mapping[str, Any],
        answers: Mapping[str, Any],
        language: str,
        quiet: bool = False,
        known: Mapping[str, Any] | None = None,
        preview: bool = False,
        definition: Mapping[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.page = page
        self.quiet = quiet
        # For rules that look at answers of other pages (a date some months
        # after another): the stored answers, and the definition to name them.
        self.stored_answers = answers
        self.language = language
        self.definition_pages = definition["pages"] if definition else [page]
        own = {question["id"] for question in page["questions"]}
        if self.is_bound:
            current = {**answers, **_posted(page, self.data)}
            shown = questions_shown(page["questions"], current)
        else:
            # What applies, what depends on this page's own answers (so no
            # script is needed), and in a preview every question.
            shown = [
                question
                for question in page["questions"]
                if preview
                or condition_holds(question.get("show_if"), answers)
                or (
                    question.get("show_if") and set(condition_questions(question["show_if"])) <= own
                )
            ]
        self.questions = [question for question in shown if question["type"] != "group"]
        self.groups = {
            question["id"]: GroupBlock(
                question,
                data=self.data if self.is_bound else None,
                stored=answers.get(question["id"]),
                language=language,
                quiet=quiet,
                prefix=self.prefix,
            )
            for question in shown
            if question["type"] == "group"
        }
        self.shown = shown
        for question in self.questions:
            field = question_field(question, language)
            if not self.is_bound and not condition_holds(question.get("show_if"), answers):
                field.help_text = " ".join(
                    part
                    for part in (str(field.help_text), _("Needed only for some answers above."))
                    if part
                )
            self.fields[question["id"]] = field
            source = question.get("prefill")
            if known and source in IDENTITY_SOURCES and source in known:
                # Identity from the account: shown, never answered otherwise
                # (a disabled field ignores what is posted and keeps this value).
                field.disabled = True
                self.initial[question["id"]] = known[source]
                field.help_text = " ".join(
                    part
                    for part in (
                        str(field.help_text),
                        _("From your account. It cannot be changed here."),
                    )
                    if part
                )
            elif question["id"] in answers and question["type"] != "file":
                self.initial[question["id"]] = answer_initial(question, answers[question["id"]])
            elif known and question.get("prefill") in known:
                # Not answered yet (a question that applied only after an answer
                # on this page): what the profile says, for the applicant to check.
                self.initial[question["id"]] = known[question["prefill"]]

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        for question in self.questions:
            rule = question.get("months_after")
            day = cleaned.get(question["id"])
            if not rule or not isinstance(day, datetime.date):
                continue
            other_id = rule["question"]
            other = (
                cleaned.get(other_id)
                if other_id in self.fields
                else _stored_date(self.stored_answers.get(other_id))
            )
            if not isinstance(other, datetime.date):
                continue
            rules = DateRules(months_after=rule["months"])
            if date_rule_broken(day, rules, today=day, other=other) is None:
                continue
            other_question = next(
                (
                    item
                    for page in self.definition_pages
                    for item in page["questions"]
                    if item["id"] == other_id
                ),
                None,
            )
            self.add_error(
                question["id"],
                ngettext(
                    "“%(label)s” must be at least %(count)s month after “%(other)s”: "
                    "%(date)s or later.",
                    "“%(label)s” must be at least %(count)s months after “%(other)s”: "
                    "%(date)s or later.",
                    rule["months"],
                )
                % {
                    "label": self.fields[question["id"]].label,
                    "count": rule["months"],
                    "other": text_in(other_question["label"], self.language)
                    if other_question
                    else other_id,
                    "date": formats.date_format(months_later(other, rule["months"]), "j F Y"),
                },
            )
        return cleaned

    def full_clean(self) -> None:
        super().full_clean()
        if self.quiet or not self.is_bound:
            return
        for name, group in self.groups.items():
            if not group.is_valid():
                # Recorded under the group's id so that the form is not valid;
                # the group shows its own messages in place.
                self._errors[name] = self.error_class(
                    [message for _anchor, message in group.error_items()]
                )

    @property
    def parts(self) -> list[tuple[str, Any]]:
        """The page in order: ("field", bound field) or ("group", GroupBlock)."""
        return [
            ("group", self.groups[question["id"]])
            if question["type"] == "group"
            else ("field", self[question["id"]])
            for question in self.shown
        ]

    def error_items(self) -> list[tuple[str, str]]:
        """(anchor, message) pairs for the error summary, in page order."""
        if self.quiet or not self.is_bound:
            return []
        items = [("", str(message)) for message in self.non_field_errors()]
        for kind, part in self.parts:
            if kind == "group":
                items.extend(part.error_items())
            else:
                items.extend(field_error_items(part))
        return items

    def answers(self) -> dict[str, Any]:
        """The cleaned answers as JSON values (files are returned separately)."""
        stored: dict[str, Any] = {}
        for question in self.questions:
            value = self.cleaned_data.get(question["id"])
            if question["type"] == "file":
                continue
            stored[question["id"]] = answer_to_json(value)
        for name, group in self.groups.items():
            stored[name] = group.value
        return stored

    def uploads(self) -> dict[str, UploadedFile]:
        return {
            question["id"]: self.cleaned_data[question["id"]]
            for question in self.questions
            if question["type"] == "file"
            and isinstance(self.cleaned_data.get(question["id"]), UploadedFile)
        }
