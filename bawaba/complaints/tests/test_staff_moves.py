"""Every move of the complaints back office over HTTP: the state after, its
history row, the person told once (in their inbox) when the table says so,
a stale form refused with what was typed kept, and a transfer that keeps the
reference and records the hop."""

import pytest

from bawaba.accounts.constants import Role
from bawaba.accounts.tests.factories import OrganisationFactory, UserFactory, staff_with_two_step
from bawaba.cases.models import Priority, Visibility
from bawaba.complaints.actions import Filing, complaint_file
from bawaba.complaints.models import Complaint, ComplaintState, Kind, Outcome
from bawaba.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider():
    return OrganisationFactory.create(name_en="Ministry of Works", name_ar="وزارة الأشغال")


@pytest.fixture
def person():
    return UserFactory.create(name_en="Maryam Ahmed", preferred_language="en")


@pytest.fixture
def filed(person, provider):
    return complaint_file(
        filing=Filing(
            kind=Kind.COMPLAINT,
            subject="Pothole",
            details="Three weeks.",
            provider_id=provider.pk,
        ),
        person=person,
    )


@pytest.fixture
def officer(provider):
    return staff_with_two_step(provider, Role.COMPLAINTS_OFFICER)


@pytest.fixture
def supervisor(provider):
    return staff_with_two_step(provider, Role.COMPLAINTS_SUPERVISOR)


def act(client, complaint, move, **data):
    complaint.refresh_from_db()
    return client.post(
        f"/en/staff/complaints/{complaint.pk}/act/",
        {"move": move, "revision": complaint.revision, **data},
    )


def told(person, event):
    return Notification.objects.filter(recipient=person, event=event).count()


def last_event(complaint):
    return complaint.events.order_by("-created_at", "-id").first()


@pytest.fixture
def taken(client, filed, officer):
    client.force_login(officer)
    assert act(client, filed, "claim").status_code == 302
    filed.refresh_from_db()
    return filed


def test_claiming_makes_it_being_handled_by_the_officer(taken, officer):
    assert (taken.state, taken.assignee) == (ComplaintState.IN_PROGRESS, officer)
    assert last_event(taken).action == "claim"
    assert Notification.objects.filter(event__startswith="complaint.").count() == 1  # received


def test_a_supervisor_assigns_to_a_colleague_and_not_to_a_stranger(
    client, filed, supervisor, officer
):
    client.force_login(supervisor)
    stranger = staff_with_two_step(OrganisationFactory.create(), Role.COMPLAINTS_OFFICER)
    assert act(client, filed, "assign", assignee=stranger.pk).status_code == 400
    assert act(client, filed, "assign", assignee=officer.pk).status_code == 302
    filed.refresh_from_db()
    assert (filed.state, filed.assignee) == (ComplaintState.IN_PROGRESS, officer)
    assert last_event(filed).action == "assign"


def test_an_officer_cannot_assign(client, filed, officer, supervisor):
    client.force_login(officer)
    assert act(client, filed, "assign", assignee=supervisor.pk).status_code == 400
    filed.refresh_from_db()
    assert filed.assignee is None


def test_the_first_reply_is_the_first_response_and_the_person_is_told_once(client, taken, person):
    assert act(client, taken, "reply", text="").status_code == 400
    assert act(client, taken, "reply", text="We are on it.").status_code == 302
    taken.refresh_from_db()
    first = taken.first_response_at
    assert first is not None and taken.state == ComplaintState.IN_PROGRESS
    event = last_event(taken)
    assert (event.action, event.text, event.visibility) == ("reply", "We are on it.", "person")
    assert told(person, "complaint.replied") == 1
    act(client, taken, "reply", text="Fixed next week.")
    taken.refresh_from_db()
    assert taken.first_response_at == first
    assert told(person, "complaint.replied") == 2


def test_asking_for_information_stops_the_clock_and_tells_the_person(client, taken, person):
    assert act(client, taken, "request_information", text="").status_code == 400
    assert act(client, taken, "request_information", text="Which road?").status_code == 302
    taken.refresh_from_db()
    assert taken.state == ComplaintState.MORE_INFORMATION and taken.paused_at is not None
    assert last_event(taken).text == "Which road?"
    assert told(person, "complaint.information_requested") == 1


def test_a_note_is_for_staff_only_and_tells_nobody(client, taken, person):
    assert act(client, taken, "note", text="Called the contractor.").status_code == 302
    event = last_event(taken)
    assert (event.action, event.visibility) == ("note", Visibility.STAFF)
    assert Notification.objects.filter(recipient=person).count() == 1  # the acknowledgement
    client.force_login(person)
    assert (
        "Called the contractor."
        not in client.get(f"/en/accounts/cases/{taken.pk}/").content.decode()
    )


