"""The back office's catalogue reads, each scoped to who asks: an editor or an
approver of a provider reads its services, changes and feedback; another
provider's staff and customers read nothing (the page turns that into a 404).
The staff pages read in a bounded number of queries, however many rows."""

import datetime
import importlib
from pathlib import Path

import pytest

from bawaba.accounts.models import Organisation
from bawaba.accounts.tests.factories import OrganisationFactory, UserFactory, staff_with_two_step
from bawaba.catalogue import selectors
from bawaba.catalogue.content import content_of, provider_content_of
from bawaba.catalogue.models import PageFeedback, ProviderRevision, Service, ServiceRevision
from bawaba.catalogue.tests.factories import ServiceFactory
from bawaba.catalogue.workflow import RevisionState

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 3, 10)


@pytest.fixture
def world():
    own = OrganisationFactory.create(slug="own")
    other = OrganisationFactory.create(slug="other")
    author = staff_with_two_step(own, "editor")
    service = ServiceFactory.create(slug="mine", provider=own, review_by=TODAY.replace(day=1))
    drafted = ServiceFactory.create(slug="drafted", provider=own, review_by=TODAY.replace(day=30))
    theirs = ServiceFactory.create(slug="theirs", provider=other, review_by=TODAY.replace(day=1))

    def change(owner, state, **fields):
        if isinstance(owner, Service):
            return ServiceRevision.objects.create(
                service=owner, author=author, data=content_of(owner), state=state, **fields
            )
        return ProviderRevision.objects.create(
            provider=owner, author=author, data=provider_content_of(owner), state=state, **fields
        )

    for svc in (service, theirs):
        PageFeedback.objects.create(service=svc, useful=False, problem="Out of date")
        PageFeedback.objects.create(service=svc, useful=True, is_resolved=True)
    return {
        "own": own,
        "other": other,
        "service": service,
        "drafted": drafted,
        "theirs": theirs,
        "draft": change(drafted, RevisionState.DRAFT),
        "in_review": change(service, RevisionState.IN_REVIEW),
        "published": change(service, RevisionState.PUBLISHED),
        "their_draft": change(theirs, RevisionState.DRAFT),
        "provider_draft": change(own, RevisionState.DRAFT),
        "their_provider_draft": change(other, RevisionState.DRAFT),
    }


def _reader(world, who):
    if who == "customer":
        return UserFactory.create()
    if who == "other provider's editor":
        return staff_with_two_step(world["other"], "editor", "approver")
    if who == "case worker":
        return staff_with_two_step(world["own"], "case_worker")
    return staff_with_two_step(world["own"], *who.split(" and "))


def _reads(world, user):
    """What each selector lets ``user`` see of the fixture, as names."""
    names = {value.pk: key for key, value in world.items() if isinstance(value, ServiceRevision)}
    provider_names = {
        value.pk: key for key, value in world.items() if isinstance(value, ProviderRevision)
    }
    return {
        "providers": {o.slug for o in selectors.provider_list_for_staff(user=user)},
        "services": {s.slug for s in selectors.service_list_for_staff(user=user)},
        "overdue": [
            s.slug for s in selectors.service_list_overdue_for_staff(user=user, today=TODAY)
        ],
        "changes": {names[r.pk] for r in selectors.service_revision_list_open_for_staff(user=user)},
        "provider_changes": {
            provider_names[r.pk] for r in selectors.provider_revision_list_open_for_staff(user=user)
        },
        "feedback": selectors.feedback_list_for_staff(user=user).count(),
        "unresolved": selectors.feedback_count_unresolved_for_staff(user=user),
    }


OWN = {
    "providers": {"own"},
    "services": {"mine", "drafted"},
    "overdue": ["mine"],
    "changes": {"draft", "in_review"},
    "provider_changes": {"provider_draft"},
    "feedback": 2,
    "unresolved": 1,
}
NOTHING = {
    "providers": set(),
    "services": set(),
    "overdue": [],
    "changes": set(),
    "provider_changes": set(),
    "feedback": 0,
    "unresolved": 0,
}
THEIRS = {
    "providers": {"other"},
    "services": {"theirs"},
    "overdue": ["theirs"],
    "changes": {"their_draft"},
    "provider_changes": {"their_provider_draft"},
    "feedback": 2,
    "unresolved": 1,
}


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("editor", OWN),
        ("approver", OWN),
        ("editor and approver", OWN),
        ("other provider's editor", THEIRS),
        ("case worker", NOTHING),
        ("customer", NOTHING),
    ],
)
def test_each_list_holds_only_what_the_reader_s_roles_reach(world, who, expected):
    assert _reads(world, _reader(world, who)) == expected


