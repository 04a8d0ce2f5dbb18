"""The forum topics a person started or replied to, on their dashboard
(``bawaba.accounts.dashboard``): one query whatever they wrote."""

from __future__ import annotations

from typing import Any

from django.db.models import DateTimeField, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from bawaba.accounts.dashboard import LIMIT, LONG_AGO, DashboardItem, dashboard_provider_register
from bawaba.participation.forums.models import Reply, Thread
from bawaba.participation.forums.selectors import visible_to
from bawaba.participation.models import ContributionState

# The topic's own state, when the person who started it sees it unpublished.
_STATE_COLOURS = {ContributionState.PENDING: "yellow", ContributionState.REJECTED: "red"}


def _status(thread: Any) -> tuple[str | Promise, str]:
    """What the person most needs to know of the topic, and its colour."""
    if thread.state != ContributionState.PUBLISHED:
        return thread.get_state_display(), _STATE_COLOURS.get(thread.state, "grey")
    if thread.reply_waiting:
        return _("Your reply is waiting for moderation"), "yellow"
    if thread.answered:
        return _("Answered officially"), "green"
    return pgettext_lazy("post state", "Published"), "blue"


def forum_items(user: Any) -> list[DashboardItem]:
    if not getattr(user, "pk", None):
        return []
    replies = Reply.objects.filter(thread=OuterRef("pk"), author_id=user.pk).exclude(
        state=ContributionState.REMOVED
    )
    official = Reply.objects.filter(
        thread=OuterRef("pk"),
        state=ContributionState.PUBLISHED,
        official_organisation__isnull=False,
    )
    threads = (
        # Topics the person may still open: published ones, and their own
        # (waiting or not published) unless taken down.
        Thread.objects.filter(visible_to(user))
        .exclude(state=ContributionState.REMOVED)
        .annotate(
            replied_at=Subquery(
                replies.order_by("-created_at").values("created_at")[:1],
                output_field=DateTimeField(),
            ),
            reply_waiting=Exists(replies.filter(state=ContributionState.PENDING)),
            answered=Exists(official),
        )
        .filter(Q(author_id=user.pk) | Q(replied_at__isnull=False))
        # Greatest() of a NULL is NULL on SQLite: a moment never reached counts as long ago.
        .annotate(active_at=Greatest("last_activity_at", Coalesce("replied_at", LONG_AGO)))
        .order_by("-active_at", "-pk")[:LIMIT]
    )
    items = []
    for thread in threads:
        status, colour = _status(thread)
        items.append(
            DashboardItem(
                section="participation",
                kind=pgettext_lazy("dashboard kind", "Forum topic"),
                title=thread.title,
                status=status,
                colour=colour,
                url=reverse("forums:thread", kwargs={"pk": thread.pk}),
                when=thread.active_at,
            )
        )
    return items


def register_dashboard() -> None:
    dashboard_provider_register("forums.topics", forum_items)
