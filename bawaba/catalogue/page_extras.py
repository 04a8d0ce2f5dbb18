"""What apps above the catalogue add to its service and provider pages
(satisfaction from the complaints app's ratings, say) and to the home page
(the open consultations) without the catalogue importing them: an app
registers a function from ``AppConfig.ready()`` that takes the service or
provider (nothing, for the home page) and returns a piece of HTML it
rendered itself (escaped, bidi isolates included), or "" for nothing. The
pages show the pieces in the order the apps registered."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.safestring import SafeString, mark_safe

Extra = Callable[[Any], str]

_SERVICE: list[Extra] = []
_PROVIDER: list[Extra] = []
_HOME: list[Callable[[], str]] = []


def _register(extras: list[Extra], fn: Extra) -> Extra:
    if fn not in extras:
        extras.append(fn)
    return fn


def service_extra_register(fn: Extra) -> Extra:
    return _register(_SERVICE, fn)


def provider_extra_register(fn: Extra) -> Extra:
    return _register(_PROVIDER, fn)


def home_extra_register(fn: Callable[[], str]) -> Callable[[], str]:
    if fn not in _HOME:
        _HOME.append(fn)
    return fn


def home_extras() -> list[SafeString]:
    # As below: markup the registering app rendered with autoescaping on.
    return [mark_safe(html) for fn in _HOME if (html := fn())]  # noqa: S308


def _rendered(extras: list[Extra], subject: Any) -> list[SafeString]:
    # Each piece was rendered by a template of the registering app, with
    # autoescaping on: it is markup the portal built, not input.
    return [mark_safe(html) for fn in extras if (html := fn(subject))]  # noqa: S308


def service_extras(service: Any) -> list[SafeString]:
    return _rendered(_SERVICE, service)


def provider_extras(provider: Any) -> list[SafeString]:
    return _rendered(_PROVIDER, provider)
