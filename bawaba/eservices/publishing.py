"""Providers publish e-service definitions the way they publish service pages:
an editor writes a draft and sends it for review; another person with the
approver role publishes it or sends it back. Each publication is a new version;
applications keep the version they were started under."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from bawaba.accounts.models import User
from bawaba.catalogue.actions import revision_draft_store
from bawaba.catalogue.cache import catalogue_changed
from bawaba.catalogue.models import Service
from bawaba.catalogue.permissions import can_approve, can_edit
from bawaba.catalogue.workflow import REVISION_MOVES, RevisionState
from bawaba.core.audit import audit_record
from bawaba.core.errors import ApplicationError
from bawaba.core.transitions import TransitionRefused
from bawaba.eservices.definition import DefinitionError, Problem, definition_load
from bawaba.eservices.models import Application, ApplicationState, EService, EServiceDefinition


class DefinitionPublishingError(ApplicationError):
    code = "eservices.publishing"


def _record(
    action: str, user: User, definition: EServiceDefinition, request: HttpRequest | None
) -> None:
    audit_record(
        action=f"eservices.definition.{action}",
        request=request,
        actor=user,
        data={"service": definition.owner_slug, "version": definition.version},
    )


@transaction.atomic
def definition_save_draft(
    *, user: User, service: Service, source: str, request: HttpRequest | None = None
) -> EServiceDefinition:
    """Check ``source`` and keep it as the service's open draft (raises
    DefinitionError listing every problem; nothing is saved then)."""
    if not can_edit(user, service.provider):
        raise DefinitionPublishingError(
            _("You cannot edit this e-service."), code="eservices.forbidden"
        )
    data = definition_load(source)
    if data["service"] != service.slug:
        raise DefinitionError(
            [
                Problem(
                    "service",
                    _("This definition is for “%(slug)s”, not for this service.")
                    % {"slug": data["service"]},
                )
            ]
        )
    eservice, _created = EService.objects.select_for_update().get_or_create(service=service)
    draft = eservice.definitions.filter(
        state__in=[RevisionState.DRAFT, RevisionState.IN_REVIEW]
    ).first()
    if draft is not None and draft.state == RevisionState.IN_REVIEW:
        raise DefinitionPublishingError(
            _(
                "A version is waiting for review. "
                "Ask an approver to publish it or send it back first."
            ),
            code="eservices.in_review",
        )
    if draft is None:
        latest = eservice.definitions.aggregate(latest=Max("version"))["latest"] or 0
        draft = EServiceDefinition(eservice=eservice, version=latest + 1)
    draft.source = source
    draft.data = data
    draft.note = ""
    revision_draft_store(revision=draft, user=user)
    _record("saved", user, draft, request)
    return draft


def _locked(definition_id: Any) -> EServiceDefinition:
    return (
        EServiceDefinition.objects.select_for_update()
        .select_related("eservice__service__provider")
        .get(pk=definition_id)
    )


def _move(definition: EServiceDefinition, move: str) -> None:
    """Set the state ``move`` leads to (the catalogue's REVISION_MOVES); a move
    the table refuses from the current state means someone else got there first."""
    try:
        definition.state = REVISION_MOVES.target(move, definition.state)
    except TransitionRefused:
        raise DefinitionPublishingError(
            _("This version has already been dealt with by someone else. Reload the page."),
            code="eservices.stale",
        ) from None


@transaction.atomic
def definition_submit(
    *, user: User, definition_id: Any, request: HttpRequest | None = None
) -> EServiceDefinition:
    definition = _locked(definition_id)
    if not can_edit(user, definition.organisation):
        raise DefinitionPublishingError(
            _("You cannot edit this e-service."), code="eservices.forbidden"
        )
    _move(definition, "submit")
    definition.submitted_at = timezone.now()
    definition.save()
    _record(REVISION_MOVES.event("submit"), user, definition, request)
    return definition


@transaction.atomic
def definition_decide(
    *,
    user: User,
    definition_id: Any,
    publish: bool,
    note: str = "",
    available_from: datetime.datetime | None = None,
    request: HttpRequest | None = None,
) -> EServiceDefinition:
    """Publish a version in review (an approver who did not write it), or send
    it back. A version published with ``available_from`` comes into force then;
    until that time new applications use the version in force before it."""
    definition = _locked(definition_id)
    if not can_approve(user, definition.organisation):
        raise DefinitionPublishingError(
            _("You cannot approve changes to this e-service."), code="eservices.forbidden"
        )
    if publish and definition.contributed_by(user):
        raise DefinitionPublishingError(
            _("You worked on this version, so another approver must publish it."),
            code="eservices.four_eyes",
        )
    if not publish and not note.strip():
        raise DefinitionPublishingError(
            _("Say what needs changing before you send it back."), code="eservices.note"
        )
    move = "publish" if publish else "send_back"
    _move(definition, move)
    definition.decided_by = user
    definition.decided_at = timezone.now()
    definition.note = "" if publish else note.strip()
    if publish and available_from is not None:
        if available_from <= definition.decided_at:
            raise DefinitionPublishingError(
                _("Choose a time in the future, or leave it empty to publish now."),
                code="eservices.past",
            )
        definition.available_from = available_from
    definition.save()
    _record(REVISION_MOVES.event(move), user, definition, request)
    if publish:
        catalogue_changed()  # the service page now offers this e-service
    return definition


def _approver_locked(user: User, eservice_id: Any) -> EService:
    eservice = (
        EService.objects.select_for_update().select_related("service__provider").get(pk=eservice_id)
    )
    if not can_approve(user, eservice.service.provider):
        raise DefinitionPublishingError(
            _("Only an approver of this provider can do this."), code="eservices.forbidden"
        )
    if eservice.retired_at is not None:
        raise DefinitionPublishingError(
            _("This e-service is retired. Only a portal administrator can bring it back."),
            code="eservices.retired",
        )
    return eservice


def _record_eservice(
    action: str, user: User, eservice: EService, request: HttpRequest | None
) -> None:
    audit_record(
        action=f"eservices.eservice.{action}",
        request=request,
        actor=user,
        data={"service": eservice.service.slug},
    )


@transaction.atomic
def eservice_pause(
    *,
    user: User,
    eservice_id: Any,
    message_ar: str,
    message_en: str,
    request: HttpRequest | None = None,
) -> EService:
    """Close the service to new applications and new pages for maintenance;
    drafts are kept and the message tells applicants why."""
    eservice = _approver_locked(user, eservice_id)
    eservice.paused = True
    eservice.pause_message_ar = message_ar.strip()
    eservice.pause_message_en = message_en.strip()
    eservice.save(update_fields=["paused", "pause_message_ar", "pause_message_en"])
    _record_eservice("paused", user, eservice, request)
    return eservice


@transaction.atomic
def eservice_resume(
    *, user: User, eservice_id: Any, request: HttpRequest | None = None
) -> EService:
    eservice = _approver_locked(user, eservice_id)
    eservice.paused = False
    eservice.save(update_fields=["paused"])
    # Nobody could continue while it was paused: unfinished applications get
    # their full time again, and a new warning before they expire.
    Application.objects.filter(definition__eservice=eservice, state=ApplicationState.DRAFT).update(
        updated_at=timezone.now(), expiry_warned_at=None
    )
    _record_eservice("resumed", user, eservice, request)
    return eservice


@transaction.atomic
def eservice_retire(
    *, user: User, eservice_id: Any, request: HttpRequest | None = None
) -> EService:
    """Stop offering the service online for good (a portal administrator can
    undo it). Applications already sent carry on to their decision."""
    eservice = _approver_locked(user, eservice_id)
    eservice.retired_at = timezone.now()
    eservice.save(update_fields=["retired_at"])
    _record_eservice("retired", user, eservice, request)
    catalogue_changed()  # the service page no longer offers it
    return eservice
