"""What a case can be about: "something of the person's" that another app
owns (an application today, a payment later). The kit keeps a registry of
subject kinds that their apps fill from ``AppConfig.ready()``, so that a
case app (complaints) lists and checks a person's things without importing
the apps that own them.

A subject kind answers two questions, both scoped to the person: what they
may choose (``choices``) and, for an id a form sent back, the one thing it
names if it is theirs (``get``; anything else is None). A subject also says
whether the person may rate it now (``rateable``), so that complaints offers
the one-question rating without knowing what an application is."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class Subject:
    kind: str
    id: str
    label: str  # what the person reads: a reference and a service, say
    organisation_id: int | None  # the provider that owns it
    service_id: int | None = None
    # The person may rate it now (charter C21): a decided application, say.
    rateable: bool = False


@dataclass(frozen=True)
class SubjectKind:
    code: str
    name: str | Promise
    choices: Callable[[Any], list[Subject]]
    get: Callable[[Any, str], Subject | None]


_KINDS: dict[str, SubjectKind] = {}


def subject_kind_register(kind: SubjectKind) -> None:
    _KINDS[kind.code] = kind


def subject_kinds() -> list[SubjectKind]:
    return list(_KINDS.values())


def subject_choices(person: Any) -> list[Subject]:
    """Everything of ``person``'s that a case may be about, kind by kind."""
    if person is None or not getattr(person, "pk", None):
        return []
    return [subject for kind in _KINDS.values() for subject in kind.choices(person)]


def subject_get(person: Any, kind: str, subject_id: str) -> Subject | None:
    """The thing ``kind`` and ``subject_id`` name, if it is ``person``'s."""
    if kind not in _KINDS or person is None or not getattr(person, "pk", None):
        return None
    return _KINDS[kind].get(person, subject_id)
