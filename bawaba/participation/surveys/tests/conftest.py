"""Shared fixtures: a provider with an e-service, people who applied for it
last week, an editor of the provider, and a draft survey of three
questions (one choice, a scale, and free text asked only after "No")."""

import pytest

from bawaba.accounts.constants import Role
from bawaba.accounts.tests.factories import OrganisationFactory, staff_with_two_step
from bawaba.catalogue.tests.factories import ServiceFactory
from bawaba.eservices.tests.samples import published_eservice
from bawaba.participation.surveys.tests.helpers import applied, draft


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.PRIVATE_FILES_ROOT = str(tmp_path / "private")


@pytest.fixture
def provider(db):
    return OrganisationFactory.create(name_en="Ministry of Works", name_ar="وزارة الأشغال")


@pytest.fixture
def definition(provider):
    service = ServiceFactory.create(
        provider=provider, title_en="Road permit", title_ar="تصريح طريق", indexed=False
    )
    return published_eservice(service)


@pytest.fixture
def service(definition):
    return definition.eservice.service


@pytest.fixture
def applicants(definition):
    return [applied(definition) for _ in range(5)]


@pytest.fixture
def editor(provider):
    return staff_with_two_step(provider, Role.EDITOR)


@pytest.fixture
def survey(editor, provider):
    return draft(editor, provider)
