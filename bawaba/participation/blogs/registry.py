"""What the blogs register with the layers below them: comments as a
moderated kind (in the queue of the post's provider), the latest posts
on the catalogue's provider page, and the demo posts for
``load_demo_participation``."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy

from bawaba.catalogue.page_extras import provider_extra_register
from bawaba.participation.blogs import demo, selectors
from bawaba.participation.blogs.models import Comment
from bawaba.participation.moderation import ModeratedKind, moderated_kind_register

LATEST_ON_PROVIDER_PAGE = 3


def _where(comment: Comment) -> dict[str, str]:
    post = comment.post
    return {"ar": post.title_ar or post.title_en, "en": post.title_en or post.title_ar}


def _link(comment: Comment) -> tuple[str, dict[str, Any]]:
    post = comment.post
    return "blogs:post", {"organisation": post.organisation.slug, "slug": post.slug}


def provider_latest_posts(provider: Any) -> str:
    """The provider's latest posts for its catalogue page; nothing when it
    has published none."""
    posts = selectors.latest_posts(organisation=provider, count=LATEST_ON_PROVIDER_PAGE)
    if not posts:
        return ""
    return render_to_string(
        "blogs/provider_extra.html",
        {
            "provider": provider,
            "posts": posts,
            "blog_url": reverse("blogs:provider", args=[provider.slug]),
        },
    )


def register() -> None:
    moderated_kind_register(
        ModeratedKind(
            code="blogs.comment",
            name=gettext_lazy("Comment on a blog post"),
            model=Comment,
            organisation=lambda comment: comment.post.organisation_id,
            where=_where,
            link=_link,
        )
    )
    provider_extra_register(provider_latest_posts)
    demo.register_demo()
