"""Filing a case: routed to the provider concerned (or triage), given its
priority and its clocks on the working calendar, and acknowledged at once,
exactly once, in the person's language."""

import datetime

import pytest

from bawaba.accounts.constants import Role
from bawaba.accounts.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from bawaba.cases.calendar import BAHRAIN, calendar_for
from bawaba.cases.models import Priority
from bawaba.cases.selectors import QueueFilters
from bawaba.cases.subjects import subject_choices, subject_get
from bawaba.catalogue.tests.factories import ServiceFactory
from bawaba.complaints.actions import Filing, acknowledged_same_day, complaint_file
from bawaba.complaints.models import Complaint, ComplaintState, Kind, RoutingRule
from bawaba.complaints.selectors import complaint_list_for_staff, complaint_queue
from bawaba.eservices.models import ApplicationState
from bawaba.eservices.tests.samples import application_for, published_eservice
from bawaba.notifications.models import Notification

pytestmark = pytest.mark.django_db


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=BAHRAIN)


def filing(**fields) -> Filing:
    return Filing(
        **{"kind": Kind.COMPLAINT, "subject": "Long wait", "details": "Three weeks.", **fields}
    )


def test_a_case_goes_to_the_provider_it_names_and_is_acknowledged_once():
    provider = OrganisationFactory.create()
    person = UserFactory.create(preferred_language="en")
    complaint = complaint_file(
        filing=filing(provider_id=provider.pk), person=person, now=at(2026, 12, 3, 10)
    )
    assert complaint.reference.startswith("CMP-")
    assert (complaint.organisation, complaint.state) == (provider, ComplaintState.RECEIVED)
    assert complaint.acknowledged_at == at(2026, 12, 3, 10)
    assert complaint.acknowledged_same_day
    messages = Notification.objects.filter(recipient=person, event="complaint.received")
    assert [message.subject for message in messages] == [
        f"We have received your message {complaint.reference}"
    ]
    assert list(complaint.events.values_list("action", "state")) == [("received", "received")]


def test_a_routing_rule_sends_a_case_elsewhere_and_no_provider_means_triage():
    about, handler = OrganisationFactory.create(), OrganisationFactory.create()
    RoutingRule.objects.create(provider=about, kind=Kind.SUGGESTION, handled_by=handler)
    person = UserFactory.create()
    suggestion = complaint_file(
        filing=filing(kind=Kind.SUGGESTION, provider_id=about.pk), person=person
    )
    complaint = complaint_file(filing=filing(provider_id=about.pk), person=person)
    unrouted = complaint_file(filing=filing(), person=person)
    assert suggestion.organisation == handler
    assert complaint.organisation == about
    assert unrouted.organisation is None


@pytest.mark.parametrize(
    ("kind", "details", "priority"),
    [
        (Kind.COMPLAINT, "The queue was slow.", Priority.NORMAL),
        (Kind.COMPLAINT, "There is a gas leak near the counter.", Priority.URGENT),
        (Kind.ENQUIRY, "يوجد خطر على الأطفال في المبنى", Priority.URGENT),
        (Kind.GRIEVANCE, "The decision was wrong.", Priority.HIGH),
        (Kind.SUGGESTION, "Open on Saturdays.", Priority.LOW),
        (Kind.COMPLIMENT, "Thank you, the fire drill was well run.", Priority.LOW),
    ],
)
def test_priority_from_the_kind_and_words_of_danger_in_either_language(kind, details, priority):
    complaint = complaint_file(
        filing=filing(kind=kind, details=details), person=UserFactory.create()
    )
    assert complaint.priority == priority


def test_a_repeated_complaint_about_the_same_application_is_high():
    definition = published_eservice(ServiceFactory.create(slug="repeated"))
    person = UserFactory.create()
    application = application_for(definition, applicant=person, state=ApplicationState.REJECTED)
    about = subject_get(person, "application", str(application.pk))
    assert about is not None and about.organisation_id == application.organisation_id
    first = complaint_file(filing=filing(about=about), person=person)
    second = complaint_file(filing=filing(about=about), person=person)
    assert (first.priority, second.priority) == (Priority.NORMAL, Priority.HIGH)
    assert first.organisation_id == application.organisation_id


