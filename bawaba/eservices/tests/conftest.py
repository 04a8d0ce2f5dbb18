"""Shared fixtures: the demo e-service "Renew an identity card" and an applicant."""

import pytest

from bawaba.accounts.tests.factories import OrganisationFactory, UserFactory
from bawaba.catalogue.tests.factories import ServiceFactory
from bawaba.eservices.tests.samples import published_eservice


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.PRIVATE_FILES_ROOT = str(tmp_path / "private")


@pytest.fixture
def eservice():
    provider = OrganisationFactory.create(slug="nationality", name_en="Nationality Affairs")
    service = ServiceFactory.create(
        slug="renew-smart-card", provider=provider, title_en="Renew an identity card"
    )
    eservice = published_eservice(service).eservice
    return eservice


@pytest.fixture
def applicant():
    return UserFactory.create(
        email="maryam@bawaba.example",
        name_en="Maryam Ahmed",
        cpr="900101234",
        mobile="+97336000001",
        preferred_language="en",
    )
