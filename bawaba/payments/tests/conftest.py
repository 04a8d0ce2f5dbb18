import pytest

from bawaba.accounts.tests.factories import OrganisationFactory
from bawaba.payments import payables
from bawaba.payments.tests.helpers import Dues, provider_account


@pytest.fixture
def dues():
    """A payable kind of the tests' own, registered for one test."""
    kind = Dues()
    payables.payable_kind_register(kind)
    yield kind
    payables._KINDS.pop(kind.code, None)


@pytest.fixture
def provider(db):
    return OrganisationFactory.create(slug="revenue", name_en="Revenue Bureau")


@pytest.fixture
def account(provider):
    return provider_account(provider)
