"""``show_if``: whether a page or question applies, given earlier answers."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any


def _matches(answer: Any, wanted: Any) -> bool:
    if isinstance(answer, list):  # multiple choice: any chosen answer counts
        return wanted in answer
    return bool(answer == wanted)


def condition_holds(condition: Mapping[str, Any] | None, answers: Mapping[str, Any]) -> bool:
    """True when there is no condition, or when ``answers`` satisfy it. A
    question not answered (or not shown) satisfies no comparison."""
    if not condition:
        return True
    if "all" in condition:
        return all(condition_holds(part, answers) for part in condition["all"])
    if "any" in condition:
        return any(condition_holds(part, answers) for part in condition["any"])
    if "not" in condition:
        return not condition_holds(condition["not"], answers)
    if condition["question"] not in answers:
        return False
    answer = answers[condition["question"]]
    if "equals" in condition:
        return _matches(answer, condition["equals"])
    return any(_matches(answer, wanted) for wanted in condition["in"])


def condition_questions(condition: Mapping[str, Any] | None) -> Iterator[str]:
    """The ids of the questions a condition looks at, in the order written."""
    if not condition:
        return
    if "question" in condition:
        yield condition["question"]
    for key in ("all", "any"):
        for part in condition.get(key, []):
            yield from condition_questions(part)
    if "not" in condition:
        yield from condition_questions(condition["not"])
