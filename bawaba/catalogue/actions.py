from __future__ import annotations

import datetime
from typing import Any, cast

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from bawaba.accounts.constants import Role
from bawaba.accounts.models import Organisation, User
from bawaba.catalogue.cache import catalogue_changed
from bawaba.catalogue.content import (
    bilingual_gaps,
    content_apply,
    provider_content_apply,
    provider_gaps,
)
from bawaba.catalogue.models import (
    PageFeedback,
    ProviderRevision,
    Revision,
    Service,
    ServiceRevision,
)
from bawaba.catalogue.permissions import can_approve, can_edit
from bawaba.catalogue.search import services_reindex
from bawaba.catalogue.workflow import REVISION_MOVES, RevisionState
from bawaba.core.audit import audit_record
from bawaba.core.errors import ApplicationError
from bawaba.core.text import join_list, text_box_errors
from bawaba.core.transitions import TransitionRefused
from bawaba.notifications.actions import notify


@transaction.atomic
def page_feedback_vote(
    *, service: Service, useful: bool, replaces: int | None = None
) -> PageFeedback:
    """Count a reader's "Is this page useful?" answer. ``replaces`` is the vote
    the same browser session already gave on this page: a changed mind replaces
    it, so each session counts once per page."""
    if replaces is not None:
        earlier = (
            PageFeedback.objects.select_for_update()
            .filter(pk=replaces, service=service, useful__isnull=False)
            .first()
        )
        if earlier is not None:
            earlier.useful = useful
            earlier.save(update_fields=["useful", "updated_at"])
            return earlier
    return page_feedback_record(service=service, useful=useful)


@transaction.atomic
def page_feedback_record(
    *, service: Service, useful: bool | None = None, problem: str = ""
) -> PageFeedback:
    """Store a reader's feedback on a service page for the provider to see."""
    return PageFeedback.objects.create(
        service=service,
        useful=useful,
        problem=problem.strip(),
        language="en" if get_language() == "en" else "ar",
    )


class PublishingError(ApplicationError):
    code = "catalogue.publishing"


# The longest note an approver may send back with a change.
SEND_BACK_NOTE_MAX_LENGTH = 2000


_RELATED = {ServiceRevision: "service__provider", ProviderRevision: "provider"}


def _locked(model: type[Revision], revision_id: int) -> Revision:
    return (
        model.objects.select_for_update()  # type: ignore[attr-defined]  # concrete subclasses
        .select_related(_RELATED[model], "author")
        .get(pk=revision_id)
    )


def _move(revision: Revision, move: str) -> None:
    """Set the state ``move`` leads to (REVISION_MOVES); a move the table
    refuses from the current state means someone else got there first."""
    try:
        revision.state = REVISION_MOVES.target(move, revision.state)
    except TransitionRefused:
        raise PublishingError(
            _("This change has already been dealt with by someone else. Reload the page."),
            code="catalogue.revision.stale",
        ) from None


def _require_editor(user: User, organisation: Organisation) -> None:
    if not can_edit(user, organisation):
        raise PublishingError(_("You cannot edit this page."), code="catalogue.forbidden")


def _require_approver(user: User, organisation: Organisation) -> None:
    if not can_approve(user, organisation):
        raise PublishingError(
            _("You cannot approve changes to this page."), code="catalogue.forbidden"
        )


def _page_name(revision: Revision) -> dict[str, str]:
    if isinstance(revision, ProviderRevision):
        return {"ar": revision.provider.name_ar, "en": revision.provider.name_en}
    service = cast(ServiceRevision, revision).service
    return {"ar": service.title_ar, "en": service.title_en}


def _revision_link(revision: Revision) -> str:
    if isinstance(revision, ProviderRevision):
        return "staff_catalogue:provider_revision"
    return "staff_catalogue:revision"


def _tell_approvers(revision: Revision) -> None:
    """Every approver of the organisation who did not write the change hears of it."""
    organisation = revision.organisation
    approvers = User.objects.filter(
        memberships__organisation=organisation,
        memberships__role=Role.APPROVER,
        is_active=True,
    ).exclude(pk__in=[revision.author_id, *revision.contributors.values_list("pk", flat=True)])
    for approver in approvers:
        notify(
            recipient=approver,
            event="catalogue.revision_awaiting_review",
            idempotency_key=f"{revision.owner_slug}:{revision._meta.model_name}:"
            f"{revision.pk}:review:{revision.submitted_at:%Y%m%d%H%M%S%f}",
            values={
                "service": _page_name(revision),
                "provider": {"ar": organisation.name_ar, "en": organisation.name_en},
            },
            link=_revision_link(revision),
            link_kwargs={"pk": revision.pk},
        )


def _tell_author(revision: Revision, event: str, values: dict[str, Any]) -> None:
    notify(
        recipient=revision.author,
        event=event,
        idempotency_key=f"{revision._meta.model_name}:{revision.pk}:{event}:"
        f"{revision.decided_at:%Y%m%d%H%M%S%f}",
        values={"service": _page_name(revision), **values},
        link=_revision_link(revision),
        link_kwargs={"pk": revision.pk},
    )


def _gaps(revision: Revision) -> list[str]:
    if isinstance(revision, ProviderRevision):
        return provider_gaps(revision.data)
    return bilingual_gaps(revision.data)


def _require_complete(revision: Revision) -> None:
    gaps = _gaps(revision)
    if gaps:
        raise PublishingError(
            _("Complete both languages first: %(fields)s.") % {"fields": join_list(gaps)},
            code="catalogue.revision.incomplete",
        )


def _record(action: str, *, user: User, revision: Revision, request: HttpRequest | None) -> None:
    kind = "provider" if isinstance(revision, ProviderRevision) else "service"
    audit_record(
        action=f"catalogue.revision.{action}",
        request=request,
        actor=user,
        data={
            kind: revision.owner_slug,
            "revision": revision.pk,
            "author": revision.author_id,
        },
    )


