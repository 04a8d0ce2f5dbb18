"""Providers' blogs (charter C11).

- ``Post``: what a provider's editors write, in Arabic, in English or in
  both, published through the four-eyes review of ``participation.publishing``
  (an approver of the same provider who did not write it). A post in one
  language only says so on the other language's page.
- ``Comment``: what readers write under a post, moderated like every post
  people write (``participation``'s moderated kinds).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from bawaba.participation.models import Contribution, PublicationFields

LANGUAGES = ("ar", "en")
POST_LANGUAGES = LANGUAGES
TITLE_MAX_LENGTH = 200
SUMMARY_MAX_LENGTH = 500
BODY_MAX_LENGTH = 20000


class Post(PublicationFields):
    """A blog post by a provider. A language is complete when it has a title
    and a text; the summary is optional."""

    # Unique within the provider's blog; settled when the post is first published.
    slug = models.SlugField(gettext_lazy("short name in the address"), max_length=80)
    title_ar = models.CharField(
        gettext_lazy("title in Arabic"), max_length=TITLE_MAX_LENGTH, blank=True
    )
    title_en = models.CharField(
        gettext_lazy("title in English"), max_length=TITLE_MAX_LENGTH, blank=True
    )
    summary_ar = models.TextField(gettext_lazy("summary in Arabic"), blank=True)
    summary_en = models.TextField(gettext_lazy("summary in English"), blank=True)
    # Plain text: paragraphs separated by blank lines, shown escaped.
    body_ar = models.TextField(gettext_lazy("text in Arabic"), blank=True)
    body_en = models.TextField(gettext_lazy("text in English"), blank=True)
    allows_comments = models.BooleanField(gettext_lazy("readers may comment"), default=True)
    created_at = models.DateTimeField(gettext_lazy("created"), default=timezone.now)
    updated_at = models.DateTimeField(gettext_lazy("last changed"), default=timezone.now)

    organisation_id: int
    author_id: int
    submitted_by_id: int | None

    class Meta:
        verbose_name = gettext_lazy("blog post")
        verbose_name_plural = gettext_lazy("blog posts")
        ordering = ["-published_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "slug"], name="blogs_post_unique_slug")
        ]
        indexes = [
            models.Index(
                fields=["review_state", "published_at"],
                name="blogs_post_published",
                condition=Q(review_state="published"),
            )
        ]

    def __str__(self) -> str:
        return self.title_en or self.title_ar or self.slug

    # The text of a language: ``field("title", "ar")`` is ``title_ar``.
    def field(self, name: str, language: str) -> str:
        return str(getattr(self, f"{name}_{language}", "") or "")

    def has_language(self, language: str) -> bool:
        return bool(self.field("title", language).strip() and self.field("body", language).strip())

    @property
    def languages(self) -> list[str]:
        """The languages the post is written in (title and text), Arabic first."""
        return [language for language in LANGUAGES if self.has_language(language)]

    def shown_language(self, language: str | None = None) -> str:
        """The page's language when the post is written in it, else the other."""
        language = language or get_language() or "ar"
        if self.has_language(language):
            return language
        other = [code for code in LANGUAGES if code != language and self.has_language(code)]
        return other[0] if other else language

    @property
    def title(self) -> str:
        return self.field("title", self.shown_language())

    @property
    def summary(self) -> str:
        return self.field("summary", self.shown_language())

    def review_link(self) -> tuple[str, dict[str, Any]]:
        return "staff_blogs:review", {"pk": self.pk}

    def review_gaps(self) -> list[str]:
        """What is missing before the post can be sent for review: the title
        and text of each language begun (a post may be in one language only)."""
        labels = {
            ("title", "ar"): _("Title in Arabic"),
            ("body", "ar"): _("Text in Arabic"),
            ("title", "en"): _("Title in English"),
            ("body", "en"): _("Text in English"),
        }
        gaps: list[str] = []
        begun = False
        for language in LANGUAGES:
            if not any(self.field(name, language).strip() for name in ("title", "summary", "body")):
                continue
            begun = True
            gaps.extend(
                labels[(name, language)]
                for name in ("title", "body")
                if not self.field(name, language).strip()
            )
        if not begun:
            gaps.append(_("a title and a text in Arabic or in English"))
        return gaps


class Comment(Contribution):
    """A reader's comment on a published post."""

    post = models.ForeignKey(
        Post,
        verbose_name=gettext_lazy("blog post"),
        on_delete=models.CASCADE,
        related_name="comments",
    )

    post_id: int

    class Meta:
        verbose_name = gettext_lazy("comment on a blog post")
        verbose_name_plural = gettext_lazy("comments on blog posts")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["post", "state", "created_at"], name="blogs_comment_post")]

    def __str__(self) -> str:
        return f"{self.post_id}:{self.pk}"
