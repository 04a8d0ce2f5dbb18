"""Rendered catalogue pages are cached for anonymous visitors, per language and
address; every publication bumps a version number so that stale pages are never
served (old entries simply expire).

Two places answer from the one entry a page has. ``PageCacheMiddleware``,
early in the stack, answers a visitor who carries no session cookie (most of
them) before sessions, locale, authentication and the rest run, with the whole
response as those middleware left it, and keeps the pages it renders.
``cache_for_anonymous``, on the view, answers the other anonymous visitors,
whose session must be read for pending messages, with the same page (the
middleware set their headers on the way out), and marks the responses the
middleware may keep."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from contextvars import ContextVar
from functools import wraps
from typing import Any, Generic, TypeVar, cast

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse

VERSION_KEY = "catalogue:version"
T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")
PAGE_TIMEOUT = 600
# Headers the server or each request sets, never kept with a page.
_UNKEPT_HEADERS = {"content-length", "date", "set-cookie", "x-bawaba-cache", "x-request-id"}


# The version as this request read it: read once per request, not once per
# thing kept under it (``PageCacheMiddleware`` opens the holder; outside a
# request there is none and every call reads the cache).
_REQUEST_VERSION: ContextVar[list[int] | None] = ContextVar("catalogue_version", default=None)


def catalogue_version() -> int:
    """A number that changes with every change the public can see. A new one
    starts from the clock, so that a version never comes back once the cache
    has lost it (what this process keeps in memory is keyed by it)."""
    holder = _REQUEST_VERSION.get()
    if holder:
        return holder[0]
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns() // 1000, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    if holder is not None:
        holder.append(int(version))
    return int(version)


def catalogue_changed() -> None:
    """Call after any change the public can see; cached pages become stale.
    Inside a transaction the version changes now and again once it commits:
    another process that read the data before the commit kept it under the
    first new version, never under the last."""
    _version_bump()
    if connection.in_atomic_block:
        transaction.on_commit(_version_bump)


def _version_bump() -> None:
    holder = _REQUEST_VERSION.get()
    if holder is not None:
        holder.clear()
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, time.time_ns() // 1000, timeout=None)


def _page_key(request: HttpRequest) -> str:
    """The one cache entry of a page: its full path (whose prefix is the
    language) under the catalogue's version."""
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:40]
    return f"catalogue:page:{catalogue_version()}:{digest}"


def _from_cache(entry: tuple[int, list[tuple[str, str]], bytes]) -> HttpResponse:
    status, headers, content = entry
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    response["X-Bawaba-Cache"] = "hit"
    return response


class VersionMemo(Generic[K, V]):
    """Values kept in this process's memory for the catalogue's current
    version: all forgotten once the version changes, or once they weigh more
    than ``capacity`` (each weighs one unless ``weigh`` says otherwise). For
    public catalogue data read again and again between changes (each
    process reads it once per version). Callers must not change what they
    are given."""

    def __init__(self, capacity: int, weigh: Callable[[V], int] | None = None) -> None:
        self.capacity = capacity
        self.version = 0
        self._weigh = weigh
        self._values: dict[K, V] = {}
        self._weight = 0

    def current(self) -> dict[K, V]:
        """What is kept under the current version; read it, add with ``keep``."""
        version = catalogue_version()
        if version != self.version or self._weight > self.capacity:
            self._values = {}
            self._weight = 0
            self.version = version
        return self._values

    def keep(self, key: K, value: V) -> None:
        """Keep a value read under the version ``current`` returned."""
        self._values[key] = value
        self._weight += self._weigh(value) if self._weigh else 1


# Values ``catalogue_cached`` keeps, also in this process: (expiry, value).
_LOCAL: VersionMemo[str, tuple[float, Any]] = VersionMemo(512)


def catalogue_cached(key: str, compute: Callable[[], T], timeout: int) -> T:
    """What ``compute`` returns, kept under ``key`` and the catalogue's
    version: read again after any change the public can see, or after
    ``timeout`` seconds. Kept in the shared cache and in this process's memory
    (a search reads two such values: two round trips to the cache saved).
    Callers must not change what they are given."""
    kept = _LOCAL.current()
    now = time.monotonic()
    local = kept.get(key)
    if local is not None and local[0] > now:
        return cast(T, local[1])
    versioned = f"{key}:{_LOCAL.version}"
    value: T | None = cache.get(versioned)
    if value is None:
        value = compute()
        cache.set(versioned, value, timeout)
    _LOCAL.keep(key, (now + timeout, value))
    return value


def cache_for_anonymous(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve a GET page from the cache to visitors who are not signed in and have
    no pending messages (the page must not contain a CSRF token), and mark the
    page for ``PageCacheMiddleware`` to keep. The entry is the one the
    middleware kept for a visitor without a session cookie; a visitor with one
    gets the same page, and the middleware on the way out sets their headers."""

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
        # A visitor without a session cookie reaches here only when the
        # middleware found no entry; one with a cookie was not looked up yet.
        missed = getattr(request, "page_cache_missed", False)
        cached = None if missed else cache.get(_page_key(request))
        if cached is not None:
            status, headers, content = cached
            content_type = {name.lower(): value for name, value in headers}.get("content-type")
            response = HttpResponse(content, status=status, content_type=content_type)
            response["X-Bawaba-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.cookies:
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
        token = _REQUEST_VERSION.set([])
        try:
            return self._respond(request)
        finally:
            _REQUEST_VERSION.reset(token)

    def _respond(self, request: HttpRequest) -> HttpResponse:
        if not (
            settings.CATALOGUE_PAGE_CACHE
            and request.method == "GET"
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        ):
            return self.get_response(request)
        try:
            key = _page_key(request)
            cached = cache.get(key)
        except Exception:  # the cache is down: pages that need it say so, /readyz too
            return self.get_response(request)
        if cached is not None:
            return _from_cache(cached)
        request.page_cache_missed = True  # type: ignore[attr-defined]  # the decorator need not look
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
