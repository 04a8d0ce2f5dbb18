"""Nobody but staff can tell which staff pages exist. Every address under
/en/staff/ and /ar/staff/, real or not, GET or POST, answers a signed-in
customer (citizen, visitor, business) with the plain 404 page, and sends a
person not signed in to sign in, the same way whatever the address: never a
405 for a form's target, a 403 for a missing CSRF token, or a redirect that
depends on the address."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from bawaba.accounts.constants import AccountKind, Residency
from bawaba.accounts.tests.factories import OrganisationFactory, UserFactory, staff_with_two_step
from bawaba.catalogue.content import content_of
from bawaba.catalogue.models import ProviderRevision, ServiceRevision
from bawaba.catalogue.tests.factories import ServiceFactory

SLUG = "alpha"
SOME_UUID = "0b5f5a3e-4a4e-4f7e-9a55-6c1d2b0e9f10"
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
        return {"int": str(pk), "uuid": SOME_UUID}.get(match.group(1) or "", SLUG)

    return CONVERTER.sub(value, route)


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


# Addresses that do not exist, or only with a slash or a language added:
# they must look exactly like the real ones.
MADE_UP = [
    "staff/nothing-here/",
    "staff/catalogue/nothing-here/",
    "staff/catalogue/changes/999999/decide/extra/",
    "staff/catalogue/feedback",
    "staff/nothing-here",
]
CUSTOMERS: dict[str, dict[str, str]] = {
    "citizen": {"kind": AccountKind.INDIVIDUAL, "residency": Residency.CITIZEN},
    "visitor": {
        "kind": AccountKind.INDIVIDUAL,
        "residency": Residency.VISITOR,
        "cpr": "",
        "passport_number": "N1234567",
        "nationality": "GB",
    },
    "business": {"kind": AccountKind.BUSINESS_REPRESENTATIVE},
}


def _addresses(pk: int) -> list[str]:
    return [
        f"/{language}/{_fill(route, pk)}"
        for route in [*staff_routes(), *MADE_UP]
        for language in ("en", "ar")
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("customer", sorted(CUSTOMERS))
def test_customers_get_404_on_every_staff_address_get_or_post(content, customer):
    person = UserFactory.create(email=f"{customer}@bawaba.example", **CUSTOMERS[customer])
    # A browser's POST carries a CSRF token; a prober's does not. Neither may
    # learn anything: the answer is the 404 page before the CSRF check.
    client = Client(enforce_csrf_checks=True)
    client.force_login(person)
    pk = ServiceRevision.objects.get().pk
    for url in _addresses(pk):
        for method in ("get", "post"):
            response = getattr(client, method)(url, {"decision": "publish"})
            assert response.status_code == 404, (method, url, response.status_code)
            assert "staff workspace" not in response.content.decode().lower(), url


@pytest.mark.django_db
def test_people_not_signed_in_are_sent_to_sign_in_from_every_staff_address(content):
    client = Client(enforce_csrf_checks=True)
    pk = ServiceRevision.objects.get().pk
    for url in _addresses(pk):
        language = url.split("/")[1]
        for method in ("get", "post"):
            response = getattr(client, method)(url, {"decision": "publish"})
            assert response.status_code == 302, (method, url, response.status_code)
            location = response["Location"]
            assert location.startswith(f"/{language}/accounts/login/?next="), (method, url)


@pytest.mark.django_db
def test_a_staff_address_without_its_language_is_answered_alike_real_or_not(client, content):
    client.force_login(UserFactory.create(email="citizen@bawaba.example"))
    real = client.get("/staff/catalogue/feedback/", HTTP_ACCEPT_LANGUAGE="en")
    made_up = client.get("/staff/nothing-here/", HTTP_ACCEPT_LANGUAGE="en")
    assert (real.status_code, made_up.status_code) == (302, 302)
    assert real["Location"] == "/en/staff/catalogue/feedback/"
    assert made_up["Location"] == "/en/staff/nothing-here/"
    assert client.get(real["Location"]).status_code == 404


@pytest.mark.django_db
def test_staff_still_reach_their_pages_and_are_given_the_missing_slash(client, content):
    client.force_login(staff_with_two_step(content.provider, "editor"))
    assert client.get("/en/staff/catalogue/feedback/").status_code == 200
    response = client.get("/en/staff/catalogue/feedback")
    assert response.status_code == 301
    assert response["Location"] == "/en/staff/catalogue/feedback/"
    assert client.get("/en/staff/nothing-here/").status_code == 404
    assert client.get("/en/staff/nothing-here").status_code == 404
