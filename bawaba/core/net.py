from __future__ import annotations

import logging

from django.conf import settings
from django.http import HttpRequest

logger = logging.getLogger(__name__)

UNTRUSTED_FORWARDING = (
    "Requests carry X-Forwarded-For but TRUSTED_PROXY_COUNT is 0: every person behind the "
    "proxy shares the proxy's address in rate limits and the audit log. Set "
    "TRUSTED_PROXY_COUNT to the number of proxies that append to X-Forwarded-For."
)


class _ForwardingSeen:
    """Whether this process has served a request forwarded by a proxy it does
    not trust (reported once in the log, and by /readyz)."""

    seen = False


def client_ip(request: HttpRequest) -> str | None:
    """The client's address, trusting exactly TRUSTED_PROXY_COUNT proxies."""
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR") or None


def forwarding_check(request: HttpRequest) -> None:
    """Note a request that came through a proxy while TRUSTED_PROXY_COUNT is 0."""
    if (
        not _ForwardingSeen.seen
        and settings.TRUSTED_PROXY_COUNT == 0
        and request.META.get("HTTP_X_FORWARDED_FOR")
    ):
        _ForwardingSeen.seen = True
        logger.warning(UNTRUSTED_FORWARDING)


def forwarding_warnings() -> list[str]:
    """Configuration problems seen in the requests served so far."""
    if _ForwardingSeen.seen and settings.TRUSTED_PROXY_COUNT == 0:
        return [UNTRUSTED_FORWARDING]
    return []


def forwarding_check_reset() -> None:
    _ForwardingSeen.seen = False
