"""What every way of taking part shares.

- ``Participant``: the name a person posts under (never their CPR number or
  email address), and for a business representative the business they
  answer for.
- ``Block``: an account stopped from posting, with who decided and why.
- ``Contribution``: the abstract base of everything people post (a comment
  on a consultation, a forum reply, a comment on a blog post): who wrote it,
  under which name, whether a provider's staff answered officially, and
  whether it is published, waiting for moderation or taken down.
- ``ModerationCase`` and ``ModerationEvent``: a post waiting for a moderator
  or reported by a reader is a case of the case kit, in the queue of the
  provider whose space it was posted in (or the portal's own queue), with
  an append-only history of who decided what, when and why.
- ``PublicationFields``: the abstract fields of what a provider's editors
  write (a consultation, a blog post): published through the same four-eyes
  review as service pages.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from bawaba.accounts.models import Organisation
from bawaba.cases.models import AppendOnlyEvent, CaseFields
from bawaba.catalogue.workflow import RevisionState
from bawaba.core.models import TimeStampedModel

DISPLAY_NAME_MAX_LENGTH = 60


class Participant(TimeStampedModel):
    """The name shown with everything a person posts."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="participant",
    )
    display_name = models.CharField(_("name shown with your posts"), max_length=60)
    # A business representative answers as the business.
    business_name = models.CharField(_("business you answer for"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return self.display_name

    @property
    def shown_name(self) -> str:
        return self.business_name or self.display_name


class Block(models.Model):
    """An account stopped from posting anywhere on the portal, until a
    moderator lifts it. Rows are kept when lifted: the record says who
    blocked, who lifted and why."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="participation_blocks",
    )
    reason = models.TextField(_("reason"))
    blocked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("blocked by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("blocked"), default=timezone.now)
    lifted_at = models.DateTimeField(_("lifted"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lifted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    lift_reason = models.TextField(_("reason for lifting"), blank=True)

    class Meta:
        verbose_name = _("block")
        verbose_name_plural = _("blocks")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(lifted_at__isnull=True),
                name="participation_block_one_active",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.created_at:%Y-%m-%d}"


class ContributionState(models.TextChoices):
    PUBLISHED = "published", pgettext_lazy("post state", "Published")
    PENDING = "pending", pgettext_lazy("post state", "Waiting for moderation")
    REJECTED = "rejected", pgettext_lazy("post state", "Not published")
    REMOVED = "removed", pgettext_lazy("post state", "Removed")


class Contribution(models.Model):
    """The abstract base of what people post. The app adds where it was
    posted (a paragraph, a thread, a blog post) and registers the model as
    a moderated kind (``moderation.moderated_kind_register``)."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The name shown, as it was when posted (the participant's shown name).
    author_name = models.CharField(_("shown as"), max_length=150)
    is_business = models.BooleanField(_("for a business"), default=False)
    # A provider's staff answering for the provider: shown with a verified badge.
    official_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("official answer of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    body = models.TextField(_("text"))
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=ContributionState.choices,
        default=ContributionState.PUBLISHED,
    )
    created_at = models.DateTimeField(_("posted"), default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)

    author_id: int
    official_organisation_id: int | None

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.state == ContributionState.PUBLISHED


class ModerationState(models.TextChoices):
    PENDING = "pending", pgettext_lazy("moderation state", "Waiting for a decision")
    REPORTED = "reported", pgettext_lazy("moderation state", "Reported")
    APPROVED = "approved", pgettext_lazy("moderation state", "Published")
    REJECTED = "rejected", pgettext_lazy("moderation state", "Not published")


class ModerationCase(CaseFields):
    """One post that a moderator decides on: held back because its author's
    account is new (pre-moderation), or published and reported by a reader
    (post-moderation). One case a post, reopened by a later report."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    reference = models.CharField(_("reference number"), max_length=13, unique=True)
    state = models.CharField(
        _("state"), max_length=20, choices=ModerationState.choices, default=ModerationState.PENDING
    )
    # None: the portal's own queue (a forum theme no provider looks after).
    organisation = models.ForeignKey(  # type: ignore[assignment]  # nullable: the portal's queue
        Organisation,
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The post, by its registered kind ("forums.reply") and id.
    content_kind = models.CharField(_("kind of post"), max_length=40)
    content_id = models.PositiveBigIntegerField(_("post"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reports = models.PositiveIntegerField(_("reports"), default=0)
    created_at = models.DateTimeField(_("opened"), default=timezone.now)

    class Meta:
        verbose_name = _("moderation case")
        verbose_name_plural = _("moderation cases")
        constraints = [
            models.UniqueConstraint(
                fields=["content_kind", "content_id"], name="participation_moderation_one_case"
            )
        ]
        indexes = [
            models.Index(
                fields=["organisation", "priority", "due_at", "created_at"],
                name="participation_mod_queue",
            )
        ]

    def __str__(self) -> str:
        return self.reference


class ModerationEvent(AppendOnlyEvent):
    """One step of a moderation case: posted and held, reported (with the
    reader's reason), published, not published (with the moderator's
    reason, which the author reads)."""

    changed_refusal = "A moderation history row cannot be changed."
    deleted_refusal = "A moderation history row cannot be deleted."

    case = models.ForeignKey(
        ModerationCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="events"
    )
    state = models.CharField(_("state after"), max_length=20, choices=ModerationState.choices)

    class Meta:
        verbose_name = _("moderation event")
        verbose_name_plural = _("moderation events")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.action}"


class PublicationFields(models.Model):
    """The abstract fields of what a provider's editors write and an
    approver of the same provider, who did not write it, publishes
    (``publishing.py``): the catalogue's review states and moves."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("provider"), on_delete=models.PROTECT, related_name="+"
    )
    review_state = models.CharField(
        _("review state"),
        max_length=20,
        choices=RevisionState.choices,
        default=RevisionState.DRAFT,
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("sent for review"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent for review by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    review_note = models.TextField(_("note from the approver"), blank=True)
    # The ids of everyone who wrote any of it (``publishing.publication_touch``):
    # none of them may approve it.
    contributors = models.JSONField(_("written by"), default=list, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.review_state == RevisionState.PUBLISHED
