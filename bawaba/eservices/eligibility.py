"""Who may start an application: checked before the first question, with a
plain explanation for anyone who may not."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Protocol

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bawaba.core.identifiers import age_in_years, cpr_birth_month


class Applicant(Protocol):
    kind: str
    residency: str
    cpr: str


def eligibility_problems(
    rules: Mapping[str, Any] | None, applicant: Applicant, *, today: datetime.date
) -> list[str]:
    """Why ``applicant`` may not apply, in the page's language; empty when they may.

    Age counts from the first day of the birth month in the CPR number (the
    number carries no day), so someone reaches an age limit in their birth month.
    """
    rules = rules or {}
    problems: list[str] = []
    kinds = rules.get("account_kinds", ["individual", "business_representative"])
    if applicant.kind not in kinds:
        problems.append(
            _("This service is only for individuals.")
            if kinds == ["individual"]
            else _("This service is only for business representatives.")
            if kinds == ["business_representative"]
            else _("Staff accounts cannot apply for services.")
        )
    residency = rules.get("residency")
    if residency and applicant.residency not in residency:
        names = {"citizen": _("citizens"), "resident": _("residents"), "visitor": _("visitors")}
        separator = _(" and ")
        problems.append(
            _("This service is only for %(who)s.")
            % {"who": separator.join(str(names[item]) for item in residency)}
        )
    if "min_age" in rules or "max_age" in rules:
        born = cpr_birth_month(applicant.cpr, today)
        if born is None:
            problems.append(
                _("This service checks your age from your CPR number, and your account has none.")
            )
        else:
            age = age_in_years(born, today)
            if age < rules.get("min_age", 0):
                problems.append(too_young_text(rules["min_age"]))
            if age > rules.get("max_age", 200):
                problems.append(too_old_text(rules["max_age"]))
    return problems


def too_young_text(min_age: int) -> str:
    """Why someone under ``min_age`` may not apply, with the age's plural form."""
    return ngettext(
        "You must be at least %(age)s year old to use this service.",
        "You must be at least %(age)s years old to use this service.",
        min_age,
    ) % {"age": min_age}


def too_old_text(max_age: int) -> str:
    """Why someone over ``max_age`` may not apply, with the age's plural form."""
    return ngettext(
        "This service is for people up to %(age)s year old.",
        "This service is for people up to %(age)s years old.",
        max_age,
    ) % {"age": max_age}
