"""Four-eyes publishing of what a provider's editors write (a consultation,
a blog post, an official response): the catalogue's review of service pages,
with its transition table (``catalogue.workflow.REVISION_MOVES``).

    draft ─submit (an editor)→ in review ─publish (an approver)→ published
                                   └─send back with a note (an approver)→ draft

The approver is an approver of the same provider who neither wrote the item
nor sent it for review. An item is a model with ``PublicationFields``,
``title_ar`` and ``title_en``, and a ``review_link()`` that names the staff
page where it is reviewed (URL name and arguments); it may say what is
missing before it can be sent (``review_gaps()``: the names of the empty
fields, in the page's language)."""

from __future__ import annotations

from typing import Any, Protocol

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from bawaba.accounts.constants import Role
from bawaba.accounts.models import User
from bawaba.catalogue.workflow import REVISION_MOVES, RevisionState
from bawaba.core.audit import audit_record
from bawaba.core.errors import ApplicationError
from bawaba.core.text import join_list
from bawaba.core.transitions import TransitionRefused
from bawaba.notifications.actions import notify
from bawaba.participation import posting
from bawaba.participation.permissions import can_approve, can_write

NOTE_MAX_LENGTH = 2000


class Publishable(Protocol):
    pk: Any
    organisation_id: int
    review_state: str
    author_id: int
    submitted_by_id: int | None
    title_ar: str
    title_en: str

    def review_link(self) -> tuple[str, dict[str, Any]]: ...


class PublishingError(ApplicationError):
    code = "participation.publishing"


def _locked(item: Any) -> Any:
    return type(item)._default_manager.select_for_update().get(pk=item.pk)


def _move(item: Any, move: str) -> None:
    try:
        item.review_state = REVISION_MOVES.target(move, item.review_state)
    except TransitionRefused:
        raise PublishingError(
            _("This has already been dealt with by someone else. Reload the page."),
            code="participation.publishing.stale",
        ) from None


def _titles(item: Any) -> dict[str, str]:
    return {"ar": item.title_ar or item.title_en, "en": item.title_en or item.title_ar}


def _audit(action: str, item: Any, user: User, request: HttpRequest | None) -> None:
    audit_record(
        action=f"{item._meta.app_label}.{item._meta.model_name}.{action}",
        request=request,
        actor=user,
        data={"id": item.pk, "organisation": item.organisation_id, "author": item.author_id},
    )


def publication_touch(item: Any, user: Any) -> None:
    """Count ``user`` among the item's writers (a draft they created or
    changed), who may not approve it. The caller holds the item's lock or
    has just created it."""
    if user.pk not in item.contributors:
        item.contributors = [*item.contributors, user.pk]
        type(item)._default_manager.filter(pk=item.pk).update(contributors=item.contributors)


def publication_may_approve(user: Any, item: Any) -> bool:
    """An approver of the item's provider who did not write any of it or send it."""
    return (
        can_approve(user, item.organisation_id)
        and user.pk != item.author_id
        and user.pk != item.submitted_by_id
        and user.pk not in (item.contributors or [])
    )


@transaction.atomic
def publication_submit(*, item: Any, user: User, request: HttpRequest | None = None) -> Any:
    """An editor sends a draft for review; the provider's other approvers are told."""
    item = _locked(item)
    if not can_write(user, item.organisation_id):
        raise PublishingError(_("You cannot edit this."), code="participation.forbidden")
    gaps = item.review_gaps() if hasattr(item, "review_gaps") else []
    if gaps:
        raise PublishingError(
            _("Complete both languages first: %(fields)s.") % {"fields": join_list(gaps)},
            code="participation.publishing.incomplete",
        )
    _move(item, "submit")
    item.submitted_at = timezone.now()
    item.submitted_by = user
    item.review_note = ""
    item.save()
    _audit("submitted", item, user, request)
    link, kwargs = item.review_link()
    approvers = User.objects.filter(
        memberships__organisation_id=item.organisation_id,
        memberships__role=Role.APPROVER,
        is_active=True,
    ).exclude(pk__in=[item.author_id, user.pk])
    organisation = item.organisation
    for approver in approvers.distinct():
        notify(
            recipient=approver,
            event="participation.review.requested",
            idempotency_key=f"{item._meta.label_lower}:{item.pk}:review:"
            f"{item.submitted_at:%Y%m%d%H%M%S%f}",
            values={
                "title": _titles(item),
                "provider": {"ar": organisation.name_ar, "en": organisation.name_en},
            },
            link=link,
            link_kwargs=kwargs,
        )
    return item


@transaction.atomic
def publication_publish(*, item: Any, user: User, request: HttpRequest | None = None) -> Any:
    """An approver publishes what another person wrote; its writer is told."""
    item = _locked(item)
    if not publication_may_approve(user, item):
        raise PublishingError(
            _("Only an approver who did not write or send this can publish it."),
            code="participation.forbidden",
        )
    _move(item, "publish")
    item.published_at = timezone.now()
    item.published_by = user
    item.save()
    _audit("published", item, user, request)
    link, kwargs = item.review_link()
    notify(
        recipient=item.author,
        event="participation.review.published",
        idempotency_key=f"{item._meta.label_lower}:{item.pk}:published:"
        f"{item.published_at:%Y%m%d%H%M%S%f}",
        values={"title": _titles(item)},
        link=link,
        link_kwargs=kwargs,
    )
    return item


@transaction.atomic
def publication_send_back(
    *, item: Any, user: User, note: str, request: HttpRequest | None = None
) -> Any:
    """An approver sends a draft back to its writer with a note."""
    item = _locked(item)
    if not publication_may_approve(user, item):
        raise PublishingError(
            _("Only an approver who did not write or send this can send it back."),
            code="participation.forbidden",
        )
    note = posting.body_clean(note)
    if not note:
        raise PublishingError(
            _("Say what needs to change: the writer reads your note."),
            code="participation.publishing.note",
        )
    errors = posting.body_errors(note, NOTE_MAX_LENGTH)
    if errors:
        raise PublishingError(errors[0], code="participation.publishing.note")
    _move(item, "send_back")
    item.review_note = note
    item.save()
    _audit("sent_back", item, user, request)
    link, kwargs = item.review_link()
    notify(
        recipient=item.author,
        event="participation.review.sent_back",
        idempotency_key=f"{item._meta.label_lower}:{item.pk}:sent_back:"
        f"{timezone.now():%Y%m%d%H%M%S%f}",
        values={"title": _titles(item), "reason": note},
        link=link,
        link_kwargs=kwargs,
    )
    return item


def publication_editable(item: Any) -> bool:
    """A draft may be changed; in review or published it may not."""
    return bool(item.review_state == RevisionState.DRAFT)
