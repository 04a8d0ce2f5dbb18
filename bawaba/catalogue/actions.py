from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from bawaba.accounts.models import User
from bawaba.catalogue.cache import catalogue_changed
from bawaba.catalogue.content import bilingual_gaps, content_apply
from bawaba.catalogue.models import PageFeedback, Service, ServiceRevision
from bawaba.catalogue.permissions import can_approve, can_edit
from bawaba.catalogue.search import services_reindex
from bawaba.catalogue.workflow import RevisionState, can_transition
from bawaba.core.audit import audit_record
from bawaba.core.errors import ApplicationError


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


def _locked(revision_id: int) -> ServiceRevision:
    return (
        ServiceRevision.objects.select_for_update()
        .select_related("service__provider")
        .get(pk=revision_id)
    )


def _move(revision: ServiceRevision, target: str) -> None:
    if not can_transition(revision.state, target):
        raise PublishingError(
            _("This change has already been dealt with by someone else. Reload the page."),
            code="catalogue.revision.stale",
        )
    revision.state = target


def _require_editor(user: User, service: Service) -> None:
    if not can_edit(user, service.provider):
        raise PublishingError(_("You cannot edit this service."), code="catalogue.forbidden")


def _require_approver(user: User, service: Service) -> None:
    if not can_approve(user, service.provider):
        raise PublishingError(
            _("You cannot approve changes to this service."), code="catalogue.forbidden"
        )


def _require_complete(revision: ServiceRevision) -> None:
    gaps = bilingual_gaps(revision.data)
    if gaps:
        separator = "، " if get_language() == "ar" else ", "
        raise PublishingError(
            _("Complete both languages first: %(fields)s.") % {"fields": separator.join(gaps)},
            code="catalogue.revision.incomplete",
        )


def _record(
    action: str, *, user: User, revision: ServiceRevision, request: HttpRequest | None
) -> None:
    audit_record(
        action=f"catalogue.revision.{action}",
        request=request,
        actor=user,
        data={
            "service": revision.service.slug,
            "revision": revision.pk,
            "author": revision.author_id,
        },
    )


@transaction.atomic
def revision_save_draft(
    *, user: User, service: Service, data: dict[str, Any], request: HttpRequest | None = None
) -> ServiceRevision:
    """Create or update the open draft of a service (one open revision at a time)."""
    _require_editor(user, service)
    Service.objects.select_for_update().filter(pk=service.pk).first()
    revision = ServiceRevision.objects.filter(
        service=service, state__in=[RevisionState.DRAFT, RevisionState.IN_REVIEW]
    ).first()
    if revision is not None and revision.state == RevisionState.IN_REVIEW:
        raise PublishingError(
            _(
                "A change to this service is waiting for review. Ask an approver to publish it "
                "or send it back before you edit again."
            ),
            code="catalogue.revision.in_review",
        )
    if revision is None:
        revision = ServiceRevision(service=service, author=user, data=data)
    else:
        revision.data = data
        revision.author = user
    revision.save()
    _record("saved", user=user, revision=revision, request=request)
    return revision


@transaction.atomic
def revision_submit(
    *, user: User, revision_id: int, request: HttpRequest | None = None
) -> ServiceRevision:
    revision = _locked(revision_id)
    _require_editor(user, revision.service)
    _require_complete(revision)
    _move(revision, RevisionState.IN_REVIEW)
    revision.submitted_at = timezone.now()
    revision.save()
    _record("submitted", user=user, revision=revision, request=request)
    return revision


@transaction.atomic
def revision_publish(
    *, user: User, revision_id: int, request: HttpRequest | None = None
) -> ServiceRevision:
    """Publish a revision in review: an approver of the provider, not its author."""
    revision = _locked(revision_id)
    service = revision.service
    _require_approver(user, service)
    if revision.author_id == user.pk:
        raise PublishingError(
            _("You wrote this change, so another approver must publish it."),
            code="catalogue.revision.four_eyes",
        )
    _require_complete(revision)
    _move(revision, RevisionState.PUBLISHED)
    now = timezone.now()
    revision.decided_by = user
    revision.decided_at = now
    revision.save()
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
    catalogue_changed()
    _record("published", user=user, revision=revision, request=request)
    return revision


@transaction.atomic
def revision_send_back(
    *, user: User, revision_id: int, note: str, request: HttpRequest | None = None
) -> ServiceRevision:
    revision = _locked(revision_id)
    _require_approver(user, revision.service)
    _move(revision, RevisionState.DRAFT)
    revision.note = note.strip()
    revision.decided_by = user
    revision.decided_at = timezone.now()
    revision.save()
    _record("sent_back", user=user, revision=revision, request=request)
    return revision
