"""Limits on what anyone can send or ask without signing in.

Counters live in the cache, per client address, on the same rate limiter as
sign-in (allauth's, which trusts TRUSTED_PROXY_COUNT proxies for the address).
Over the limit, people get the translated "Too many attempts" page (429).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from allauth.core.internal import ratelimit
from django.conf import settings
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


def over_limit(request: HttpRequest, action: str) -> bool:
    """Count one ``action`` for the request's address; True once it is over its rate."""
    usage = ratelimit.consume(
        request, app="bawaba.catalogue", action=action, config=_rates(), limit_get=True
    )
    return usage is None


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
