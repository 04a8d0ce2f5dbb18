"""Where an applicant is in a definition: which pages apply, which come before
and after, what is still missing, and how stored answers read back."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils import formats
from django.utils.dateparse import parse_date
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django_countries import countries

from bawaba.core.forms import ADDRESS_PARTS, address_text
from bawaba.core.templatetags.portal import mobile_display
from bawaba.core.text import join_list
from bawaba.eservices.conditions import condition_holds
from bawaba.eservices.questions import PageForm, questions_shown, text_in


def pages_shown(definition: Mapping[str, Any], answers: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [page for page in definition["pages"] if condition_holds(page.get("show_if"), answers)]


def steps_may_change(definition: Mapping[str, Any]) -> bool:
    """Whether answers can add or remove pages, so "Step 2 of 4" may become "of 5"."""
    return any(page.get("show_if") for page in definition["pages"])


def page_get(definition: Mapping[str, Any], page_id: str) -> dict[str, Any] | None:
    return next((page for page in definition["pages"] if page["id"] == page_id), None)


def page_neighbours(
    definition: Mapping[str, Any], answers: Mapping[str, Any], page_id: str
) -> tuple[str | None, str | None]:
    """The ids of the applicable pages before and after ``page_id``."""
    ids = [page["id"] for page in pages_shown(definition, answers)]
    if page_id not in ids:
        return (ids[-1] if ids else None), (ids[0] if ids else None)
    index = ids.index(page_id)
    before = ids[index - 1] if index > 0 else None
    after = ids[index + 1] if index + 1 < len(ids) else None
    return before, after


def answers_pruned(definition: Mapping[str, Any], answers: Mapping[str, Any]) -> dict[str, Any]:
    """Only the answers to questions that still apply: changing an earlier
    answer can hide a later question, and its old answer must not count."""
    kept: dict[str, Any] = {}
    for page in pages_shown(definition, answers):
        for question in questions_shown(page["questions"], answers):
            if question["id"] in answers:
                kept[question["id"]] = answers[question["id"]]
    return kept


def form_data(
    questions: list[Mapping[str, Any]], answers: Mapping[str, Any], prefix: str = ""
) -> dict[str, Any]:
    """Stored answers as the form would post them, to check them again."""
    data: dict[str, Any] = {}
    for question in questions:
        name, kind = question["id"], question["type"]
        value = answers.get(name)
        if value is None:
            continue
        name = f"{prefix}{name}"
        if kind == "group":
            entries = [entry for entry in value if isinstance(entry, Mapping)]
            data[f"{name}-count"] = len(entries)
            for index, entry in enumerate(entries):
                data.update(form_data(question["questions"], entry, f"{name}-{index}-"))
        elif kind == "yes_no":
            data[name] = "yes" if value else "no"
        elif kind == "address" and isinstance(value, Mapping):
            for part in ADDRESS_PARTS:
                data[f"{name}_{part}"] = value.get(part, "")
        elif kind == "declaration":
            if value:
                data[name] = "on"
        else:
            data[name] = value
    return data


def first_incomplete_page(
    definition: Mapping[str, Any],
    answers: Mapping[str, Any],
    uploaded: set[str],
    language: str,
) -> str | None:
    """The first applicable page whose stored answers do not pass its checks
    now (on the server, whatever the browser sent before), or None."""
    for page in pages_shown(definition, answers):
        form = PageForm(
            form_data(page["questions"], answers),
            page=page,
            answers=answers,
            language=language,
            definition=definition,
        )
        for question in form.questions:
            if question["type"] == "file" and question["id"] in uploaded:
                form.fields[question["id"]].required = False
        if not form.is_valid():
            return str(page["id"])
    return None


def answer_anchor(question: Mapping[str, Any], entry: int = 0) -> str:
    """The id of the first box of a question (of ``entry`` for a repeating
    group), where a "Change" link takes the applicant."""
    if question["type"] == "group":
        first = question["questions"][0]
        return answer_anchor(first).replace("id_", f"id_{question['id']}-{entry}-", 1)
    if question["type"] == "address":
        return f"id_{question['id']}_0"  # the flat number: the address has no box of its own
    return f"id_{question['id']}"


def group_rows(
    question: Mapping[str, Any], value: Any, language: str, page_url: str | None
) -> list[tuple[str, str, str | None]]:
    """A repeating group's entries as summary rows: "Family member 1" and its
    answers as a list, one row per entry, each changed at its own boxes. Each
    answer sits in its own isolate, as a single answer's row does: a Latin name
    on an Arabic page (or a number) keeps its order and leaves the label's alone."""
    entries = [entry for entry in value or [] if isinstance(entry, Mapping)]
    if not entries:
        link = f"{page_url}#{answer_anchor(question)}" if page_url else None
        return [(text_in(question["label"], language), "", link)]
    title = text_in(question.get("item_label"), language) or text_in(question["label"], language)
    rows: list[tuple[str, str, str | None]] = []
    for index, entry in enumerate(entries):
        pairs = [
            (
                text_in(inner["label"], language),
                answer_display(inner, entry.get(inner["id"]), language, {}),
            )
            for inner in question["questions"]
            if entry.get(inner["id"]) not in (None, "", [])
        ]
        listing = format_html(
            '<ul class="list-plain">{}</ul>',
            format_html_join("", '<li>{}: <bdi dir="auto">{}</bdi></li>', pairs),
        )
        link = f"{page_url}#{answer_anchor(question, index)}" if page_url else None
        rows.append((f"{title} {index + 1}", listing, link))
    return rows


def answer_display(
    question: Mapping[str, Any], value: Any, language: str, documents: Mapping[str, str]
) -> str:
    """An answer as the check-your-answers page and the case page show it."""
    kind = question["type"]
    if kind == "file":
        return documents.get(question["id"], "")
    if value in (None, "", []):
        return ""
    if kind in ("choice", "multiple_choice"):
        labels: dict[str, str] = {
            option["value"]: text_in(option["label"], language) for option in question["options"]
        }
        chosen = value if isinstance(value, list) else [value]
        return join_list((labels.get(str(item), str(item)) for item in chosen), language)
    if kind in ("yes_no", "declaration"):
        return _("Yes") if value else _("No")
    if kind == "date":
        day = parse_date(str(value))
        return formats.date_format(day, "j F Y") if day else str(value)
    if kind == "mobile":
        return mobile_display(str(value))
    if kind == "nationality":
        return str(countries.name(str(value))) or str(value)
    if kind == "address" and isinstance(value, Mapping):
        return address_text(value, language)
    return str(value)
