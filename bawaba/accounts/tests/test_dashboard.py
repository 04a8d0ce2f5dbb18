"""The person's dashboard: each app's items, scoped to the person; what waits
for them first; sign-in lands there; a bounded number of queries."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from bawaba.accounts.dashboard import dashboard_items, dashboard_providers
from bawaba.accounts.tests.dashboard_samples import everything_for, taking_part_and_bills_for
from bawaba.accounts.tests.factories import PASSWORD, UserFactory
from bawaba.complaints.dashboard import complaint_items
from bawaba.eservices.dashboard import application_items, document_items
from bawaba.participation.consultations.dashboard import consultation_items
from bawaba.payments.dashboard import payment_items

pytestmark = pytest.mark.django_db

DASHBOARD = "/en/accounts/dashboard/"


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.PRIVATE_FILES_ROOT = str(tmp_path / "private")


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def maryam():
    return UserFactory.create(email="maryam@bawaba.example", preferred_language="en")


@pytest.fixture
def hers(maryam):
    return everything_for(maryam, tag="m")


@pytest.fixture
def theirs():
    """Someone else's requests, which Maryam never sees."""
    other = UserFactory.create(email="other@bawaba.example")
    return everything_for(other, tag="o")


def test_every_app_registers_its_provider():
    assert set(dashboard_providers()) >= {
        "eservices.applications",
        "eservices.documents",
        "payments.payments",
        "complaints.cases",
        "consultations.taken_part",
        "payments.bills",
        "forums.topics",
        "blogs.comments",
        "surveys.invitations",
    }


def test_applications_are_the_persons_own_with_their_next_step(maryam, hers, theirs):
    items = {item.reference: item for item in application_items(maryam)}
    assert set(items) == {hers.unpaid.reference, hers.decided.reference}
    assert str(items[hers.unpaid.reference].next_step) == "Pay the fee"
    assert items[hers.unpaid.reference].needs_action
    assert not items[hers.decided.reference].needs_action


def test_documents_are_the_persons_own_and_can_be_downloaded(maryam, hers, theirs):
    (item,) = document_items(maryam)
    assert item.title == "Identity card renewal notice"
    assert item.next_url == reverse(
        "eservices:certificate", kwargs={"application_id": hers.decided.pk}
    )
    assert item.needs_action


def test_a_revoked_document_is_not_shown(maryam, hers):
    hers.document.revoked_at = hers.document.issued_at
    hers.document.save()
    assert document_items(maryam) == []


def test_payments_are_the_payers_own(maryam, hers, theirs):
    (item,) = payment_items(maryam)
    assert item.reference == hers.payment.reference
    assert item.needs_action


def test_cases_are_the_persons_own_and_ask_for_an_answer(maryam, hers, theirs):
    (item,) = complaint_items(maryam)
    assert item.reference == hers.complaint.reference
    assert str(item.next_step) == "Answer the request for information"
    assert item.needs_action


def test_consultations_are_those_the_person_took_part_in(maryam, hers, theirs):
    (item,) = consultation_items(maryam)
    assert item.url == reverse("consultations:detail", kwargs={"slug": hers.consultation.slug})


def test_bills_topics_blog_comments_and_surveys_are_the_persons_own(maryam):
    mine = taking_part_and_bills_for(maryam, tag="m")
    taking_part_and_bills_for(UserFactory.create(), tag="o")
    items = dashboard_items(maryam)
    assert {(item.section, str(item.kind)) for item in items} == {
        ("payments", "Bill"),
        ("participation", "Forum topic"),
        ("participation", "Blog post"),
        ("participation", "Survey"),
    }
    assert len(items) == 5  # two topics: her own and the one she replied to
    waiting = {str(item.kind) for item in items if item.needs_action}
    assert waiting == {"Bill", "Survey"}
    assert mine.bill.reference in {item.reference for item in items}


@pytest.mark.parametrize("language", ["ar", "en"])
def test_taking_part_is_one_filter(client, maryam, hers, language):
    taking_part_and_bills_for(maryam, tag="m")
    client.force_login(maryam)
    response = client.get(f"/{language}/accounts/dashboard/", {"show": "participation"})
    assert response.status_code == 200
    assert {item.section for item in response.context["items"]} == {"participation"}
    assert len(response.context["items"]) == 5  # consultation, 2 topics, blog post, survey
    assert '?show=participation"' in response.content.decode()
    assert '?show=consultations"' not in response.content.decode()


