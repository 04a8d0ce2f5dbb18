"""Moderation as a kind of case of the case kit.

    (a new account posts) ──→ waiting ─approve→ published
                                  └──reject (with a reason)→ not published
    published ─report (a reader)→ reported ─approve (kept)→ published
                                      └──reject (taken down, with a reason)→ not published

Each app registers the models people post in (``moderated_kind_register``):
the kit then finds the post by its kind and id, shows it to the moderator,
publishes or hides it, and tells its author of every decision, with the
moderator's reason, in the author's language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bawaba.accounts.models import User
from bawaba.cases.models import Visibility
from bawaba.cases.transitions import STAFF, SYSTEM, Move, TransitionTable
from bawaba.core.errors import ApplicationError
from bawaba.participation.models import (
    Contribution,
    ModerationCase,
    ModerationEvent,
    ModerationState,
)
from bawaba.participation.permissions import can_moderate

S = ModerationState

MOVES = TransitionTable(
    {
        "approve": Move(frozenset({S.PENDING, S.REPORTED}), S.APPROVED, STAFF, event="approved"),
        "reject": Move(frozenset({S.PENDING, S.REPORTED}), S.REJECTED, STAFF, event="rejected"),
        # A reader's report; the author hears of the decision, not of the report.
        "report": Move(frozenset({S.APPROVED}), S.REPORTED, SYSTEM, notifies=False),
        # Another report while one waits adds to the count and the history.
        "report_again": Move(
            frozenset({S.PENDING, S.REPORTED}), "=", SYSTEM, notifies=False, event="reported"
        ),
    },
    states=S.values,
)
OPEN_STATES = frozenset({S.PENDING, S.REPORTED})
# The decisions a moderator makes, in the order the page offers them.
DECISIONS = {"approve": gettext_lazy("Publish it"), "reject": gettext_lazy("Do not publish it")}


@dataclass(frozen=True)
class ModeratedKind:
    """A model people post in. ``organisation`` names whose queue a post
    goes to (None: the portal's); ``where`` is what the author and the
    moderator read of where it was posted (a thread's title, say), in
    Arabic and English (``{"ar": …, "en": …}``); ``link`` is the URL name
    and arguments of the page it is on; ``decided``, when given, is called
    with the post once a moderator has published it or taken it down (in the
    same transaction), so the space can update what it counts."""

    code: str
    name: str | Promise
    model: type[Contribution]
    organisation: Callable[[Any], int | None]
    where: Callable[[Any], dict[str, str]]
    link: Callable[[Any], tuple[str, dict[str, Any]]]
    decided: Callable[[Any], None] | None = None


_KINDS: dict[str, ModeratedKind] = {}


def moderated_kind_register(kind: ModeratedKind) -> None:
    _KINDS[kind.code] = kind


def moderated_kind(code: str) -> ModeratedKind | None:
    return _KINDS.get(code)


def moderated_kinds() -> list[ModeratedKind]:
    return list(_KINDS.values())


def kind_of(content: Contribution) -> ModeratedKind:
    for kind in _KINDS.values():
        if isinstance(content, kind.model):
            return kind
    raise LookupError(f"{type(content).__name__} is not a moderated kind")


def content_get(case: ModerationCase) -> Contribution | None:
    kind = moderated_kind(case.content_kind)
    if kind is None:
        return None
    manager: Any = kind.model._default_manager
    found: Contribution | None = manager.filter(pk=case.content_id).first()
    return found


class ModerationError(ApplicationError):
    code = "participation.moderation"


class ModerationCases:
    """The case kit's ``CaseKind`` for moderation: the queue's moderators
    (the provider's, or the portal's) make every move by hand."""

    table: TransitionTable = MOVES

    def facts(self, case: ModerationCase) -> dict[str, bool]:
        return {}

    def actor_kinds(self, user: Any, case: ModerationCase) -> frozenset[str]:
        return frozenset({STAFF}) if can_moderate(user, case.organisation_id) else frozenset()

    def colleagues(self, case: ModerationCase) -> QuerySet[User]:
        return User.objects.none()

    def record(
        self, case: ModerationCase, action: str, actor: Any, from_state: str, **row: Any
    ) -> ModerationEvent:
        return ModerationEvent.objects.create(
            case=case,
            actor=actor if getattr(actor, "pk", None) else None,
            action=action,
            from_state=from_state,
            state=case.state,
            text=row.get("text", ""),
            visibility=row.get("visibility", Visibility.PERSON),
        )

    def refused(self, case: ModerationCase) -> Exception:
        return ModerationError(
            _("Someone has already decided on this post. Reload the page."),
            code="participation.moderation.stale",
        )

    def forbidden(self, case: ModerationCase) -> Exception:
        return ModerationError(
            _("You cannot moderate this post."), code="participation.moderation.forbidden"
        )

    def stale(self, case: ModerationCase) -> Exception:
        return self.refused(case)


MODERATION = ModerationCases()
