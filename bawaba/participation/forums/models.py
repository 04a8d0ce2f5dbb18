"""The forums: topics by theme (the catalogue's categories), each opened by a
post and answered by replies.

- ``Thread``: a topic. Its opening post is the thread itself (a
  ``Contribution``): its title, its theme, and the provider who looks after
  it (whose moderators decide on its posts; none: the portal's moderators).
- ``Reply``: an answer in a thread, which may quote an earlier reply.

Both are moderated kinds of the participation foundation (``apps.py``):
a new account's posts wait for a moderator, others are published at once and
moderated when a reader reports them.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bawaba.accounts.models import Organisation
from bawaba.catalogue.models import Category
from bawaba.participation.models import Contribution

TITLE_MAX_LENGTH = 150


class Thread(Contribution):
    """A topic in a theme; the opening post is its ``body``."""

    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    category = models.ForeignKey(
        Category, verbose_name=_("theme"), on_delete=models.PROTECT, related_name="+"
    )
    # The provider who looks after the topic; None: the portal's moderators.
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # When the topic was opened or last answered (published posts only).
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now)
    # Published replies, kept by the forum's actions (see actions.thread_counts_refresh).
    reply_count = models.PositiveIntegerField(_("replies"), default=0)

    category_id: int
    organisation_id: int | None

    class Meta:
        verbose_name = _("forum topic")
        verbose_name_plural = _("forum topics")
        indexes = [
            # A theme's page: its published topics, latest activity first.
            models.Index(
                fields=["category", "state", "-last_activity_at", "-id"],
                name="forums_thread_theme",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Reply(Contribution):
    """An answer in a topic, which may quote an earlier reply of it."""

    thread = models.ForeignKey(
        Thread, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="replies"
    )
    quote = models.ForeignKey(
        "self",
        verbose_name=_("quoted reply"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    thread_id: int
    quote_id: int | None

    class Meta:
        verbose_name = _("forum reply")
        verbose_name_plural = _("forum replies")
        indexes = [
            # A topic's page: its published replies in the order they were written.
            models.Index(fields=["thread", "state", "created_at", "id"], name="forums_reply_page")
        ]

    def __str__(self) -> str:
        return f"{self.thread_id}#{self.pk}"
