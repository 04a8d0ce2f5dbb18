import pytest

from bawaba.accounts.tests.factories import StaffFactory, UserFactory


@pytest.fixture
def citizen(db):
    return UserFactory(email="citizen@bawaba.example")


@pytest.fixture
def staff_member(db):
    return StaffFactory(email="staff@bawaba.example")
