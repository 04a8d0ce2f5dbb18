"""Shared fixtures: the demo e-service "Renew an identity card" and an applicant."""

import pytest
from django.utils import timezone

from bawaba.accounts.tests.factories import OrganisationFactory, StaffFactory, UserFactory
from bawaba.catalogue.tests.factories import ServiceFactory
from bawaba.catalogue.workflow import RevisionState
from bawaba.eservices.definition import definition_load
from bawaba.eservices.models import EService, EServiceDefinition
from bawaba.eservices.tests.samples import SOURCE


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.PRIVATE_FILES_ROOT = str(tmp_path / "private")


@pytest.fixture
def eservice():
    provider = OrganisationFactory.create(slug="nationality", name_en="Nationality Affairs")
    service = ServiceFactory.create(
        slug="renew-smart-card", provider=provider, title_en="Renew an identity card"
    )
    eservice = EService.objects.create(service=service)
    now = timezone.now()
    EServiceDefinition.objects.create(
        eservice=eservice,
        version=1,
        source=SOURCE,
        data=definition_load(SOURCE),
        state=RevisionState.PUBLISHED,
        author=StaffFactory.create(),
        decided_by=StaffFactory.create(),
        submitted_at=now,
        decided_at=now,
    )
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
