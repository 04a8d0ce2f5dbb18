"""The blog posts a person commented on, one item a post, on their dashboard
(``bawaba.accounts.dashboard``): one query whatever they wrote."""

from __future__ import annotations

from typing import Any

from django.db.models import DateTimeField, Exists, OuterRef, Subquery
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from bawaba.accounts.dashboard import LIMIT, DashboardItem, dashboard_provider_register
from bawaba.catalogue.workflow import RevisionState
from bawaba.participation.blogs.models import Comment, Post
from bawaba.participation.models import ContributionState


def _status(post: Any) -> tuple[str | Promise, str]:
    """What became of the person's latest comment on ``post``, and its colour."""
    if post.latest_state == ContributionState.PENDING:
        return _("Your comment is waiting for moderation"), "yellow"
    if post.latest_state == ContributionState.REJECTED:
        return _("Your comment was not published"), "red"
    if post.answered:
        return _("Answered officially"), "green"
    return pgettext_lazy("post state", "Published"), "blue"


def blog_items(user: Any) -> list[DashboardItem]:
    if not getattr(user, "pk", None):
        return []
    comments = (
        Comment.objects.filter(post=OuterRef("pk"), author_id=user.pk)
        .exclude(state=ContributionState.REMOVED)
        .order_by("-created_at", "-pk")
    )
    # A provider's official answer on the post after the person's latest comment.
    official = Comment.objects.filter(
        post=OuterRef("pk"),
        state=ContributionState.PUBLISHED,
        official_organisation__isnull=False,
        created_at__gt=OuterRef("commented_at"),
    )
    posts = (
        Post.objects.filter(review_state=RevisionState.PUBLISHED, organisation__is_active=True)
        .annotate(
            commented_at=Subquery(comments.values("created_at")[:1], output_field=DateTimeField()),
            latest_state=Subquery(comments.values("state")[:1]),
        )
        .filter(commented_at__isnull=False)
        .annotate(answered=Exists(official))
        .select_related("organisation")
        .order_by("-commented_at", "-pk")[:LIMIT]
    )
    items = []
    for post in posts:
        status, colour = _status(post)
        items.append(
            DashboardItem(
                section="participation",
                kind=pgettext_lazy("dashboard kind", "Blog post"),
                title=post.title,
                status=status,
                colour=colour,
                url=reverse(
                    "blogs:post", kwargs={"organisation": post.organisation.slug, "slug": post.slug}
                ),
                when=post.commented_at,
            )
        )
    return items


def register_dashboard() -> None:
    dashboard_provider_register("blogs.comments", blog_items)
