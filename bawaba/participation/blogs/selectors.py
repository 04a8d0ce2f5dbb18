"""Reads of the blogs, each scoped to who asks: readers see published posts
and published comments (and their own comments waiting for a moderator);
staff see the posts of the providers where they are an editor or approver.
Anything else looks the same as what does not exist (a 404)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from bawaba.accounts.constants import Role
from bawaba.accounts.models import Organisation
from bawaba.catalogue.workflow import RevisionState
from bawaba.participation.blogs.models import Comment, Post
from bawaba.participation.models import ContributionState
from bawaba.participation.permissions import organisations_with_role

STAFF_ROLES = (Role.EDITOR, Role.APPROVER)


def post_list_published(*, organisation: Organisation | None = None) -> QuerySet[Post]:
    """Published posts, newest first, with their provider and their number
    of published comments."""
    posts = (
        Post.objects.filter(review_state=RevisionState.PUBLISHED, organisation__is_active=True)
        .select_related("organisation")
        .annotate(
            comment_count=Count("comments", filter=Q(comments__state=ContributionState.PUBLISHED))
        )
        .order_by("-published_at", "-pk")
    )
    if organisation is not None:
        posts = posts.filter(organisation=organisation)
    return posts


def blog_providers() -> QuerySet[Organisation]:
    """The providers with at least one published post."""
    return Organisation.objects.filter(
        is_active=True,
        pk__in=Post.objects.filter(review_state=RevisionState.PUBLISHED).values("organisation_id"),
    )


def provider_get(*, slug: str) -> Organisation | None:
    return Organisation.objects.filter(is_active=True, slug=slug).first()


def post_get_published(*, organisation: Organisation, slug: str) -> Post | None:
    return (
        Post.objects.filter(
            organisation=organisation, slug=slug, review_state=RevisionState.PUBLISHED
        )
        .select_related("organisation")
        .first()
    )


def comment_list_for_reader(*, post: Post, user: Any) -> QuerySet[Comment]:
    """The published comments, and the reader's own that wait for a moderator."""
    shown = Q(state=ContributionState.PUBLISHED)
    if getattr(user, "pk", None):
        shown |= Q(state=ContributionState.PENDING, author_id=user.pk)
    return post.comments.filter(shown).order_by("created_at", "pk")


def latest_posts(*, organisation: Organisation, count: int = 3) -> list[Post]:
    return list(
        Post.objects.filter(
            organisation=organisation, review_state=RevisionState.PUBLISHED
        ).order_by("-published_at", "-pk")[:count]
    )


def staff_organisations(user: Any) -> QuerySet[Organisation]:
    """The providers whose blog ``user`` works on (editor or approver)."""
    return organisations_with_role(user, *STAFF_ROLES)


def post_list_for_staff(*, user: Any) -> QuerySet[Post]:
    return (
        Post.objects.filter(organisation__in=staff_organisations(user))
        .select_related("organisation", "author")
        .order_by("-updated_at", "-pk")
    )


def post_get_for_staff(*, user: Any, pk: Any) -> Post | None:
    try:
        number = int(pk)
    except (TypeError, ValueError):
        return None
    return (
        Post.objects.filter(organisation__in=staff_organisations(user), pk=number)
        .select_related("organisation", "author", "published_by")
        .first()
    )


def staff_organisation_get(*, user: Any, slug: str) -> Organisation | None:
    return staff_organisations(user).filter(slug=slug).first()
