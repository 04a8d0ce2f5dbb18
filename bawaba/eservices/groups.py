"""Repeating groups of questions (one family member, say): an entry per
numbered fieldset, "Add another" and "Remove" buttons that work without
JavaScript, and the pieces every page form shares with them: a form that can
come back quietly (what was posted kept, no errors shown), and answers as
stored JSON values."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django import forms
from django.forms.utils import ErrorDict
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bawaba.core.forms import PortalForm, error_anchor, form_error_items, sentence_end
from bawaba.core.identifiers import normalise_digits
from bawaba.eservices.definition import MAX_GROUP_ITEMS
from bawaba.eservices.fields import question_field, text_in

# An entry's number in a posted name: ASCII digits, and few of them.
_ENTRY_NUMBER = re.compile(r"[0-9]{1,3}")


def answer_initial(question: Mapping[str, Any], value: Any) -> Any:
    """A stored answer as the form field shows it."""
    if question["type"] == "yes_no" and isinstance(value, bool):
        return "yes" if value else "no"
    return value


class QuietForm(PortalForm):
    """A form that, when ``quiet``, keeps what was posted and shows no errors:
    the page again after "Add another" or "Remove"."""

    quiet = False

    def full_clean(self) -> None:
        if self.quiet:
            self._errors = ErrorDict()
            self.cleaned_data = {}
            return
        super().full_clean()


class ItemForm(QuietForm):
    """One entry of a repeating group (one family member, say)."""

    def __init__(
        self,
        *args: Any,
        questions: list[Mapping[str, Any]],
        language: str,
        quiet: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.quiet = quiet
        for question in questions:
            self.fields[question["id"]] = question_field(question, language)

    def answers(self) -> dict[str, Any]:
        return {
            question["id"]: answer_to_json(self.cleaned_data.get(question["id"]))
            for question in self.questions
        }


class GroupBlock:
    """A repeating group on a page: a numbered fieldset per entry, with
    "Add another" and "Remove" buttons that work without JavaScript.

    Posted entries are named ``<group>-<n>-<question>`` and counted by
    ``<group>-count``. An entry left entirely blank is dropped; a started one
    is checked like any other answer. Adding or removing an entry posts the
    page, which comes back with everything typed so far and no errors shown.
    """

    ADD = "_group_add"
    REMOVE = "_group_remove"

    def __init__(
        self,
        question: Mapping[str, Any],
        *,
        data: Any,
        stored: Any,
        language: str,
        quiet: bool,
        prefix: str | None = None,
    ) -> None:
        self.question = question
        self.name = str(question["id"])
        # What its boxes are named after: the question's id, under the form's
        # prefix when it has one (the approver's preview shows every page).
        self.html_name = f"{prefix}-{self.name}" if prefix else self.name
        self.language = language
        self.label = text_in(question["label"], language)
        self.hint = text_in(question.get("hint"), language)
        self.item_label = text_in(question.get("item_label"), language) or self.label
        self.add_label = text_in(question.get("add_label"), language) or _("Add another entry")
        self.max_items = int(question.get("max_items", MAX_GROUP_ITEMS))
        self.min_items = int(question.get("min_items", 1 if question.get("required") else 0))
        self.quiet = quiet
        self.errors: list[str] = []
        self.value: list[dict[str, Any]] = []
        self._valid: bool | None = None
        if data is None:
            items = stored if isinstance(stored, list) else []
            self.forms = [
                self._form(None, index, item if isinstance(item, Mapping) else {})
                for index, item in enumerate(items[: self.max_items])
            ] or [self._form(None, 0, {})]
        else:
            self.forms = [self._form(data, index, {}) for index in range(self._count(data))]

    def _form(self, data: Any, index: int, item: Mapping[str, Any]) -> ItemForm:
        inner = self.question["questions"]
        return ItemForm(
            data,
            questions=inner,
            language=self.language,
            prefix=f"{self.html_name}-{index}",
            quiet=self.quiet,
            initial={
                question["id"]: answer_initial(question, item[question["id"]])
                for question in inner
                if question["id"] in item
            },
        )

    def _count(self, data: Any) -> int:
        return min(_posted_count(data, self.html_name), self.max_items)

    def focus_last(self) -> None:
        """After "Add another": the new entry's first box takes the focus (the
        first one-box question; radio buttons and address parts would each
        take the attribute)."""
        if not self.forms:
            return
        for question in self.question["questions"]:
            field = self.forms[-1].fields[question["id"]]
            if not isinstance(field.widget, forms.RadioSelect | forms.MultiWidget):
                field.widget.attrs["autofocus"] = True
                return

    @property
    def count(self) -> int:
        return len(self.forms)

    @property
    def can_add(self) -> bool:
        return self.count < self.max_items

    def entries(self) -> list[tuple[int, ItemForm]]:
        return list(enumerate(self.forms, start=1))

    def is_valid(self) -> bool:
        if self.quiet:
            return False
        if self._valid is None:
            kept = [form for form in self.forms if form.has_changed()]
            # Every entry is checked (not only up to the first bad one), so
            # that the page lists every problem at once.
            results = [form.is_valid() for form in kept]
            valid = all(results)
            if len(kept) < self.min_items:
                valid = False
                self.errors.append(
                    sentence_end(
                        ngettext(
                            "Add at least %(count)s entry to “%(label)s”.",
                            "Add at least %(count)s entries to “%(label)s”.",
                            self.min_items,
                        )
                        % {"count": self.min_items, "label": self.label}
                    )
                )
            self.value = [form.answers() for form in kept] if valid else []
            self._valid = valid
        return self._valid

    def error_items(self) -> list[tuple[str, str]]:
        """(anchor, message) pairs for the page's error summary."""
        if self.quiet:
            return []
        anchor = f"{self.html_name}-add"
        if self.forms:
            anchor = error_anchor(self.forms[0][self.question["questions"][0]["id"]])
        items = [(anchor, message) for message in self.errors]
        for form in self.forms:
            if form.is_bound and form.has_changed():
                items.extend(form_error_items(form))
        return items


