"""What the applicant's pages and the provider's case page both show of an
application: its state's colour and its answers page by page. Neither side's
views import the other's; both read from here."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from bawaba.eservices import actions
from bawaba.eservices.journey import answer_anchor, answer_display, group_rows, pages_shown
from bawaba.eservices.models import Application, ApplicationState
from bawaba.eservices.questions import questions_shown, text_in

STATE_COLOURS: dict[str, str] = {
    ApplicationState.DRAFT: "grey",
    ApplicationState.AWAITING_PAYMENT: "yellow",
    ApplicationState.SUBMITTED: "blue",
    ApplicationState.IN_REVIEW: "blue",
    ApplicationState.MORE_INFORMATION: "yellow",
    ApplicationState.AWAITING_APPROVAL: "blue",
    ApplicationState.APPROVED: "green",
    ApplicationState.REJECTED: "red",
    ApplicationState.WITHDRAWN: "grey",
    ApplicationState.EXPIRED: "grey",
}


def state_colour(state: str) -> str:
    return STATE_COLOURS.get(state, "grey")


def page_language() -> str:
    """The language a definition's texts are read in on this page."""
    return "en" if get_language() == "en" else "ar"


def _same_identity(
    question: Mapping[str, Any], answer: Any, account: Any, application: Application
) -> bool:
    if question.get("prefill") == "name":
        applicant = application.applicant
        return str(answer or "").strip() in {applicant.name_ar, applicant.name_en, str(account)}
    return bool(answer == account)


def answers_summary(application: Application, *, editable: bool = True) -> list[dict[str, Any]]:
    """Each applicable page's questions and answers, with change links while
    the applicant may still change them. An answer about identity that is not
    what the account holds (sent before identity was read from the account)
    shows the account's value beside it."""
    data = application.definition.data
    language = page_language()
    documents = {
        document.question: document.original_name for document in application.documents.all()
    }
    identity = actions.identity_answers(data, application.applicant, language)
    sections = []
    for item in pages_shown(data, application.answers):
        rows = []
        for question in questions_shown(item["questions"], application.answers):
            page_url = (
                reverse(
                    "eservices:page",
                    kwargs={"application_id": application.pk, "page_id": item["id"]},
                )
                + "?check=1"
                if editable and application.state == ApplicationState.DRAFT
                else None
            )
            if question["type"] == "group":
                rows.extend(
                    group_rows(
                        question, application.answers.get(question["id"]), language, page_url
                    )
                )
                continue
            change_url = f"{page_url}#{answer_anchor(question)}" if page_url else None
            label = (
                text_in(question["statement"])
                if question["type"] == "declaration"
                else text_in(question["label"])
            )
            answer = application.answers.get(question["id"])
            shown = answer_display(question, answer, language, documents)
            if question["id"] in identity and not _same_identity(
                question, answer, identity[question["id"]], application
            ):
                shown = format_html(
                    '<bdi dir="auto">{}</bdi><br>'
                    '<strong class="hint">{} <bdi dir="auto">{}</bdi></strong>',
                    shown or "—",
                    _("The account says:"),
                    answer_display(question, identity[question["id"]], language, {}),
                )
            rows.append((label, shown, change_url))
        sections.append({"title": text_in(item["title"]), "rows": rows})
    return sections
