"""Rendered catalogue pages are cached for anonymous visitors, per language and
address; every publication bumps a version number so that stale pages are never
served (old entries simply expire).

Two places answer from the cache. ``PageCacheMiddleware``, early in the stack,
answers a visitor who carries no session cookie (most of them) before sessions,
locale, authentication and the rest run, with the whole response as those
middleware left it. ``cache_for_anonymous``, on the view, answers the other
anonymous visitors, whose session must be read for pending messages, and marks
the responses the middleware may keep."""

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
# Headers the server or each request sets, never kept with a page.
_UNKEPT_HEADERS = {"content-length", "date", "set-cookie", "x-bawaba-cache", "x-request-id"}


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
            response.page_cacheable = True  # type: ignore[attr-defined]  # read by the middleware
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.cookies:
            cache.set(
                key,
                (response.status_code, response.content, response["Content-Type"]),
                PAGE_TIMEOUT,
            )
            response["X-Bawaba-Cache"] = "miss"
            response.page_cacheable = True  # type: ignore[attr-defined]  # read by the middleware
        return response

    return wrapper


class PageCacheMiddleware:
    """Answer a GET from a visitor without a session cookie from the cache,
    before the session, locale, authentication and security-policy middleware
    run: they would find an anonymous visitor with nothing pending, and the
    headers they add were kept with the page. Only pages that
    ``cache_for_anonymous`` marked are kept; a page that sets a cookie is not.
    The language is the path's prefix, so the full path is the key."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not (
            settings.CATALOGUE_PAGE_CACHE
            and request.method == "GET"
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        ):
            return self.get_response(request)
        digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:40]
        try:
            key = f"catalogue:front:{catalogue_version()}:{digest}"
            cached = cache.get(key)
        except Exception:  # the cache is down: pages that need it say so, /readyz too
            return self.get_response(request)
        if cached is not None:
            status, headers, content = cached
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response["X-Bawaba-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if (
            getattr(response, "page_cacheable", False)
            and response.status_code == 200
            and not response.cookies
            and not response.streaming
        ):
            headers = [
                (name, value)
                for name, value in response.items()
                if name.lower() not in _UNKEPT_HEADERS
            ]
            cache.set(key, (response.status_code, headers, response.content), PAGE_TIMEOUT)
        return response
