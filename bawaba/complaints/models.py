"""Complaints, grievances, suggestions, enquiries and compliments: one kind
of case of the case kit (``CaseFields``, ``AppendOnlyEvent``), handled by the
provider it concerns, or by the portal's complaint managers while nobody is
sure who that is (the triage queue: no organisation yet)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from bawaba.accounts.models import Organisation
from bawaba.cases.models import AppendOnlyEvent, CaseFields
from bawaba.catalogue.models import Category, Service


class Kind(models.TextChoices):
    COMPLAINT = "complaint", _("Complaint")
    # An appeal against a decision (an application's, or a complaint's outcome).
    GRIEVANCE = "grievance", _("Grievance")
    SUGGESTION = "suggestion", _("Suggestion")
    ENQUIRY = "enquiry", _("Enquiry")
    COMPLIMENT = "compliment", _("Compliment")


class Channel(models.TextChoices):
    WEB = "web", _("Portal")
    PHONE = "phone", _("Telephone (contact centre)")


class ComplaintState(models.TextChoices):
    RECEIVED = "received", pgettext_lazy("complaint state", "Received")
    IN_PROGRESS = "in_progress", pgettext_lazy("complaint state", "Being handled")
    MORE_INFORMATION = (
        "more_information",
        pgettext_lazy("complaint state", "Waiting for your information"),
    )
    CLOSED = "closed", pgettext_lazy("complaint state", "Closed")


class Outcome(models.TextChoices):
    RESOLVED = "resolved", _("Resolved")
    NOT_UPHELD = "not_upheld", _("Not upheld")
    REFERRED = "referred", _("Referred elsewhere")
    DUPLICATE = "duplicate", _("Duplicate")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Complaint(CaseFields):
    """One case: what the person told us, who they are (or how to reach
    them), who handles it, and the charter's clocks: acknowledged when,
    first answered when, and due by when (the kit's ``due_at``, on the
    handling provider's working calendar)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    reference = models.CharField(_("reference number"), max_length=13, unique=True)
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=ComplaintState.choices,
        default=ComplaintState.RECEIVED,
    )
    # None while it waits in the portal's triage queue.
    organisation = models.ForeignKey(  # type: ignore[assignment]  # nullable here: triage
        Organisation,
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, default=Channel.WEB
    )
    service = models.ForeignKey(
        Service,
        verbose_name=_("service"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # "Something of the person's" it is about: a kind registered with the
    # kit's subjects registry (an application today) and its id.
    subject_kind = models.CharField(_("about"), max_length=30, blank=True)
    subject_id = models.CharField(_("about (id)"), max_length=64, blank=True)
    subject = models.CharField(_("subject"), max_length=200)
    details = models.TextField(_("details"))
    # The person: their account when signed in, else the contact they verified.
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
    )
    contact_name = models.CharField(_("name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("email"), blank=True)
    contact_mobile = models.CharField(_("mobile"), max_length=20, blank=True)
    contact_verified_at = models.DateTimeField(_("contact verified"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=2, default="ar")
    # The provider sees neither name nor contact details; replies still reach the person.
    identity_withheld = models.BooleanField(_("identity withheld from the provider"), default=False)
    # Filed by a contact-centre agent for a caller.
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    consent_to_contact = models.BooleanField(_("consents to be contacted"), default=True)
    callback_at = models.DateTimeField(_("call back at"), null=True, blank=True)
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    acknowledged_same_day = models.BooleanField(
        _("acknowledged on the working day of receipt"), default=False
    )
    # The clocks start at the next working moment after receipt.
    clock_started_at = models.DateTimeField(_("clock started"), null=True, blank=True)
    first_response_due_at = models.DateTimeField(_("first response due by"), null=True, blank=True)
    first_response_at = models.DateTimeField(_("first responded"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    # A compliment's team or member of staff, as the person named them.
    compliment_for = models.CharField(_("compliment for"), max_length=200, blank=True)
    # A grievance against the outcome of an earlier case: a supervisor who
    # did not handle that case handles this one (``case_kind``).
    appeal_of = models.ForeignKey(
        "self",
        verbose_name=_("grievance against the outcome of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appeals",
    )
    # Cases staff linked (both ways); a duplicate merged into a kept case is linked to it.
    related = models.ManyToManyField("self", verbose_name=_("related cases"), blank=True)
    escalation_level = models.PositiveSmallIntegerField(_("escalations"), default=0)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("complaint or suggestion")
        verbose_name_plural = _("complaints and suggestions")
        ordering = ["-received_at"]
        indexes = [
            models.Index(
                fields=["organisation", "priority", "due_at", "received_at"],
                name="complaint_queue_order",
            ),
            models.Index(fields=["organisation", "state", "due_at"], name="complaint_queue"),
            # A complaint manager's queue (every provider's cases), in its order.
            models.Index(fields=["priority", "due_at", "received_at"], name="complaint_all_order"),
            # "Open now" on How we are doing: the few cases not closed, by provider.
            models.Index(
                fields=["organisation", "state", "due_at"],
                condition=~models.Q(state="closed"),
                name="complaint_open",
            ),
            # The queue lists open cases unless a state is chosen: in its order,
            # for one provider's staff and for the complaint managers.
            models.Index(
                fields=["organisation", "priority", "due_at", "received_at"],
                condition=~models.Q(state="closed"),
                name="complaint_open_order",
            ),
            models.Index(
                fields=["priority", "due_at", "received_at"],
                condition=~models.Q(state="closed") & models.Q(organisation__isnull=False),
                name="complaint_open_all_order",
            ),
            models.Index(fields=["person", "-received_at"], name="complaint_mine"),
            # How we are doing: each block of figures read from its index
            # alone (report.py counts columns these hold), by its period; the
            # received one also joins the reopen steps to their cases.
            models.Index(
                fields=["received_at"],
                include=["organisation", "kind", "channel", "acknowledged_same_day", "id"],
                name="complaint_received_figures",
            ),
            models.Index(
                fields=["first_response_due_at"],
                include=["organisation", "first_response_at"],
                name="complaint_response_figures",
            ),
            models.Index(
                fields=["decided_at"],
                include=["organisation", "due_at", "outcome"],
                condition=models.Q(state="closed"),
                name="complaint_closed_figures",
            ),
            # The deadline check's candidates: open cases whose clock runs,
            # by the deadlines it watches.
            models.Index(
                fields=["due_at"],
                condition=models.Q(
                    state__in=["received", "in_progress"],
                    paused_at__isnull=True,
                    escalation_level__lt=2,
                ),
                name="complaint_running_due",
            ),
            models.Index(
                fields=["first_response_due_at"],
                condition=models.Q(
                    state__in=["received", "in_progress"],
                    paused_at__isnull=True,
                    first_response_at__isnull=True,
                ),
                name="complaint_first_response_due",
            ),
        ]

    def __str__(self) -> str:
        return self.reference


class ComplaintEvent(AppendOnlyEvent):
    """One step in a case's history (the kit's row), with the provider it
    was with after the step (a transfer names the new one)."""

    changed_refusal = "A complaint's history cannot be changed."
    deleted_refusal = "A complaint's history cannot be deleted."

    complaint = models.ForeignKey(
        Complaint, verbose_name=_("case"), on_delete=models.CASCADE, related_name="events"
    )
    state = models.CharField(_("state after"), max_length=20, choices=ComplaintState.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("provider after"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("complaint event")
        verbose_name_plural = _("complaint events")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.action}"

    @property
    def message(self) -> str:
        """What the person reads: the text as its writer wrote it."""
        return self.text


class RoutingRule(models.Model):
    """Where a new case goes: the first rule (lowest order) whose filled
    conditions all match sends it to ``handled_by``. A case no rule matches
    goes to its provider when it names one, else to the triage queue."""

    order = models.PositiveIntegerField(_("order"), default=100)
    provider = models.ForeignKey(
        Organisation,
        verbose_name=_("about provider"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    service = models.ForeignKey(
        Service,
        verbose_name=_("about service"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, blank=True)
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    handled_by = models.ForeignKey(
        Organisation,
        verbose_name=_("handled by"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"{self.order}: → {self.handled_by}"


def private_storage() -> FileSystemStorage:
    """Attachments: a folder no web server serves; the portal hands a file
    only to the person and to those who may open the case."""
    return FileSystemStorage(location=settings.PRIVATE_FILES_ROOT, base_url=None)


class ComplaintAttachment(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    complaint = models.ForeignKey(
        Complaint, verbose_name=_("case"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), storage=private_storage, upload_to="complaints/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=50)
    size = models.PositiveIntegerField(_("size"))
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


class Rating(models.Model):
    """How the person rates the handling of their closed case (charter C21,
    C29): once per case, from 1 (very poor) to 5 (very good), with what they
    would like to add. A case sent without an account is rated with no
    person."""

    complaint = models.OneToOneField(
        Complaint, verbose_name=_("case"), on_delete=models.CASCADE, related_name="rating"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    score = models.PositiveSmallIntegerField(_("score"))
    comment = models.TextField(_("comment"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="complaint_rating_score"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.complaint_id}: {self.score}"


class TransactionRating(models.Model):
    """How the person rates one of their transactions (charter C21): a decided
    application today, a payment later. The transaction is named by the case
    kit's subject kind and id, as a complaint names what it is about; its
    service and provider are copied so that satisfaction is counted per
    service and per provider without asking the app that owns it."""

    subject_kind = models.CharField(_("about"), max_length=30)
    subject_id = models.CharField(_("about (id)"), max_length=64)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    score = models.PositiveSmallIntegerField(_("score"))
    comment = models.TextField(_("comment"), max_length=1000, blank=True)
    service = models.ForeignKey(
        Service,
        verbose_name=_("service"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("provider"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("transaction rating")
        verbose_name_plural = _("transaction ratings")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="transaction_rating_score"
            ),
            models.UniqueConstraint(
                fields=["subject_kind", "subject_id", "person"], name="transaction_rating_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject_kind}:{self.subject_id}: {self.score}"
