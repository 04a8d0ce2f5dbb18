"""Rendered catalogue pages are cached for anonymous visitors, per language and
address; every publication bumps a version number so that stale pages are never
served (old entries simply expire)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

VERSION_KEY = "catalogue:version"
PAGE_TIMEOUT = 600


def catalogue_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return int(version)


def catalogue_changed() -> None:
    """Call after any change the public can see; cached pages become stale."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def cache_for_anonymous(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve a GET page from the cache to visitors who are not signed in and have
    no pending messages; the page must not contain a CSRF token."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        cacheable = (
            settings.CATALOGUE_PAGE_CACHE
            and request.method == "GET"
            and not request.user.is_authenticated
            and not request.session.get("_messages")
        )
        if not cacheable:
            return view(request, *args, **kwargs)
        digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:40]
        key = f"catalogue:page:{catalogue_version()}:{get_language()}:{digest}"
        cached = cache.get(key)
        if cached is not None:
            status, content, content_type = cached
            response = HttpResponse(content, status=status, content_type=content_type)
            response["X-Bawaba-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.cookies:
            cache.set(
                key,
                (response.status_code, response.content, response["Content-Type"]),
                PAGE_TIMEOUT,
            )
            response["X-Bawaba-Cache"] = "miss"
        return response

    return wrapper
