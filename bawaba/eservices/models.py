from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from bawaba.accounts.models import Organisation
from bawaba.cases.models import AppendOnlyEvent, CaseFields
from bawaba.catalogue.models import Revision, Service
from bawaba.catalogue.workflow import RevisionState
from bawaba.eservices.facts import EServiceFacts, definition_facts
from bawaba.eservices.questions import text_in


def private_storage() -> FileSystemStorage:
    """Uploaded documents: a folder no web server serves; the portal hands a
    file only to the applicant and to staff of the provider that owns it."""
    return FileSystemStorage(location=settings.PRIVATE_FILES_ROOT, base_url=None)


class EService(models.Model):
    """A catalogue service that can be applied for on the portal. Its questions
    live in versioned definitions; pausing or retiring applies to all versions."""

    service = models.OneToOneField(
        Service, verbose_name=_("service"), on_delete=models.PROTECT, related_name="eservice"
    )
    paused = models.BooleanField(_("paused for maintenance"), default=False)
    pause_message_ar = models.TextField(_("maintenance message in Arabic"), blank=True)
    pause_message_en = models.TextField(_("maintenance message in English"), blank=True)
    retired_at = models.DateTimeField(_("retired"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-service")
        verbose_name_plural = _("e-services")

    def __str__(self) -> str:
        return self.service.slug

    @property
    def pause_message(self) -> str:
        return self.pause_message_ar if get_language() == "ar" else self.pause_message_en

    def current_definition(self, now: Any = None) -> EServiceDefinition | None:
        """The published version in force: the latest whose start has come."""
        now = now or timezone.now()
        return (
            self.definitions.filter(state=RevisionState.PUBLISHED)
            .filter(models.Q(available_from__isnull=True) | models.Q(available_from__lte=now))
            .order_by("-version")
            .first()
        )

    @cached_property
    def page_facts(self) -> EServiceFacts | None:
        """The fee, processing time and documents of the version in force, for
        the service page (None while nobody can apply online)."""
        if self.retired_at is not None:
            return None
        definition = self.current_definition()
        return definition_facts(definition.data) if definition is not None else None

    def next_definition(self, now: Any = None) -> EServiceDefinition | None:
        """A published version that comes into force later, if any."""
        now = now or timezone.now()
        return (
            self.definitions.filter(state=RevisionState.PUBLISHED, available_from__gt=now)
            .order_by("available_from")
            .first()
        )


_OPEN = models.Q(state__in=["draft", "in_review"])
_FOUR_EYES = ~models.Q(state="published") | ~models.Q(decided_by=models.F("author"))


class EServiceDefinition(Revision):
    """One version of an e-service's definition (``data``: the checked
    definition; ``source``: the YAML or JSON as its editor wrote it). Published
    versions never change; an application keeps the version it was filed under."""

    eservice = models.ForeignKey(
        EService, verbose_name=_("e-service"), on_delete=models.PROTECT, related_name="definitions"
    )
    version = models.PositiveIntegerField(_("version"))
    source = models.TextField(_("definition as written"))
    available_from = models.DateTimeField(_("available from"), null=True, blank=True)

    class Meta(Revision.Meta):
        verbose_name = _("e-service definition")
        verbose_name_plural = _("e-service definitions")
        constraints = [
            models.UniqueConstraint(fields=["eservice", "version"], name="eservice_version_unique"),
            models.UniqueConstraint(
                fields=["eservice"], condition=_OPEN, name="eservice_one_open_definition"
            ),
            models.CheckConstraint(condition=_FOUR_EYES, name="eservice_definition_four_eyes"),
        ]

    @property
    def organisation(self) -> Organisation:
        return self.eservice.service.provider

    @property
    def owner_slug(self) -> str:
        return self.eservice.service.slug

    @cached_property
    def pages(self) -> list[dict[str, Any]]:
        pages: list[dict[str, Any]] = self.data["pages"]
        return pages


class ApplicationState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("application state", "Draft")
    # Sent, with a fee still to pay: the provider cannot take it until it is paid.
    AWAITING_PAYMENT = (
        "awaiting_payment",
        pgettext_lazy("application state", "Waiting for payment"),
    )
    SUBMITTED = "submitted", pgettext_lazy("application state", "Received")
    IN_REVIEW = "in_review", pgettext_lazy("application state", "Being reviewed")
    MORE_INFORMATION = (
        "more_information",
        pgettext_lazy("application state", "More information needed"),
    )
    AWAITING_APPROVAL = (
        "awaiting_approval",
        pgettext_lazy("application state", "Waiting for approval"),
    )
    APPROVED = "approved", pgettext_lazy("application state", "Approved")
    REJECTED = "rejected", pgettext_lazy("application state", "Rejected")
    WITHDRAWN = "withdrawn", pgettext_lazy("application state", "Withdrawn")
    EXPIRED = "expired", pgettext_lazy("application state", "Expired")


# States that are steps inside the provider, and what the applicant sees instead.
_APPLICANT_STATES: dict[str, str] = {ApplicationState.AWAITING_APPROVAL: ApplicationState.IN_REVIEW}


def applicant_state(state: str) -> str:
    return _APPLICANT_STATES.get(state, state)


class Application(CaseFields):
    """What one person asked for under one definition version, and where it
    stands. Its case fields (organisation, assignee, due date, pause, stage,
    revision) are the kit's ``CaseFields``; the organisation is denormalised
    from the definition, so that every staff query is scoped with one indexed
    condition. A review with stages follows the definition's workflow.stages."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    reference = models.CharField(_("reference number"), max_length=13, unique=True)
    definition = models.ForeignKey(
        EServiceDefinition,
        verbose_name=_("definition version"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    state = models.CharField(
        _("state"), max_length=20, choices=ApplicationState.choices, default=ApplicationState.DRAFT
    )
    answers = models.JSONField(_("answers"), default=dict)
    language = models.CharField(_("language"), max_length=2, default="ar")
    fee_fils = models.PositiveIntegerField(_("fee (fils)"), default=0)
    # Paid fees are rows of the payments app (payment.application_payment).
    created_at = models.DateTimeField(_("started"), default=timezone.now)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    submitted_at = models.DateTimeField(_("received"), null=True, blank=True)
    # An application's processing time is in working days: it is due by a
    # day (shown to the applicant), not by a moment, so the kit's ``due_at``
    # gives way to ``due_on`` (the queue is told which: selectors.py).
    due_at = None
    due_on = models.DateField(_("due"), null=True, blank=True)
    # Who proposed approval, when a second person must confirm it.
    recommended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approval proposed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # When the applicant was told that this unfinished application will expire.
    expiry_warned_at = models.DateTimeField(_("expiry warning sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["applicant", "-created_at"], name="application_mine"),
            models.Index(fields=["organisation", "state", "due_on"], name="application_queue"),
            # The queue's order: most urgent first, then soonest due
            # (PostgreSQL puts nulls last in an ascending index, as the queue
            # wants), then the oldest.
            models.Index(
                fields=["organisation", "priority", "due_on", "submitted_at"],
                name="application_queue_order",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def review_stages(self) -> list[dict[str, Any]]:
        """Its definition's review stages, in order (none: one review step)."""
        stages: list[dict[str, Any]] = self.definition.data["workflow"].get("stages", [])
        return stages

    def stage_label(self, stage: str | None = None) -> str:
        """The name of a review stage (the current one by default) in the
        page's language, or "" when there is none."""
        wanted = self.stage if stage is None else stage
        for item in self.review_stages:
            if item["id"] == wanted:
                return text_in(item["label"])
        return ""

    @property
    def status(self) -> str:
        """The state as staff read it, with the review stage when there is one."""
        stage = self.stage_label() if self.state == ApplicationState.IN_REVIEW else ""
        return f"{self.get_state_display()} · {stage}" if stage else str(self.get_state_display())

    @property
    def applicant_state(self) -> str:
        """The state as the applicant knows it: steps inside the provider (an
        approval waiting for a second person) are still "being reviewed"."""
        return applicant_state(self.state)

    @property
    def applicant_view(self) -> tuple[str, str]:
        """What the applicant can tell of where it stands: the state they know,
        and the review stage (the definition names stages for applicants)."""
        state = self.applicant_state
        return state, self.stage if state == ApplicationState.IN_REVIEW else ""

    @property
    def applicant_status(self) -> str:
        """The state as the applicant reads it, with the review stage."""
        state, stage = self.applicant_view
        label = str(ApplicationState(state).label)
        stage_label = self.stage_label(stage) if stage else ""
        return f"{label} · {stage_label}" if stage_label else label


class ApplicationDocument(models.Model):
    """A file the applicant uploaded in answer to a question."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    question = models.CharField(_("question"), max_length=40)
    file = models.FileField(_("file"), storage=private_storage, upload_to="applications/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=50)
    size = models.PositiveIntegerField(_("size"))
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


class ApplicationEvent(AppendOnlyEvent):
    """One step in an application's history (the kit's ``AppendOnlyEvent``:
    who did what, when, from which state to which, a note, and whether the
    applicant may read it), with the review stage after it and a message to
    the applicant. Append-only: the model refuses changes, and on PostgreSQL
    a trigger refuses them too. Internal notes are staff only."""

    changed_refusal = "An application's history cannot be changed."
    deleted_refusal = "An application's history cannot be deleted."

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="events"
    )
    state = models.CharField(_("state after"), max_length=20, choices=ApplicationState.choices)
    stage = models.CharField(_("stage after"), max_length=40, blank=True)
    # A message to the applicant in both languages (a decision, a request),
    # or a text as its writer wrote it (an applicant's answer, a staff note).
    message_ar = models.TextField(_("message in Arabic"), blank=True)
    message_en = models.TextField(_("message in English"), blank=True)

    class Meta:
        verbose_name = _("application event")
        verbose_name_plural = _("application events")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.application_id} {self.action}"

    @property
    def message(self) -> str:
        """What the reader sees, in the page's language."""
        bilingual = self.message_ar if get_language() == "ar" else self.message_en
        return bilingual or self.message_ar or self.message_en or self.text


class IssuedDocument(models.Model):
    """The certificate, permit, licence or letter issued for an approved
    application: a PDF, and a public code that proves it is genuine."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    application = models.OneToOneField(
        Application,
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="issued_document",
    )
    verification_code = models.CharField(_("verification code"), max_length=14, unique=True)
    kind = models.CharField(_("kind"), max_length=20)
    title_ar = models.CharField(_("title in Arabic"), max_length=200)
    title_en = models.CharField(_("title in English"), max_length=200)
    holder_ar = models.CharField(_("issued to (Arabic)"), max_length=200)
    holder_en = models.CharField(_("issued to (English)"), max_length=200)
    holder_identifier = models.CharField(_("identity number"), max_length=20, blank=True)
    language = models.CharField(_("language"), max_length=2)
    pdf = models.FileField(_("PDF"), storage=private_storage, upload_to="issued/%Y/%m/")
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")

    def __str__(self) -> str:
        return self.verification_code

    @property
    def title(self) -> str:
        return self.title_ar if get_language() == "ar" else self.title_en

    @property
    def holder(self) -> str:
        return self.holder_ar if get_language() == "ar" else self.holder_en
