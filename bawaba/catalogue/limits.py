"""Limits on what anyone can send or ask without signing in.

Counters live in the cache, per client address (as sign-in's rate limiter
reads it: allauth's, which trusts TRUSTED_PROXY_COUNT proxies). Each is a
count in a window that opens with an address's first request and lasts the
rate's period: one cache operation per request, where allauth's limiter keeps
every request's time and takes a lock (four, on a search's path). An address
can so make up to twice its amount across the end of one window and the start
of the next. Over the limit, people get the translated "Too many attempts"
page (429).
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

from allauth.core.internal import ratelimit
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

# "amount/period/ip". Loose enough for the many people who share one address
# behind a ministry's or an operator's gateway, tight enough that one machine
# cannot flood the providers' feedback or the search.
RATE_LIMITS = {
    "vote": "60/10m/ip",
    "problem": "10/10m/ip",
    # Searches the page cache could not answer, by people not signed in.
    "search": "60/m/ip",
}
# The open data API, per address, whatever is asked (DRF's throttle syntax).
API_RATE = "120/min"


def _rates() -> dict[str, str]:
    rates: dict[str, str] = {**RATE_LIMITS, **getattr(settings, "CATALOGUE_RATE_LIMITS", {})}
    return rates


def _count(key: str, period: int) -> int:
    """Add one to the count under ``key``; a new count lasts ``period`` seconds."""
    try:
        return cache.incr(key)
    except ValueError:  # no window open for this address
        if cache.add(key, 1, timeout=period):
            return 1
        return cache.incr(key)  # another request opened it meanwhile


def over_limit(request: HttpRequest, action: str) -> bool:
    """Count one ``action`` for the request's address; True once it is over its rate."""
    rates = ratelimit.get_rates(app="bawaba.catalogue", action=action, config=_rates())
    if not rates:
        return False
    # The address is kept in the cache only as a digest.
    address = hashlib.sha256(ratelimit.get_ip(request).encode()).hexdigest()[:32]
    over = False
    for rate in rates:
        key = f"catalogue:limit:{action}:{rate}:{address}"
        if _count(key, max(1, round(rate.duration))) > rate.amount:
            over = True
    return over


def too_many(request: HttpRequest) -> HttpResponse:
    """The translated 429 page, as sign-in shows it."""
    return ratelimit.respond_429(request)


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower()


def is_cross_site(request: HttpRequest) -> bool:
    """Whether a form post says it comes from another site (``Origin``, or
    ``Referer`` when the browser sends no ``Origin``). A post that names no
    origin at all is let through: the rate limits still count it."""
    claimed = request.headers.get("Origin") or request.headers.get("Referer")
    if not claimed:
        return False
    if claimed == "null":  # sandboxed frames and some redirects: not ours
        return True
    scheme, host = _origin(claimed)
    if host == request.get_host().lower():
        return False
    trusted = {_origin(origin) for origin in settings.CSRF_TRUSTED_ORIGINS}
    return (scheme, host) not in trusted