@pytest.mark.parametrize(
    ("who", "found"),
    [
        ("editor", True),
        ("approver", True),
        ("other provider's editor", False),
        ("case worker", False),
        ("customer", False),
    ],
)
def test_one_thing_is_found_only_by_its_own_provider_s_staff(world, who, found):
    user = _reader(world, who)
    service, own = world["service"], world["own"]
    gets = [
        (Service.DoesNotExist, lambda: selectors.service_get_for_staff(user=user, slug="mine")),
        (
            Organisation.DoesNotExist,
            lambda: selectors.provider_get_for_staff(user=user, slug="own"),
        ),
        (
            ServiceRevision.DoesNotExist,
            lambda: selectors.service_revision_get_for_staff(user=user, pk=world["draft"].pk),
        ),
        (
            ProviderRevision.DoesNotExist,
            lambda: selectors.provider_revision_get_for_staff(
                user=user, pk=world["provider_draft"].pk
            ),
        ),
    ]
    for missing, get in gets:
        if found:
            assert get() is not None
        else:
            with pytest.raises(missing):
                get()
    draft = selectors.service_draft_for_staff(user=user, service=world["drafted"])
    provider_draft = selectors.provider_draft_for_staff(user=user, provider=own)
    in_review = selectors.service_in_review_for_staff(user=user, service=service)
    versions = list(selectors.service_versions_for_staff(user=user, service=service))
    if found:
        assert (draft, provider_draft) == (world["draft"], world["provider_draft"])
        assert in_review
        assert versions == [world["published"]]
    else:
        assert (draft, provider_draft, in_review, versions) == (None, None, False, [])


def test_a_service_of_another_provider_is_not_found_even_by_slug(world):
    editor = _reader(world, "editor")
    with pytest.raises(Service.DoesNotExist):
        selectors.service_get_for_staff(user=editor, slug="theirs")
    with pytest.raises(ServiceRevision.DoesNotExist):
        selectors.service_revision_get_for_staff(user=editor, pk=world["their_draft"].pk)


# --- Query counts on the staff pages -----------------------------------------


def _many(world, count):
    for number in range(count):
        service = ServiceFactory.create(slug=f"more-{number}", provider=world["own"])
        ServiceRevision.objects.create(
            service=service,
            author=world["draft"].author,
            data=content_of(service),
            state=RevisionState.IN_REVIEW if number % 2 else RevisionState.DRAFT,
        )


def _count(client, django_assert_max_num_queries, url, limit):
    with django_assert_max_num_queries(limit):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [0, 12])
def test_the_staff_catalogue_list_reads_in_a_bounded_number_of_queries(
    client, world, django_assert_max_num_queries, rows
):
    _many(world, rows)
    client.force_login(_reader(world, "editor and approver"))
    # Sign-in, two-step and session checks included; the same with 0 or 12 rows.
    _count(client, django_assert_max_num_queries, "/en/staff/catalogue/", 15)


@pytest.mark.parametrize("kind", ["service", "provider"])
def test_a_change_s_page_reads_in_a_bounded_number_of_queries(
    client, world, django_assert_max_num_queries, kind
):
    approver = _reader(world, "approver")
    if kind == "service":
        revision = world["in_review"]
        for _ in range(5):
            revision.contributors.add(staff_with_two_step(world["own"], "editor"))
        url = f"/en/staff/catalogue/changes/{revision.pk}/"
    else:
        url = f"/en/staff/catalogue/provider-changes/{world['provider_draft'].pk}/"
    client.force_login(approver)
    _count(client, django_assert_max_num_queries, url, 14)


def test_the_feedback_list_and_history_read_in_a_bounded_number_of_queries(
    client, world, django_assert_max_num_queries
):
    client.force_login(_reader(world, "editor"))
    _count(client, django_assert_max_num_queries, "/en/staff/catalogue/feedback/", 12)
    _count(client, django_assert_max_num_queries, "/en/staff/catalogue/services/mine/history/", 12)


@pytest.mark.parametrize(
    "module", ["bawaba.catalogue.staff_views", "bawaba.notifications.staff_views"]
)
def test_the_staff_pages_read_only_through_selectors(module):
    source = Path(str(importlib.import_module(module).__file__)).read_text()
    for plain_read in (".objects", "get_object_or_404", ".revisions.", ".filter("):
        assert plain_read not in source
