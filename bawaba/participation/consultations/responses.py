"""The closing of a consultation: the scheduler seeing each one open and
close (an audit row once, and the provider's editors told when it closes),
and the official response: its draft, its notes on paragraphs, and its
publishing (four eyes), after which every participant is told once, in
their language."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from bawaba.accounts.constants import Role
from bawaba.accounts.models import User
from bawaba.catalogue.cache import catalogue_changed
from bawaba.core.audit import audit_record
from bawaba.notifications.actions import notify
from bawaba.participation.publishing import (
    PublishingError,
    publication_editable,
    publication_publish,
    publication_touch,
)

from .actions import ConsultationError, audit, require_writer
from .models import Answer, Comment, Consultation, Paragraph, Phase, Response, ResponseNote, Support

# --- the scheduler -----------------------------------------------------------


def _editors(organisation_id: int) -> QuerySet[User]:
    return User.objects.filter(
        memberships__organisation_id=organisation_id,
        memberships__role__in=(Role.EDITOR, Role.APPROVER),
        is_active=True,
    ).distinct()


def open_and_close(*, now: datetime.datetime | None = None) -> tuple[int, int]:
    """Record each published consultation that has opened or closed since
    the last run (an audit row, once), and tell the provider's editors that
    it closed so that they can write the response. Safe to run again."""
    now = now or timezone.now()
    opened = closed = 0
    published = Consultation.objects.filter(review_state="published")
    for pk in published.filter(opens_at__lte=now, opened_seen_at__isnull=True).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            if Consultation.objects.filter(pk=pk, opened_seen_at__isnull=True).update(
                opened_seen_at=now
            ):
                audit_record(action="consultations.consultation.opened", data={"consultation": pk})
                opened += 1
    for consultation in published.filter(closes_at__lte=now, closed_seen_at__isnull=True):
        with transaction.atomic():
            if not Consultation.objects.filter(
                pk=consultation.pk, closed_seen_at__isnull=True
            ).update(closed_seen_at=now):
                continue
            audit_record(
                action="consultations.consultation.closed",
                data={"consultation": consultation.pk},
            )
            closed += 1
            titles = {"ar": consultation.title_ar, "en": consultation.title_en}
            for editor in _editors(consultation.organisation_id):
                notify(
                    recipient=editor,
                    event="consultations.closed",
                    idempotency_key=f"consultations:{consultation.pk}:closed",
                    values={"title": titles},
                    link="staff_consultations:overview",
                    link_kwargs={"pk": consultation.pk},
                )
    if opened or closed:
        # The home page and the provider pages list the open ones.
        catalogue_changed()
    return opened, closed


# --- the official response -----------------------------------------------------


def _require_closed(user: User, consultation: Consultation) -> None:
    require_writer(user, consultation)
    if consultation.phase() not in (Phase.CLOSED, Phase.ANSWERED):
        raise ConsultationError(
            _("The response can be written once the consultation has closed."),
            code="consultations.response_early",
        )


def response_new(*, user: User, consultation: Consultation) -> Response:
    """The response's draft as it starts, unsaved: what its page shows
    until the first save (which ``response_update`` makes). Writes nothing."""
    _require_closed(user, consultation)
    return Response(
        consultation=consultation, organisation_id=consultation.organisation_id, author=user
    )


@transaction.atomic
def response_start(*, user: User, consultation: Consultation) -> Response:
    """The response's draft, made on its first save (or when it is sent)."""
    _require_closed(user, consultation)
    response, created = Response.objects.get_or_create(
        consultation=consultation,
        defaults={"organisation_id": consultation.organisation_id, "author": user},
    )
    if created:
        publication_touch(response, user)
        audit("response.started", user, consultation)
    return response


@transaction.atomic
def response_update(
    *,
    user: User,
    response: Response,
    fields: dict[str, str],
    notes: dict[int, tuple[str, str]],
) -> Response:
    """The response's text and its notes on paragraphs (paragraph id →
    Arabic, English; both empty removes the note). An unsaved draft
    (``response_new``) is made first."""
    if response.pk is None:
        response = response_start(user=user, consultation=response.consultation)
    require_writer(user, response.consultation)
    if not publication_editable(response):
        raise ConsultationError(
            _("Only a draft can be changed. Ask an approver to send it back first."),
            code="consultations.not_draft",
        )
    for name, value in fields.items():
        setattr(response, name, value)
    response.save()
    publication_touch(response, user)
    paragraphs = set(
        Paragraph.objects.filter(section__consultation=response.consultation).values_list(
            "pk", flat=True
        )
    )
    for paragraph_id, (text_ar, text_en) in notes.items():
        if paragraph_id not in paragraphs:
            continue
        if not text_ar and not text_en:
            ResponseNote.objects.filter(response=response, paragraph_id=paragraph_id).delete()
            continue
        ResponseNote.objects.update_or_create(
            response=response,
            paragraph_id=paragraph_id,
            defaults={"text_ar": text_ar, "text_en": text_en},
        )
    audit("response.changed", user, response.consultation)
    return response


def participants(consultation: Consultation) -> QuerySet[User]:
    """Everyone who commented, answered or supported a comment."""
    return User.objects.filter(
        Q(pk__in=Comment.objects.filter(consultation=consultation).values("author_id"))
        | Q(pk__in=Answer.objects.filter(question__consultation=consultation).values("author_id"))
        | Q(pk__in=Support.objects.filter(comment__consultation=consultation).values("user_id")),
        is_active=True,
    ).order_by("pk")


@transaction.atomic
def response_publish(*, user: User, response: Response, request: Any = None) -> int:
    """An approver publishes the response (four eyes); every participant is
    then told, in their language, once. Returns how many were told.

    The messages are written in this transaction (the outbox sends them
    after commit): a few thousand rows at most for one consultation."""
    consultation = response.consultation
    if consultation.phase() not in (Phase.CLOSED, Phase.ANSWERED):
        raise PublishingError(
            _("The response can be published once the consultation has closed."),
            code="consultations.response_early",
        )
    response = publication_publish(item=response, user=user, request=request)
    told = response_tell(response=response)
    return told


def response_tell(*, response: Response) -> int:
    consultation = response.consultation
    titles = {"ar": consultation.title_ar, "en": consultation.title_en}
    told = 0
    for person in participants(consultation).iterator():
        notify(
            recipient=person,
            event="consultations.response_published",
            idempotency_key=f"consultations:{consultation.pk}:response",
            values={"title": titles},
            link="consultations:detail",
            link_kwargs={"slug": consultation.slug},
        )
        told += 1
    Response.objects.filter(pk=response.pk).update(told_at=timezone.now())
    audit_record(
        action="consultations.response.told",
        data={"consultation": consultation.pk, "participants": told},
    )
    return told
