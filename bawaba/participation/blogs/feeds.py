"""Atom feeds of the blogs: every provider's (/<lang>/blogs/feed/) and one
provider's (/<lang>/blogs/<provider>/feed/), newest first, published posts
only. A feed is in its address's language; a post written only in the
other language is still an entry, in its own language (``xml:lang``)."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import linebreaks
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from bawaba.accounts.models import Organisation
from bawaba.participation.blogs import selectors
from bawaba.participation.blogs.models import Post

FEED_SIZE = 20


def _absolute(path: str) -> str:
    # The portal's public address, as in its messages (not the sites
    # framework's placeholder domain).
    return settings.PORTAL_URL.rstrip("/") + path


class BilingualAtomFeed(Atom1Feed):
    """Atom, each entry saying its own language when it is not the feed's."""

    def write_items(self, handler: Any) -> None:
        for item in self.items:
            language = item.get("entry_language")
            handler.startElement("entry", {"xml:lang": language} if language else {})
            self.add_item_elements(handler, item)
            handler.endElement("entry")


class AllPostsFeed(Feed):
    feed_type = BilingualAtomFeed

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        response = super().__call__(request, *args, **kwargs)
        response["Content-Language"] = get_language() or "ar"
        return response

    def title(self, obj: Organisation | None = None) -> str:
        return _("Providers' blogs on Bawaba")

    def subtitle(self, obj: Organisation | None = None) -> str:
        return _("The latest posts of the providers on the national e-Government portal.")

    def link(self, obj: Organisation | None = None) -> str:
        return _absolute(reverse("blogs:list"))

    def feed_url(self, obj: Organisation | None = None) -> str:
        return _absolute(reverse("blogs:feed"))

    def items(self, obj: Organisation | None = None) -> list[Post]:
        return list(selectors.post_list_published(organisation=obj)[:FEED_SIZE])

    def item_title(self, item: Post) -> str:
        return item.title

    def item_description(self, item: Post) -> str:
        # The text is plain: escaped, so that a reader shows it as typed.
        language = item.shown_language()
        text = item.field("summary", language) or item.field("body", language)
        return linebreaks(text, autoescape=True)

    def item_link(self, item: Post) -> str:
        return _absolute(reverse("blogs:post", args=[item.organisation.slug, item.slug]))

    def item_pubdate(self, item: Post) -> datetime.datetime | None:
        return item.published_at

    def item_updateddate(self, item: Post) -> datetime.datetime | None:
        return item.published_at

    def item_author_name(self, item: Post) -> str:
        return item.organisation.name

    def item_extra_kwargs(self, item: Post) -> dict[str, Any]:
        language = get_language() or "ar"
        shown = item.shown_language(language)
        return {"entry_language": shown if shown != language else ""}


class ProviderFeed(AllPostsFeed):
    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Organisation:
        organisation = selectors.provider_get(slug=str(kwargs.get("organisation", "")))
        if organisation is None:
            raise Http404
        return organisation

    # Django passes the provider found by get_object.
    def title(self, obj: Any = None) -> str:
        return _("Blog of %(provider)s") % {"provider": obj.name}

    def subtitle(self, obj: Any = None) -> str:
        return _("The latest posts of %(provider)s on Bawaba.") % {"provider": obj.name}

    def link(self, obj: Any = None) -> str:
        return _absolute(reverse("blogs:provider", args=[obj.slug]))

    def feed_url(self, obj: Any = None) -> str:
        return _absolute(reverse("blogs:provider_feed", args=[obj.slug]))
