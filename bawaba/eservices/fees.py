"""The fee of an application, in fils, computed on the server from the
definition's fee rule and the applicant's answers."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any


def _units(answer: Any) -> int:
    try:
        units = Decimal(str(answer))
    except (InvalidOperation, ValueError):
        return 0
    if units != units.to_integral_value() or units < 0:
        return 0
    return int(units)


def fee_fils(rule: Mapping[str, Any], answers: Mapping[str, Any]) -> int:
    """``none`` 0; ``fixed`` its amount; ``per_unit`` base + unit × the answer
    (a whole, non-negative number); ``by_choice`` the amount of the chosen
    answer. An unanswered (hidden) question costs nothing."""
    kind = rule["kind"]
    if kind == "none":
        return 0
    if kind == "fixed":
        return int(rule["amount_fils"])
    answer = answers.get(rule["question"])
    if kind == "per_unit":
        return int(rule.get("base_fils", 0)) + int(rule["unit_fils"]) * _units(answer)
    if kind == "by_choice":
        return int(rule["amounts_fils"].get(answer, 0)) if isinstance(answer, str) else 0
    raise ValueError(f"unknown fee kind {kind!r}")