def group_data_rearranged(data: Any, page: Mapping[str, Any]) -> Any:
    """The posted data with an entry added to or removed from a group, as the
    "Add another" and "Remove" buttons ask; None when neither was pressed."""
    limits = {
        str(question["id"]): int(question.get("max_items", MAX_GROUP_ITEMS))
        for question in page["questions"]
        if question["type"] == "group"
    }
    added = str(data.get(GroupBlock.ADD, ""))
    name, _sep, index_text = str(data.get(GroupBlock.REMOVE, "")).rpartition("-")
    changed = data.copy()
    if added in limits:
        count = min(_posted_count(data, added) + 1, limits[added])
        changed[f"{added}-count"] = str(count)
        return changed
    if name in limits and _ENTRY_NUMBER.fullmatch(index_text):
        index, count = int(index_text), min(_posted_count(data, name), limits[name])
        if index >= count:
            return changed  # no such entry: the page again, as it was
        for position in range(index, count):
            for key in [key for key in changed if key.startswith(f"{name}-{position}-")]:
                values = changed.getlist(key)
                del changed[key]
                if position > index:
                    rest = key[len(f"{name}-{position}-") :]
                    changed.setlist(f"{name}-{position - 1}-{rest}", values)
        changed[f"{name}-count"] = str(max(count - 1, 0))
        return changed
    return None


def _posted_count(data: Any, name: str) -> int:
    """How many entries of group ``name`` were posted: the count the page sent,
    or more if answers for later entries came with it (nothing typed is lost
    to a wrong count)."""
    count_text = normalise_digits(str(data.get(f"{name}-count", "1"))).strip()
    declared = int(count_text) if _ENTRY_NUMBER.fullmatch(count_text) else 1
    seen = 0
    for key in data:
        index, _sep, _rest = str(key).removeprefix(f"{name}-").partition("-")
        if str(key).startswith(f"{name}-") and _ENTRY_NUMBER.fullmatch(index):
            seen = max(seen, int(index) + 1)
    return max(declared, seen, 0)


def answer_to_json(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else str(value.normalize())
    if isinstance(value, datetime.date):
        return value.isoformat()
    if value in (None, ""):
        return None
    return value
