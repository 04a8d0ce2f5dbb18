"""The client's address as every part of Bawaba reads it: the audit log,
sign-in rate limits (allauth, through the account adapter), the catalogue's
limits and the API throttle."""

from __future__ import annotations

import ipaddress
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


# One IPv6 host is given at least a /64 and can pick any address in it, so
# limits count a /64 as one client (as allauth's sign-in limits do).
IPV6_CLIENT_PREFIX = 64


def ip_address_or_none(value: str | None) -> str | None:
    """``value`` as an IP address in its canonical spelling, or None when it is
    not one. A port a proxy may add ("192.0.2.1:443", "[2001:db8::1]:443") is
    dropped; an IPv4 address written as IPv6 ("::ffff:192.0.2.1") is read as
    IPv4. A zone ("fe80::1%eth0") is not a client's address."""
    text = (value or "").strip()
    if text.startswith("["):
        text, bracket, rest = text[1:].partition("]")
        if not bracket or (rest and not (rest.startswith(":") and rest[1:].isdigit())):
            return None
    elif text.count(":") == 1:
        text, _colon, port = text.partition(":")
        if not port.isdigit():
            return None
    if "%" in text:
        return None
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return str(address)


def client_ip(request: HttpRequest) -> str | None:
    """The client's address, trusting exactly TRUSTED_PROXY_COUNT proxies.

    The entry the nearest trusted proxy wrote in X-Forwarded-For, when it is a
    valid IP address; otherwise (no header, too few entries, or anything that
    is not an address) the address of the connection itself."""
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= count:
            address = ip_address_or_none(forwarded[-count])
            if address is not None:
                return address
    return ip_address_or_none(request.META.get("REMOTE_ADDR"))


def client_key(request: HttpRequest) -> str | None:
    """Who a rate limit counts: the client's IPv4 address, or the /64 network
    of its IPv6 address (so that one host cannot rotate its addresses)."""
    address = client_ip(request)
    if address is None:
        return None
    parsed = ipaddress.ip_address(address)
    if isinstance(parsed, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network(f"{parsed}/{IPV6_CLIENT_PREFIX}", strict=False))
    return address


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
