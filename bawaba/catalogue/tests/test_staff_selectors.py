"""The back office's one read of the services a staff member works on: their
own providers' services, published or not, and nobody else's."""

import pytest

from bawaba.accounts.tests.factories import OrganisationFactory, UserFactory, staff_with_two_step
from bawaba.catalogue.selectors import service_list_for_staff
from bawaba.catalogue.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def services():
    own = OrganisationFactory.create(slug="own")
    inactive = OrganisationFactory.create(slug="closed", is_active=False)
    return {
        "own": own,
        "inactive": inactive,
        "published": ServiceFactory.create(slug="published", provider=own),
        "hidden": ServiceFactory.create(slug="hidden", provider=own, is_published=False),
        "closed": ServiceFactory.create(slug="closed-service", provider=inactive),
        "other": ServiceFactory.create(slug="other", provider=OrganisationFactory.create()),
    }


@pytest.mark.parametrize(
    ("roles", "expected"),
    [
        (("editor",), {"published", "hidden"}),
        (("approver",), {"published", "hidden"}),
        (("editor", "approver"), {"published", "hidden"}),
        (("case_worker",), set()),
        ((), set()),
    ],
)
def test_staff_see_every_service_of_their_own_active_providers(services, roles, expected):
    user = staff_with_two_step(services["own"], *roles)
    assert {s.slug for s in service_list_for_staff(user=user)} == expected


def test_an_editor_of_an_inactive_provider_sees_none_of_its_services(services):
    user = staff_with_two_step(services["inactive"], "editor")
    assert not service_list_for_staff(user=user).exists()


def test_a_customer_sees_no_services(services):
    assert not service_list_for_staff(user=UserFactory.create()).exists()


def test_the_provider_comes_with_each_service_in_one_query(services, django_assert_num_queries):
    user = staff_with_two_step(services["own"], "editor")
    with django_assert_num_queries(1):
        names = [s.provider.slug for s in service_list_for_staff(user=user)]
    assert names == ["own", "own"]