def revision_draft_store(*, revision: Revision, user: User) -> None:
    """Save a draft as written by ``user`` (service pages, provider pages and
    e-service definitions alike): they become its author and stay among its
    contributors for good, none of whom may approve it. The caller holds the lock."""
    revision.author = user
    revision.save()
    revision.contributors.add(user)


_OPEN = [RevisionState.DRAFT, RevisionState.IN_REVIEW]


@transaction.atomic
def _save_draft(
    *,
    user: User,
    owner: Service | Organisation,
    data: dict[str, Any],
    request: HttpRequest | None,
) -> Revision:
    """Create or update the one open draft of ``owner``'s page: a service page or
    a provider's directory entry (never a draft waiting for review). The owner's
    row is locked first, so two editors saving at once make one draft, not two."""
    organisation: Organisation
    model: type[Revision]
    if isinstance(owner, Service):
        organisation, model, field = owner.provider, ServiceRevision, "service"
    else:
        organisation, model, field = owner, ProviderRevision, "provider"
    _require_editor(user, organisation)
    type(owner).objects.select_for_update().filter(pk=owner.pk).first()
    revision = (
        model.objects.select_for_update().filter(**{field: owner, "state__in": _OPEN}).first()
    )
    if revision is not None and revision.state == RevisionState.IN_REVIEW:
        raise PublishingError(
            _(
                "A change to this page is waiting for review. Ask an approver to publish it "
                "or send it back before you edit again."
            ),
            code="catalogue.revision.in_review",
        )
    if revision is None:
        revision = model(**{field: owner})
    revision.data = data
    revision_draft_store(revision=revision, user=user)
    _record("saved", user=user, revision=revision, request=request)
    return revision


def revision_save_draft(
    *, user: User, service: Service, data: dict[str, Any], request: HttpRequest | None = None
) -> ServiceRevision:
    """Create or update the open draft of a service page."""
    return cast(ServiceRevision, _save_draft(user=user, owner=service, data=data, request=request))


def provider_revision_save_draft(
    *,
    user: User,
    provider: Organisation,
    data: dict[str, Any],
    request: HttpRequest | None = None,
) -> ProviderRevision:
    """Create or update the open draft of a provider's directory entry."""
    return cast(
        ProviderRevision, _save_draft(user=user, owner=provider, data=data, request=request)
    )


@transaction.atomic
def revision_submit(
    *,
    user: User,
    revision_id: int,
    model: type[Revision] = ServiceRevision,
    request: HttpRequest | None = None,
) -> Revision:
    revision = _locked(model, revision_id)
    _require_editor(user, revision.organisation)
    _require_complete(revision)
    _move(revision, "submit")
    revision.submitted_at = timezone.now()
    revision.save()
    _record(REVISION_MOVES.event("submit"), user=user, revision=revision, request=request)
    _tell_approvers(revision)
    return revision


def _apply(revision: Revision, user: User, now: datetime.datetime) -> None:
    if isinstance(revision, ProviderRevision):
        provider_content_apply(revision.provider, revision.data)
        return
    service = cast(ServiceRevision, revision).service
    content_apply(service, revision.data)
    service.is_published = True
    service.last_reviewed_on = timezone.localdate(now)
    service.last_reviewed_by = user
    service.save(
        update_fields=["is_published", "last_reviewed_on", "last_reviewed_by", "updated_at"]
    )
    services_reindex(
        Service.objects.filter(pk=service.pk)
        .select_related("provider")
        .prefetch_related("categories")
    )


@transaction.atomic
def revision_publish(
    *,
    user: User,
    revision_id: int,
    model: type[Revision] = ServiceRevision,
    request: HttpRequest | None = None,
) -> Revision:
    """Publish a revision in review: an approver of the provider, not its author."""
    revision = _locked(model, revision_id)
    _require_approver(user, revision.organisation)
    if revision.contributed_by(user):
        raise PublishingError(
            _("You worked on this change, so another approver must publish it."),
            code="catalogue.revision.four_eyes",
        )
    _require_complete(revision)
    _move(revision, "publish")
    now = timezone.now()
    revision.decided_by = user
    revision.decided_at = now
    revision.save()
    _apply(revision, user, now)
    catalogue_changed()
    _record(REVISION_MOVES.event("publish"), user=user, revision=revision, request=request)
    _tell_author(revision, "catalogue.revision_published", {})
    return revision


def _note_checked(note: str) -> str:
    """The rules of every text box of the portal: not empty, at most
    SEND_BACK_NOTE_MAX_LENGTH characters, and no NUL (which PostgreSQL cannot
    store)."""
    note = note.strip()
    if not note:
        raise PublishingError(
            _("Say what needs to change before sending it back."),
            code="catalogue.revision.note",
        )
    problems = text_box_errors(note, SEND_BACK_NOTE_MAX_LENGTH)
    if problems:
        raise PublishingError(" ".join(problems), code="catalogue.revision.note")
    return note


@transaction.atomic
def revision_send_back(
    *,
    user: User,
    revision_id: int,
    note: str,
    model: type[Revision] = ServiceRevision,
    request: HttpRequest | None = None,
) -> Revision:
    note = _note_checked(note)
    revision = _locked(model, revision_id)
    _require_approver(user, revision.organisation)
    _move(revision, "send_back")
    revision.note = note
    revision.decided_by = user
    revision.decided_at = timezone.now()
    revision.save()
    _record(REVISION_MOVES.event("send_back"), user=user, revision=revision, request=request)
    _tell_author(revision, "catalogue.revision_sent_back", {"reason": revision.note})
    return revision