def test_only_the_persons_own_sent_applications_can_be_named():
    definition = published_eservice(ServiceFactory.create(slug="mine"))
    person, other = UserFactory.create(), UserFactory.create()
    sent = application_for(definition, applicant=person, state=ApplicationState.SUBMITTED)
    application_for(definition, applicant=person, state=ApplicationState.DRAFT)
    theirs = application_for(definition, applicant=other, state=ApplicationState.SUBMITTED)
    assert [subject.id for subject in subject_choices(person)] == [str(sent.pk)]
    assert subject_get(person, "application", str(theirs.pk)) is None
    assert subject_get(person, "application", "not-an-id") is None
    assert subject_get(None, "application", str(sent.pk)) is None


def test_clocks_start_at_the_next_working_moment_after_hours():
    person = UserFactory.create()
    # Thursday after closing: the clock starts on Sunday at seven.
    complaint = complaint_file(filing=filing(), person=person, now=at(2026, 12, 3, 15))
    assert complaint.clock_started_at == at(2026, 12, 6, 7)
    assert complaint.first_response_due_at and complaint.due_at
    assert complaint.first_response_due_at > complaint.clock_started_at
    # Ten working days, over the weekends and National Day (16-17 December).
    assert complaint.due_at.astimezone(BAHRAIN).date() == datetime.date(2026, 12, 21)
    assert complaint.acknowledged_same_day


@pytest.mark.parametrize(
    ("received", "acknowledged", "same_day"),
    [
        (at(2026, 12, 3, 10), at(2026, 12, 3, 13), True),
        (at(2026, 12, 3, 10), at(2026, 12, 6, 8), False),
        (at(2026, 12, 4, 10), at(2026, 12, 6, 8), True),  # a Friday: Sunday is its working day
        (at(2026, 12, 15, 20), at(2026, 12, 20, 9), False),  # the eve of National Day, evening
    ],
)
def test_acknowledged_on_the_working_day_of_receipt(received, acknowledged, same_day):
    assert acknowledged_same_day(calendar_for(), received, acknowledged) is same_day


def test_only_the_handling_providers_complaints_staff_and_managers_see_a_case():
    provider, other = OrganisationFactory.create(), OrganisationFactory.create()
    complaint = complaint_file(filing=filing(provider_id=provider.pk), person=UserFactory.create())
    triage = complaint_file(filing=filing(), person=UserFactory.create())
    officer, outsider, case_worker, manager = (UserFactory.create() for _ in range(4))
    MembershipFactory.create(user=officer, organisation=provider, role=Role.COMPLAINTS_OFFICER)
    MembershipFactory.create(user=outsider, organisation=other, role=Role.COMPLAINTS_OFFICER)
    MembershipFactory.create(user=case_worker, organisation=provider, role=Role.CASE_WORKER)
    MembershipFactory.create(user=manager, organisation=other, role=Role.COMPLAINT_MANAGER)
    assert list(complaint_list_for_staff(user=officer)) == [complaint]
    assert list(complaint_list_for_staff(user=outsider)) == []
    assert list(complaint_list_for_staff(user=case_worker)) == []
    assert set(complaint_list_for_staff(user=manager)) == {complaint, triage}
    assert [row.case for row in complaint_queue(user=manager, filters=QueueFilters()).rows] == [
        complaint
    ]
    triaged = complaint_queue(user=manager, filters=QueueFilters(), triage=True).rows
    assert [row.case for row in triaged] == [triage]


