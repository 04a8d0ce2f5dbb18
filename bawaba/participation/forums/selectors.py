"""Reads of the forums, each scoped to who is reading: readers see published
posts; an author also sees their own posts that wait for a moderator or were
not published (with their state). A topic nobody may read is not found."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Max, Q, QuerySet

from bawaba.accounts.models import Organisation
from bawaba.catalogue.models import Category
from bawaba.participation.forums.models import Reply, Thread
from bawaba.participation.models import ContributionState

THREADS_PER_PAGE = 20
REPLIES_PER_PAGE = 50
# Larger ids do not fit a database integer: an address with one finds nothing.
_ID_MAX = 2**63 - 1


def _id(value: Any) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number <= _ID_MAX else None


def visible_to(user: Any) -> Q:
    """The posts ``user`` may read: published ones, and their own."""
    published = Q(state=ContributionState.PUBLISHED)
    if getattr(user, "pk", None):
        return published | Q(author_id=user.pk)
    return published


@dataclass(frozen=True)
class Theme:
    category: Category
    topics: int
    latest: Any


def theme_list() -> list[Theme]:
    """Every theme (the catalogue's categories) with its number of published
    topics and when one was last active: two queries whatever the number."""
    counts: dict[int, dict[str, Any]] = {
        row["category_id"]: dict(row)
        for row in Thread.objects.filter(state=ContributionState.PUBLISHED)
        .values("category_id")
        .annotate(topics=Count("id"), latest=Max("last_activity_at"))
    }
    return [
        Theme(
            category,
            counts.get(category.pk, {}).get("topics", 0),
            counts.get(category.pk, {}).get("latest"),
        )
        for category in Category.objects.all()
    ]


def theme_get(slug: str) -> Category | None:
    return Category.objects.filter(slug=slug).first()


def thread_providers(category: Category) -> QuerySet[Organisation]:
    """The providers who may look after a topic of ``category``: those
    offering a published service in it."""
    return (
        Organisation.objects.filter(
            is_active=True, services__categories=category, services__is_published=True
        )
        .distinct()
        .order_by("name_en")
    )


def thread_page(*, category: Category, user: Any, page_number: Any) -> Page[Thread]:
    threads = (
        Thread.objects.filter(visible_to(user), category=category)
        .select_related("organisation")
        .order_by("-last_activity_at", "-id")
    )
    return Paginator(threads, THREADS_PER_PAGE).get_page(page_number)


def thread_get_for_reader(*, user: Any, pk: Any) -> Thread | None:
    number = _id(pk)
    if number is None:
        return None
    return (
        Thread.objects.filter(visible_to(user), pk=number)
        .select_related("category", "organisation", "official_organisation")
        .first()
    )


def _replies(thread: Thread, user: Any) -> QuerySet[Reply]:
    return Reply.objects.filter(visible_to(user), thread_id=thread.pk)


def reply_page(*, thread: Thread, user: Any, page_number: Any) -> Page[Reply]:
    """One page of a topic's replies, oldest first, each with its quoted
    reply and the provider of an official answer: two queries a page."""
    replies = (
        _replies(thread, user)
        .select_related("official_organisation", "quote")
        .order_by("created_at", "id")
    )
    return Paginator(replies, REPLIES_PER_PAGE).get_page(page_number)


def reply_get_for_reader(*, user: Any, pk: Any) -> Reply | None:
    """A reply the reader may see, in a topic they may see."""
    number = _id(pk)
    if number is None:
        return None
    reply = Reply.objects.filter(visible_to(user), pk=number).select_related("thread").first()
    if reply is None or thread_get_for_reader(user=user, pk=reply.thread_id) is None:
        return None
    return reply


def reply_page_number(*, reply: Reply, user: Any) -> int:
    """The page of its topic where ``reply`` is shown to ``user``."""
    before = (
        _replies(reply.thread, user)
        .filter(
            Q(created_at__lt=reply.created_at) | Q(created_at=reply.created_at, id__lt=reply.pk)
        )
        .count()
    )
    return before // REPLIES_PER_PAGE + 1


def quotable_get(*, thread: Thread, pk: Any) -> Reply | None:
    """A published reply of ``thread`` that a new reply may quote."""
    number = _id(pk)
    if number is None:
        return None
    return Reply.objects.filter(
        pk=number, thread_id=thread.pk, state=ContributionState.PUBLISHED
    ).first()


def own_post_get(*, model: type[Thread] | type[Reply], user: Any, pk: Any) -> Thread | Reply | None:
    """A topic or reply ``user`` wrote (for changing it), or None."""
    number = _id(pk)
    if number is None or not getattr(user, "pk", None):
        return None
    if model is Reply:
        return (
            Reply.objects.filter(pk=number, author_id=user.pk)
            .select_related("thread__category")
            .first()
        )
    return Thread.objects.filter(pk=number, author_id=user.pk).select_related("category").first()
