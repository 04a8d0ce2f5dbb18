"""Changes to the blogs: an editor writes and sends a post, an approver
publishes it or sends it back (``participation.publishing``: four eyes, the
author told), and readers comment (``participation.actions``: the posting
rules and moderation). Each change writes its audit row."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from bawaba.accounts.models import Organisation, User
from bawaba.catalogue.cache import catalogue_changed
from bawaba.core.audit import audit_record
from bawaba.core.text import join_list
from bawaba.participation import actions as participation_actions
from bawaba.participation import publishing
from bawaba.participation.blogs.models import LANGUAGES, Comment, Post
from bawaba.participation.permissions import can_write
from bawaba.participation.publishing import PublishingError

POST_FIELDS = tuple(
    f"{name}_{language}" for language in LANGUAGES for name in ("title", "summary", "body")
)
SLUG_MAX_LENGTH = 60


def _slug_for(post: Post) -> str:
    """A short name free in the provider's blog, from the English title
    (an Arabic-only post is "post", "post-2"…)."""
    base = slugify(post.title_en)[:SLUG_MAX_LENGTH].strip("-") or "post"
    taken = set(
        Post.objects.filter(organisation_id=post.organisation_id, slug__startswith=base)
        .exclude(pk=post.pk)
        .values_list("slug", flat=True)
    )
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def _apply(post: Post, data: dict[str, Any]) -> None:
    for name in POST_FIELDS:
        setattr(post, name, str(data.get(name) or ""))
    post.allows_comments = bool(data.get("allows_comments"))
    post.updated_at = timezone.now()
    # The address is settled once readers can see it.
    if post.published_at is None:
        post.slug = _slug_for(post)


@transaction.atomic
def post_create(
    *,
    organisation: Organisation,
    user: User,
    data: dict[str, Any],
    request: HttpRequest | None = None,
) -> Post:
    """An editor starts a draft."""
    if not can_write(user, organisation.pk):
        raise PublishingError(_("You cannot edit this."), code="participation.forbidden")
    post = Post(organisation=organisation, author=user)
    _apply(post, data)
    post.save()
    publishing.publication_touch(post, user)
    audit_record(
        action="blogs.post.created",
        request=request,
        actor=user,
        data={"id": post.pk, "organisation": organisation.pk},
    )
    return post


@transaction.atomic
def post_update(
    *, post: Post, user: User, data: dict[str, Any], request: HttpRequest | None = None
) -> Post:
    """An editor changes a draft (one sent back included)."""
    locked = Post.objects.select_for_update().get(pk=post.pk)
    if not can_write(user, locked.organisation_id):
        raise PublishingError(_("You cannot edit this."), code="participation.forbidden")
    if not publishing.publication_editable(locked):
        raise PublishingError(
            _("This post is in review or published and can no longer be changed."),
            code="blogs.post.locked",
        )
    _apply(locked, data)
    locked.save()
    publishing.publication_touch(locked, user)
    audit_record(
        action="blogs.post.changed",
        request=request,
        actor=user,
        data={"id": locked.pk, "organisation": locked.organisation_id},
    )
    return locked


def post_submit(*, post: Post, user: User, request: HttpRequest | None = None) -> Post:
    """Send a draft for review. Only the languages the post is written in
    must be complete."""
    gaps = post.review_gaps()
    if gaps:
        raise PublishingError(
            _("Complete the post first: %(fields)s.") % {"fields": join_list(gaps)},
            code="participation.publishing.incomplete",
        )
    item: Post = publishing.publication_submit(item=post, user=user, request=request)
    return item


@transaction.atomic
def post_publish(*, post: Post, user: User, request: HttpRequest | None = None) -> Post:
    """An approver who did not write or send the post publishes it; the
    provider's page (cached for visitors) lists it from now on."""
    item: Post = publishing.publication_publish(item=post, user=user, request=request)
    transaction.on_commit(catalogue_changed)
    return item


def post_send_back(
    *, post: Post, user: User, note: str, request: HttpRequest | None = None
) -> Post:
    item: Post = publishing.publication_send_back(item=post, user=user, note=note, request=request)
    return item


class CommentError(participation_actions.PostingError):
    code = "blogs.comment"


@transaction.atomic
def comment_post(*, post: Post, user: User, body: str) -> Comment:
    """A reader comments on a published post that takes comments: published
    at once, or held for a moderator when the account is new."""
    if not post.is_published or not post.allows_comments:
        raise CommentError(_("This post does not take comments."), code="blogs.comment.closed")
    fields = participation_actions.contribution_fields(user=user, body=body)
    comment = Comment.objects.create(**fields, post=post)
    participation_actions.contribution_posted(content=comment)
    return comment