def test_a_guest_with_a_verified_mobile_is_acknowledged_by_sms_in_their_language():
    complaint = complaint_file(
        filing=filing(
            contact_name="Sara",
            contact_mobile="+97336000002",
            language="en",
            contact_verified_at=at(2026, 12, 3, 9, 59),
        ),
        person=None,
        now=at(2026, 12, 3, 10),
    )
    message = Notification.objects.get(event="complaint.received", recipient=None)
    assert complaint.reference in message.subject and message.language == "en"
    assert [d.channel for d in message.deliveries.all()] == ["sms"]
    assert complaint.acknowledged_same_day


def test_a_grievance_about_a_closed_case_appeals_it_and_goes_to_its_provider():
    provider = OrganisationFactory.create()
    person = UserFactory.create()
    first = complaint_file(filing=filing(provider_id=provider.pk), person=person)
    assert subject_get(person, "complaint", str(first.pk)) is None  # still open
    Complaint.objects.filter(pk=first.pk).update(state=ComplaintState.CLOSED, outcome="not_upheld")
    about = subject_get(person, "complaint", str(first.pk))
    assert about is not None
    assert subject_get(UserFactory.create(), "complaint", str(first.pk)) is None
    grievance = complaint_file(filing=filing(kind=Kind.GRIEVANCE, about=about), person=person)
    assert grievance.appeal_of == first and grievance.organisation == provider
    assert grievance.priority == Priority.HIGH


def test_a_compliment_keeps_whom_it_is_for():
    compliment = complaint_file(
        filing=filing(kind=Kind.COMPLIMENT, compliment_for="The Muharraq clinic's nurses"),
        person=UserFactory.create(),
    )
    assert compliment.compliment_for == "The Muharraq clinic's nurses"


def test_the_queue_lists_open_cases_unless_a_state_is_chosen():
    provider = OrganisationFactory.create()
    officer = UserFactory.create()
    MembershipFactory.create(user=officer, organisation=provider, role=Role.COMPLAINTS_OFFICER)
    open_case = complaint_file(filing=filing(provider_id=provider.pk), person=UserFactory.create())
    closed = complaint_file(filing=filing(provider_id=provider.pk), person=UserFactory.create())
    Complaint.objects.filter(pk=closed.pk).update(state=ComplaintState.CLOSED)

    def listed(state: str) -> set:
        rows = complaint_queue(user=officer, filters=QueueFilters(state=state)).rows
        return {row.case for row in rows}

    assert listed("") == {open_case}
    assert listed("all") == {open_case, closed}
    assert listed(ComplaintState.CLOSED) == {closed}


def test_a_guest_hears_every_reply_at_their_verified_contact():
    from bawaba.complaints.staff_actions import complaint_act

    provider = OrganisationFactory.create()
    officer = UserFactory.create()
    MembershipFactory.create(user=officer, organisation=provider, role=Role.COMPLAINTS_OFFICER)
    complaint = complaint_file(
        filing=filing(
            provider_id=provider.pk,
            contact_name="Sara",
            contact_mobile="+97336000003",
            language="en",
            contact_verified_at=at(2026, 12, 3, 9, 59),
        ),
        person=None,
    )
    complaint = complaint_act(user=officer, complaint_id=complaint.pk, move="claim", revision=0)
    complaint_act(
        user=officer,
        complaint_id=complaint.pk,
        move="reply",
        revision=complaint.revision,
        text="We have booked you an appointment.",
    )
    reply = Notification.objects.get(event="complaint.replied", recipient=None)
    assert reply.link == "/en/contact/message/follow/"
    assert [d.address for d in reply.deliveries.all()] == ["+97336000003"]


def test_a_case_about_a_service_takes_its_topic_for_the_routing_rules():
    from bawaba.catalogue.tests.factories import CategoryFactory

    topic = CategoryFactory.create()
    service = ServiceFactory.create(slug="topic-routed")
    service.categories.add(topic)
    handler = OrganisationFactory.create()
    RoutingRule.objects.create(category=topic, handled_by=handler)
    complaint = complaint_file(
        filing=filing(provider_id=service.provider_id, service_id=service.pk),
        person=UserFactory.create(),
    )
    assert (complaint.category, complaint.organisation) == (topic, handler)
