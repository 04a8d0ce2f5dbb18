"""Every staff page answers 404 to customers (citizens and businesses), as if it
did not exist: nothing under /staff/ confirms its own existence to them."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from bawaba.accounts.constants import AccountKind
from bawaba.accounts.tests.factories import OrganisationFactory, UserFactory
from bawaba.catalogue.content import content_of
from bawaba.catalogue.models import ProviderRevision, ServiceRevision
from bawaba.catalogue.tests.factories import ServiceFactory

SLUG = "alpha"
CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")


def _routes(patterns: list[URLPattern | URLResolver], prefix: str = "") -> Iterator[str]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, route)
        else:
            yield route


def staff_routes() -> list[str]:
    """Every page under /staff/, from the URL configuration itself (so a new one
    is covered the day it is added)."""
    resolver = get_resolver()
    routes = []
    for route in _routes(resolver.url_patterns):
        route = route.replace("^", "").replace("$", "")
        # The language prefix is a resolver of its own: "en/" once resolved.
        route = re.sub(r"^(?:[a-z]{2}/)?", "", route)
        if route.startswith("staff/"):
            routes.append(route)
    return sorted(set(routes))


def _fill(route: str, pk: int) -> str:
    def value(match: re.Match[str]) -> str:
        return str(pk) if match.group(1) == "int" else SLUG

    return "/en/" + CONVERTER.sub(value, route)


@pytest.fixture
def content(db):
    """Real objects behind the addresses, so a 404 is the permission's, not a typo's."""
    provider = OrganisationFactory.create(slug=SLUG)
    service = ServiceFactory.create(slug=SLUG, provider=provider)
    author = UserFactory.create(kind=AccountKind.STAFF)
    ServiceRevision.objects.create(service=service, author=author, data=content_of(service))
    ProviderRevision.objects.create(provider=provider, author=author, data={})
    return service


def test_the_walk_finds_the_catalogue_feedback_page():
    assert "staff/catalogue/feedback/" in staff_routes()


@pytest.mark.django_db
@pytest.mark.parametrize("kind", [AccountKind.INDIVIDUAL, AccountKind.BUSINESS_REPRESENTATIVE])
@pytest.mark.parametrize("route", staff_routes())
def test_customers_get_404_on_every_staff_page(client, content, kind, route):
    customer = UserFactory.create(kind=kind, email=f"{kind}@bawaba.example")
    client.force_login(customer)
    pk = ServiceRevision.objects.get().pk
    url = _fill(route, pk)
    # A form's target takes only POST, and says so to anyone who GETs it.
    response = client.get(url)
    assert response.status_code in (404, 405), url
    assert "staff workspace" not in response.content.decode().lower(), url
    assert client.post(url, {"decision": "publish"}).status_code == 404, url
