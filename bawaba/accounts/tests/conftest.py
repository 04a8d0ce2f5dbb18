import pytest

from bawaba.accounts.models import User
from bawaba.accounts.tests.factories import StaffFactory, UserFactory


@pytest.fixture
def citizen(db) -> User:
    return UserFactory.create(email="citizen@bawaba.example")


@pytest.fixture
def staff_member(db) -> User:
    return StaffFactory.create(email="staff@bawaba.example")
