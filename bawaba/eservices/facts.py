"""What a published e-service tells people before they start — its fee, its
processing time and the documents to have ready — read from its definition,
the one source of what is charged and enforced. The start page and the
service page both show these, so they cannot disagree."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from bawaba.core.money import format_dinars
from bawaba.eservices.fields import text_in


@dataclass(frozen=True)
class EServiceFacts:
    fee: str  # in words, in the page's language
    fee_fils: int | None  # the one amount everybody pays, or None when it depends
    processing_days: int
    processing_time: str
    documents: list[str]


def _question_label(data: Mapping[str, Any], question_id: str, language: str) -> str:
    """The label to quote inside the fee sentence, without a full stop of its own
    (the sentence brings one)."""
    for page in data["pages"]:
        for question in page["questions"]:
            if question["id"] == question_id:
                return text_in(question["label"], language).strip().rstrip(".").rstrip()
    return question_id


# A sentence's closing full stop after a quotation that already ends with a mark
# of its own: "… to “Why are you renewing the card?”." or "… عن «لماذا تجدّدون البطاقة؟»."
_STOP_AFTER_OWN_MARK = re.compile(r"([.?!؟…])([”»\"’]*)\.$")


def _one_closing_mark(sentence: str) -> str:
    """``sentence`` ending in one mark, not a quoted question's and then a full stop."""
    return _STOP_AFTER_OWN_MARK.sub(r"\1\2", sentence.rstrip())


def fee_text(rule: Mapping[str, Any], data: Mapping[str, Any], language: str) -> str:
    """The fee rule in words: "Free", "BD 3.000", a range by answer, or a
    base plus an amount per unit. A sentence ends in exactly one mark, so that
    the start page can follow it with the next sentence."""
    return _one_closing_mark(_fee_words(rule, data, language))


def _fee_words(rule: Mapping[str, Any], data: Mapping[str, Any], language: str) -> str:
    kind = rule["kind"]
    if kind == "none":
        return _("Free")
    if kind == "fixed":
        return format_dinars(int(rule["amount_fils"]), language)
    question = _question_label(data, rule["question"], language)
    if kind == "by_choice":
        amounts = sorted({int(amount) for amount in rule["amounts_fils"].values()})
        if len(amounts) == 1:
            return format_dinars(amounts[0], language)
        return _("From %(low)s to %(high)s, depending on your answer to “%(question)s”.") % {
            "low": format_dinars(amounts[0], language),
            "high": format_dinars(amounts[-1], language),
            "question": question,
        }
    unit = format_dinars(int(rule["unit_fils"]), language)
    base = int(rule.get("base_fils", 0))
    if base:
        return _("%(base)s, plus %(unit)s for each one in your answer to “%(question)s”.") % {
            "base": format_dinars(base, language),
            "unit": unit,
            "question": question,
        }
    return _("%(unit)s for each one in your answer to “%(question)s”.") % {
        "unit": unit,
        "question": question,
    }


def _single_amount(rule: Mapping[str, Any]) -> int | None:
    if rule["kind"] == "none":
        return 0
    if rule["kind"] == "fixed":
        return int(rule["amount_fils"])
    if rule["kind"] == "by_choice":
        amounts = {int(amount) for amount in rule["amounts_fils"].values()}
        return amounts.pop() if len(amounts) == 1 else None
    return None


def definition_facts(data: Mapping[str, Any], language: str | None = None) -> EServiceFacts:
    language = language or get_language() or "ar"
    days = int(data["sla_working_days"])
    return EServiceFacts(
        fee=fee_text(data["fee"], data, language),
        fee_fils=_single_amount(data["fee"]),
        processing_days=days,
        processing_time=ngettext("%(days)s working day", "%(days)s working days", days)
        % {"days": days},
        # The start page lists them in a sentence of its own, which brings the full stop.
        documents=[
            text_in(question["label"], language).strip().rstrip(".").rstrip()
            for page in data["pages"]
            for question in page["questions"]
            if question["type"] == "file"
        ],
    )