def test_a_person_with_nothing_sees_nothing(theirs):
    assert dashboard_items(UserFactory.create()) == []


def test_items_are_newest_first(maryam, hers):
    moments = [item.when for item in dashboard_items(maryam)]
    assert moments == sorted(moments, reverse=True)


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_dashboard_shows_what_waits_then_every_request(client, maryam, hers, theirs, language):
    client.force_login(maryam)
    response = client.get(f"/{language}/accounts/dashboard/")
    assert response.status_code == 200
    page = response.content.decode()
    for reference in (hers.unpaid.reference, hers.complaint.reference, hers.payment.reference):
        assert reference in page
    for reference in (theirs.unpaid.reference, theirs.complaint.reference):
        assert reference not in page
    assert len(response.context["attention"]) == 4  # pay, answer, payment, document
    assert response.context["unread"] == 1


def test_a_filter_shows_one_kind_and_a_bad_one_shows_everything(client, maryam, hers):
    client.force_login(maryam)
    only = client.get(DASHBOARD, {"show": "cases"})
    assert [item.section for item in only.context["items"]] == ["cases"]
    for bad in ("nonsense", "<script>", "\x00", "a" * 5000):
        response = client.get(DASHBOARD, {"show": bad})
        assert response.status_code == 200
        assert len(response.context["items"]) == response.context["total"]


def test_an_empty_dashboard_offers_ways_in(client):
    client.force_login(UserFactory.create())
    page = client.get(DASHBOARD).content.decode()
    assert "You have no requests yet" in page
    assert reverse("contact:form") in page


def test_the_query_count_does_not_grow_with_the_persons_items(
    client, maryam, django_assert_max_num_queries
):
    client.force_login(maryam)
    everything_for(maryam, tag="a")
    with django_assert_max_num_queries(20) as few:
        client.get(DASHBOARD)
    for tag in "bcdef":
        everything_for(maryam, tag=tag)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(DASHBOARD)
    assert response.context["total"] == 6 * 6


def test_bills_and_taking_part_add_no_query_per_item(client, maryam, django_assert_max_num_queries):
    client.force_login(maryam)
    taking_part_and_bills_for(maryam, tag="a")
    with django_assert_max_num_queries(25) as few:
        client.get(DASHBOARD)
    for tag in "bcdef":
        taking_part_and_bills_for(maryam, tag=tag)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(DASHBOARD)
    assert response.context["total"] == 6 * 5


def test_anonymous_people_are_sent_to_sign_in(client):
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response.url.startswith("/en/accounts/login/")


def test_staff_go_to_their_workspace(client):
    from bawaba.accounts.tests.factories import StaffFactory

    client.force_login(StaffFactory.create())
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response.url == reverse("staff:workspace")


def _sign_in(client, user, language="en", query=""):
    return client.post(
        f"/{language}/accounts/login/{query}", {"login": user.email, "password": PASSWORD}
    )


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_customer_lands_on_their_dashboard_after_signing_in(client, maryam, language):
    response = _sign_in(client, maryam, language)
    assert response.status_code == 302
    assert response["Location"] == f"/{language}/accounts/dashboard/"


def test_sign_in_still_goes_where_next_says(client, maryam):
    response = _sign_in(client, maryam, query="?next=/en/accounts/payments/")
    assert response["Location"] == "/en/accounts/payments/"


def test_sign_in_never_follows_next_to_another_site(client, maryam):
    response = _sign_in(client, maryam, query="?next=https://evil.example/")
    assert response["Location"] == "/en/accounts/dashboard/"


def test_staff_land_in_their_workspace_after_signing_in(client):
    from bawaba.accounts.tests.factories import StaffFactory

    staff = StaffFactory.create()
    assert _sign_in(client, staff)["Location"] == reverse("staff:workspace")


def test_the_header_links_customers_to_their_dashboard(client, maryam):
    client.force_login(maryam)
    assert 'href="/en/accounts/dashboard/"' in client.get("/en/accounts/profile/").content.decode()
