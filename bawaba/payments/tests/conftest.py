"""Fixtures of the payments tests: a payable kind of the tests' own, and a
provider with its sandbox account (the finance pages' fixtures are in
finance_helpers)."""

import pytest

from bawaba.payments import payables
from bawaba.payments.tests.finance_helpers import (  # noqa: F401  # fixtures shared by name
    colleague,
    fees,
    finance,
    provider,
)
from bawaba.payments.tests.helpers import Dues, provider_account


@pytest.fixture
def dues():
    """A payable kind of the tests' own, registered for one test."""
    kind = Dues()
    payables.payable_kind_register(kind)
    yield kind
    payables._KINDS.pop(kind.code, None)


@pytest.fixture
def account(provider):  # noqa: F811  # the imported fixture, by name
    return provider_account(provider)