def test_closing_needs_an_outcome_and_a_reply(client, taken, person):
    assert act(client, taken, "close", text="Done.").status_code == 400
    assert act(client, taken, "close", outcome=Outcome.RESOLVED, text="").status_code == 400
    response = act(client, taken, "close", outcome=Outcome.RESOLVED, text="Repaired today.")
    assert response.status_code == 302
    taken.refresh_from_db()
    assert (taken.state, taken.outcome) == (ComplaintState.CLOSED, Outcome.RESOLVED)
    assert taken.decided_at is not None and taken.first_response_at is not None
    assert last_event(taken).text == "Repaired today."
    assert told(person, "complaint.closed") == 1
    assert "Resolved" in Notification.objects.get(recipient=person, event="complaint.closed").body


def test_a_transfer_keeps_the_reference_records_the_hop_and_names_the_new_provider(
    client, taken, person, provider
):
    other = OrganisationFactory.create(name_en="Ministry of Health", name_ar="وزارة الصحة")
    reference = taken.reference
    assert act(client, taken, "transfer", organisation=other.pk, text="").status_code == 400
    response = act(client, taken, "transfer", organisation=other.pk, text="Health matter.")
    assert response.status_code == 302 and response["Location"].endswith("/staff/complaints/")
    taken.refresh_from_db()
    assert taken.reference == reference
    assert (taken.organisation, taken.assignee, taken.state) == (
        other,
        None,
        ComplaintState.RECEIVED,
    )
    hops = list(taken.events.values_list("action", "organisation_id"))
    assert ("transfer", other.pk) in hops and ("received", provider.pk) in hops
    assert last_event(taken).text == "Health matter."
    message = Notification.objects.get(recipient=person, event="complaint.transferred")
    assert "Ministry of Health" in message.body
    # The former provider's officer no longer sees it.
    assert client.get(f"/en/staff/complaints/{taken.pk}/").status_code == 404


def test_a_manager_routes_a_triage_case_with_a_transfer(client, person, provider):
    triaged = complaint_file(
        filing=Filing(kind=Kind.ENQUIRY, subject="Who?", details="Not sure."), person=person
    )
    manager = staff_with_two_step(OrganisationFactory.create(), Role.COMPLAINT_MANAGER)
    client.force_login(manager)
    response = act(client, triaged, "transfer", organisation=provider.pk, text="Roads.")
    assert response.status_code == 302
    triaged.refresh_from_db()
    assert triaged.organisation == provider
    assert told(person, "complaint.transferred") == 1
    officer = staff_with_two_step(provider, Role.COMPLAINTS_OFFICER)
    client.force_login(officer)
    assert triaged.reference in client.get("/en/staff/complaints/").content.decode()


def test_a_stale_form_is_refused_and_keeps_what_was_typed(client, taken, person):
    revision = taken.revision
    act(client, taken, "note", text="First.")
    response = client.post(
        f"/en/staff/complaints/{taken.pk}/act/",
        {"move": "reply", "revision": revision, "text": "My careful reply."},
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else has acted on this case" in html and "My careful reply." in html
    assert told(person, "complaint.replied") == 0


def test_changing_the_priority_needs_a_reason_and_is_a_staff_only_event(client, taken, person):
    assert act(client, taken, "priority", priority=Priority.URGENT, reason="").status_code == 400
    response = act(client, taken, "priority", priority=Priority.URGENT, reason="Danger to life.")
    assert response.status_code == 302
    taken.refresh_from_db()
    assert taken.priority == Priority.URGENT and taken.state == ComplaintState.IN_PROGRESS
    event = last_event(taken)
    assert (event.action, event.visibility) == ("priority_changed", Visibility.STAFF)
    assert "Danger to life." in event.text
    assert Notification.objects.filter(recipient=person).count() == 1


def test_a_case_with_no_account_is_handled_without_telling_anyone(client, provider, officer):
    phoned = complaint_file(
        filing=Filing(
            kind=Kind.COMPLAINT,
            subject="Noise",
            details="At night.",
            provider_id=provider.pk,
            contact_mobile="+97336000002",
        ),
        person=None,
    )
    client.force_login(officer)
    act(client, phoned, "claim")
    assert act(client, phoned, "reply", text="We called you.").status_code == 302
    assert Complaint.objects.get(pk=phoned.pk).first_response_at is not None
    assert not Notification.objects.exists()


def test_an_unknown_move_is_refused(client, taken):
    assert act(client, taken, "approve").status_code == 400
