"""The charter's clocks for a case, by priority and kind, and the rules
that give a new case its priority.

First response is due in working hours from the next working moment after
receipt; resolution in working days. A kind may answer sooner than its
priority says (an enquiry is answered, not investigated)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bawaba.cases.models import Priority
from bawaba.complaints.models import Kind


@dataclass(frozen=True)
class Target:
    first_response_hours: float
    resolution_days: int


TARGETS: dict[int, Target] = {
    Priority.URGENT: Target(first_response_hours=2, resolution_days=2),
    Priority.HIGH: Target(first_response_hours=7.25, resolution_days=5),
    Priority.NORMAL: Target(first_response_hours=14.5, resolution_days=10),
    Priority.LOW: Target(first_response_hours=21.75, resolution_days=15),
}
# Kinds that close sooner than their priority: an enquiry is an answer, a
# compliment is passed on.
KIND_RESOLUTION_DAYS = {Kind.ENQUIRY: 3, Kind.COMPLIMENT: 5}


def target_for(priority: int, kind: str) -> Target:
    target = TARGETS[priority]
    days = KIND_RESOLUTION_DAYS.get(Kind(kind)) if kind in Kind.values else None
    if days is not None and days < target.resolution_days:
        return Target(target.first_response_hours, days)
    return target


# Words that signal a danger to health or safety, in either language, as
# people write them (Arabic without its short vowels; hamza forms alike).
_DANGER = re.compile(
    r"\b(danger\w*|unsafe|injur\w*|fire|gas leak|electrocut\w*|collaps\w*|poison\w*|"
    r"emergency|child abuse|violence|threat\w*|suicid\w*)\b"
    r"|خطر|خطير|حريق|تسرب غاز|تسريب غاز|انهيار|تسمم|صعق|اصاب|إصاب|عنف|تهديد|انتحار|طوارئ",
    re.IGNORECASE,
)


def signals_danger(text: str) -> bool:
    """Whether ``text`` names a danger to someone's health or safety."""
    return bool(_DANGER.search(text))


def priority_for(*, kind: str, subject: str, details: str, repeated: bool) -> int:
    """A new case's priority: urgent when it signals danger, high for a
    grievance or a repeated complaint about the same thing, low for a
    compliment or a suggestion, else normal."""
    if kind != Kind.COMPLIMENT and signals_danger(f"{subject}\n{details}"):
        return Priority.URGENT
    if kind == Kind.GRIEVANCE or (kind == Kind.COMPLAINT and repeated):
        return Priority.HIGH
    if kind in (Kind.COMPLIMENT, Kind.SUGGESTION):
        return Priority.LOW
    return Priority.NORMAL
