"""The administration site cannot bypass four-eyes review: service pages, their
versions and what a provider's page says are read-only there. Administrators
still add new (unpublished) services and manage organisations and roles."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from bawaba.accounts.models import PROVIDER_PAGE_FIELDS, Organisation, User
from bawaba.accounts.tests.factories import PASSWORD, OrganisationFactory, StaffFactory
from bawaba.catalogue.content import content_of, provider_content_of
from bawaba.catalogue.models import ProviderRevision, Service, ServiceRevision
from bawaba.catalogue.tests.factories import ServiceFactory
from bawaba.catalogue.workflow import RevisionState

ADMIN = "/en/admin/catalogue"


@pytest.fixture
def administrator(client, db):
    person = User.objects.create_superuser("root@bawaba.example", PASSWORD)
    TOTP.activate(person, generate_totp_secret())
    client.force_login(person)
    return person


@pytest.fixture
def service(db):
    provider = OrganisationFactory.create(slug="ministry-a", description_en="What we do.")
    return ServiceFactory.create(slug="a-service", provider=provider, title_en="Reviewed title")


@pytest.fixture
def published(service):
    return ServiceRevision.objects.create(
        service=service,
        author=StaffFactory.create(),
        decided_by=StaffFactory.create(),
        state=RevisionState.PUBLISHED,
        data=content_of(service),
        note="",
    )


def _changed(service, **changes):
    data = {**content_of(service), **changes}
    data["provider"] = service.provider.pk
    data["slug"] = service.slug
    return {key: value for key, value in data.items() if value not in (None, False)}


def test_an_administrator_cannot_change_a_service_page(client, administrator, service):
    url = f"{ADMIN}/service/{service.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200  # to read
    assert 'name="_save"' not in page.content.decode()
    response = client.post(url, _changed(service, title_en="Unreviewed title"))
    assert response.status_code == 403
    service.refresh_from_db()
    assert service.title_en == "Reviewed title"


def test_an_administrator_cannot_delete_a_service_page(client, administrator, service):
    assert client.post(f"{ADMIN}/service/{service.pk}/delete/", {"post": "yes"}).status_code == 403
    client.post(
        f"{ADMIN}/service/",
        {"action": "delete_selected", "_selected_action": [service.pk], "post": "yes"},
    )
    assert Service.objects.filter(pk=service.pk).exists()


def test_an_administrator_adds_a_service_only_as_an_unpublished_page(
    client, administrator, service
):
    response = client.post(
        f"{ADMIN}/service/add/",
        {
            "provider": service.provider.pk,
            "slug": "new-service",
            "title_ar": "خدمة جديدة",
            "title_en": "New service",
            "summary_en": "Not reviewed",
            "is_published": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    added = Service.objects.get(slug="new-service")
    assert not added.is_published
    assert added.summary_en == ""
    client.logout()
    assert client.get("/en/services/new-service/").status_code == 404


def test_versions_of_a_service_page_cannot_be_changed_or_deleted(client, administrator, published):
    url = f"{ADMIN}/servicerevision/{published.pk}/"
    assert client.get(f"{url}change/").status_code == 200
    response = client.post(f"{url}change/", {"state": "draft", "note": "Rewritten"})
    assert response.status_code == 403
    assert client.post(f"{url}delete/", {"post": "yes"}).status_code == 403
    published.refresh_from_db()
    assert (published.state, published.note) == (RevisionState.PUBLISHED, "")
    assert client.get(f"{ADMIN}/servicerevision/add/").status_code == 403


def test_versions_of_a_provider_page_cannot_be_changed_or_deleted(client, administrator, service):
    revision = ProviderRevision.objects.create(
        provider=service.provider,
        author=StaffFactory.create(),
        data=provider_content_of(service.provider),
    )
    url = f"{ADMIN}/providerrevision/{revision.pk}/"
    assert client.get(f"{url}change/").status_code == 200
    assert client.post(f"{url}change/", {"state": "published"}).status_code == 403
    assert client.post(f"{url}delete/", {"post": "yes"}).status_code == 403
    revision.refresh_from_db()
    assert revision.state == RevisionState.DRAFT


def test_an_administrator_renames_an_organisation_but_not_its_provider_page(
    client, administrator, service
):
    provider = service.provider
    response = client.post(
        f"/en/admin/accounts/organisation/{provider.pk}/change/",
        {
            "slug": provider.slug,
            "kind": provider.kind,
            "name_ar": provider.name_ar,
            "name_en": "Ministry A (renamed)",
            "is_active": "on",
            "description_en": "Unreviewed description",
            "phone": "17000000",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    provider.refresh_from_db()
    assert provider.name_en == "Ministry A (renamed)"
    assert (provider.description_en, provider.phone) == ("What we do.", "")


def test_the_read_only_organisation_fields_are_the_provider_page(db):
    assert set(PROVIDER_PAGE_FIELDS) == set(provider_content_of(Organisation()))
