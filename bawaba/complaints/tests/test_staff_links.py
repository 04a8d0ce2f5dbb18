"""Linking related cases, merging a duplicate into the case kept, a grievance
against an earlier case's outcome (heard only by a supervisor who did not
handle that case) and a compliment's team or member of staff, over HTTP."""

import pytest

from bawaba.accounts.constants import Role
from bawaba.accounts.tests.factories import OrganisationFactory, UserFactory, staff_with_two_step
from bawaba.cases.models import Visibility
from bawaba.complaints.actions import Filing, complaint_file
from bawaba.complaints.models import ComplaintState, Kind, Outcome
from bawaba.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider():
    return OrganisationFactory.create(name_en="Ministry of Works", name_ar="وزارة الأشغال")


@pytest.fixture
def person():
    return UserFactory.create(name_en="Maryam Ahmed", preferred_language="en")


def file(person, provider, kind=Kind.COMPLAINT, subject="Pothole"):
    return complaint_file(
        filing=Filing(kind=kind, subject=subject, details="Three weeks.", provider_id=provider.pk),
        person=person,
    )


@pytest.fixture
def first(person, provider):
    return file(person, provider)


@pytest.fixture
def second(person, provider):
    return file(person, provider, subject="The same pothole")


@pytest.fixture
def officer(provider):
    return staff_with_two_step(provider, Role.COMPLAINTS_OFFICER)


def act(client, complaint, move, **data):
    complaint.refresh_from_db()
    return client.post(
        f"/en/staff/complaints/{complaint.pk}/act/",
        {"move": move, "revision": complaint.revision, **data},
    )


def last_event(complaint):
    return complaint.events.order_by("-created_at", "-id").first()


def test_linking_shows_on_both_cases_with_a_staff_only_row_on_each(
    client, first, second, officer, person
):
    client.force_login(officer)
    assert act(client, first, "link", reference=second.reference.lower()).status_code == 302
    assert list(first.related.all()) == [second]
    assert list(second.related.all()) == [first]
    for case, other in ((first, second), (second, first)):
        event = last_event(case)
        assert (event.action, event.visibility) == ("linked", Visibility.STAFF)
        assert other.reference in event.text
        page = client.get(f"/en/staff/complaints/{case.pk}/").content.decode()
        assert f"/en/staff/complaints/{other.pk}/" in page
    assert act(client, first, "link", reference=second.reference).status_code == 400
    client.force_login(person)
    assert second.reference not in client.get(f"/en/accounts/cases/{first.pk}/").content.decode()


def test_another_providers_case_cannot_be_linked_or_merged_into(client, first, officer, person):
    elsewhere = file(person, OrganisationFactory.create())
    client.force_login(officer)
    for move, data in (("link", {}), ("merge", {"text": "Duplicate."})):
        response = act(client, first, move, reference=elsewhere.reference, **data)
        assert response.status_code == 404
        assert "You cannot open a case with this reference number." in response.content.decode()
    assert act(client, first, "link", reference="CMP-0000-0000").status_code == 404
    first.refresh_from_db()
    assert not first.related.exists() and first.state == ComplaintState.RECEIVED


def test_a_manager_links_cases_of_two_providers(client, first, person):
    elsewhere = file(person, OrganisationFactory.create())
    manager = staff_with_two_step(OrganisationFactory.create(), Role.COMPLAINT_MANAGER)
    client.force_login(manager)
    assert act(client, first, "link", reference=elsewhere.reference).status_code == 302
    assert list(elsewhere.related.all()) == [first]


def test_merging_closes_the_duplicate_tells_the_person_once_and_notes_the_kept_case(
    client, first, second, officer, person
):
    client.force_login(officer)
    assert act(client, second, "merge", reference=first.reference, text="").status_code == 400
    response = act(
        client, second, "merge", reference=first.reference, text="We handle it under the first."
    )
    assert response.status_code == 302
    second.refresh_from_db()
    assert (second.state, second.outcome) == (ComplaintState.CLOSED, Outcome.DUPLICATE)
    assert second.decided_at is not None
    assert list(second.related.all()) == [first]
    closed = Notification.objects.filter(recipient=person, event="complaint.closed")
    assert closed.count() == 1
    event = last_event(second)
    assert (event.action, event.visibility) == ("merge", Visibility.PERSON)
    kept = last_event(first)
    assert (kept.action, kept.visibility) == ("merged", Visibility.STAFF)
    assert second.reference in kept.text
    first.refresh_from_db()
    assert first.state == ComplaintState.RECEIVED


def test_a_case_cannot_be_merged_into_itself(client, first, officer):
    client.force_login(officer)
    assert act(client, first, "merge", reference=first.reference, text="x").status_code == 404


@pytest.fixture
def handled(client, first, officer, provider):
    """The first case, handled by the officer and a supervisor, and closed."""
    supervisor = staff_with_two_step(provider, Role.COMPLAINTS_SUPERVISOR)
    client.force_login(supervisor)
    assert act(client, first, "assign", assignee=officer.pk).status_code == 302
    client.force_login(officer)
    assert act(client, first, "close", outcome=Outcome.NOT_UPHELD, text="No fault.").status_code
    first.refresh_from_db()
    assert first.state == ComplaintState.CLOSED
    return supervisor


@pytest.fixture
def grievance(person, provider, first):
    appeal = file(person, provider, kind=Kind.GRIEVANCE, subject="Against the outcome")
    appeal.appeal_of = first
    appeal.save(update_fields=["appeal_of"])
    return appeal


def test_a_grievance_is_refused_to_those_who_handled_the_earlier_case(
    client, handled, grievance, officer, provider
):
    both = staff_with_two_step(provider, Role.COMPLAINTS_OFFICER, Role.COMPLAINTS_SUPERVISOR)
    grievance.refresh_from_db()
    for member in (officer, handled):
        client.force_login(member)
        response = act(client, grievance, "claim")
        assert response.status_code == 400
        assert "Your role does not allow this." in response.content.decode()
        page = client.get(f"/en/staff/complaints/{grievance.pk}/").content.decode()
        assert 'value="claim"' not in page and grievance.appeal_of.reference in page
    # Nobody who handled the earlier case is offered as a colleague.
    client.force_login(both)
    response = client.get(f"/en/staff/complaints/{grievance.pk}/")
    (assign,) = [
        offered for offered in response.context["move_forms"] if offered["move"] == "assign"
    ]
    assert [pk for pk, _name in assign["form"].fields["assignee"].choices] == [str(both.pk)]
    assert act(client, grievance, "assign", assignee=handled.pk).status_code == 400
    grievance.refresh_from_db()
    assert grievance.state == ComplaintState.RECEIVED


def test_another_supervisor_hears_the_grievance(client, handled, grievance, provider, person):
    other = staff_with_two_step(provider, Role.COMPLAINTS_SUPERVISOR)
    client.force_login(other)
    assert act(client, grievance, "claim").status_code == 302
    assert act(client, grievance, "reply", text="We looked again.").status_code == 302
    response = act(client, grievance, "close", outcome=Outcome.RESOLVED, text="Upheld.")
    assert response.status_code == 302
    grievance.refresh_from_db()
    assert (grievance.state, grievance.assignee) == (ComplaintState.CLOSED, other)


def test_a_grievance_without_an_earlier_case_is_handled_as_usual(client, person, provider, officer):
    appeal = file(person, provider, kind=Kind.GRIEVANCE)
    client.force_login(officer)
    assert act(client, appeal, "claim").status_code == 302


def test_a_compliment_shows_who_it_is_for(client, person, provider, officer):
    compliment = file(person, provider, kind=Kind.COMPLIMENT, subject="Thank you")
    compliment.compliment_for = "The Muharraq service centre team"
    compliment.save(update_fields=["compliment_for"])
    client.force_login(officer)
    page = client.get(f"/en/staff/complaints/{compliment.pk}/").content.decode()
    assert "Compliment for" in page and "The Muharraq service centre team" in page


def test_a_stale_link_form_is_refused(client, first, second, officer):
    client.force_login(officer)
    first.refresh_from_db()
    revision = first.revision
    assert act(client, first, "note", text="Called.").status_code == 302
    response = client.post(
        f"/en/staff/complaints/{first.pk}/act/",
        {"move": "link", "revision": revision, "reference": second.reference},
    )
    assert response.status_code == 409
    assert not first.related.exists()
