"""Reminders and escalation (charter C29) on a frozen clock: a deadline
near is reminded once to whoever has the case, a missed one goes to the
provider's supervisors once, and still missed a working day later to the
portal's complaint managers; cases waiting for the person or closed are
left alone, and the weekend is not counted."""

import datetime

import pytest
from django.utils import timezone

from bawaba.accounts.constants import Role
from bawaba.accounts.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from bawaba.cases.calendar import BAHRAIN
from bawaba.cases.models import Visibility
from bawaba.complaints import tasks
from bawaba.complaints.actions import Filing, complaint_file
from bawaba.complaints.escalation import Counts, deadlines_check
from bawaba.complaints.models import Complaint, ComplaintState, Kind
from bawaba.notifications.models import Notification

pytestmark = pytest.mark.django_db

# November 2026: Sunday the 1st; Thursday the 5th; Friday and Saturday the 6th and 7th off.


def at(day: int, hour: int = 0, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, 11, day, hour, minute, tzinfo=BAHRAIN)


@pytest.fixture
def provider():
    return OrganisationFactory.create(name_en="Ministry of Works", name_ar="وزارة الأشغال")


@pytest.fixture
def staff(provider):
    return {
        role: MembershipFactory.create(organisation=provider, role=role).user
        for role in (Role.COMPLAINTS_OFFICER, Role.COMPLAINTS_SUPERVISOR)
    } | {Role.COMPLAINT_MANAGER: MembershipFactory.create(role=Role.COMPLAINT_MANAGER).user}


def case(provider=None, **clocks) -> Complaint:
    """A case filed on Sunday 1 November at 10:00, its clocks then set as the test says."""
    filed = complaint_file(
        filing=Filing(
            kind=Kind.COMPLAINT,
            subject="Long wait",
            details="Three weeks.",
            provider_id=provider.pk if provider else None,
        ),
        person=UserFactory.create(),
        now=at(1, 10),
    )
    Complaint.objects.filter(pk=filed.pk).update(**clocks)
    filed.refresh_from_db()
    return filed


def told(event: str) -> list[tuple[str, str]]:
    return list(
        Notification.objects.filter(event=event)
        .order_by("created_at", "pk")
        .values_list("recipient__email", "subject")
    )


def test_a_first_response_due_within_the_working_hour_is_reminded_once(provider, staff):
    complaint = case(provider, first_response_due_at=at(3, 10), due_at=at(15, 23, 59))
    assert deadlines_check(now=at(3, 8, 30)) == Counts()
    assert deadlines_check(now=at(3, 9, 15)) == Counts(reminded=1)
    assert deadlines_check(now=at(3, 9, 45)) == Counts()
    officer = staff[Role.COMPLAINTS_OFFICER]
    assert [email for email, _subject in told("complaint.deadline_near")] == [officer.email]
    message = Notification.objects.get(event="complaint.deadline_near")
    assert complaint.reference in message.subject
    assert complaint.escalation_level == 0


def test_the_assignee_alone_is_reminded_when_someone_has_the_case(provider, staff):
    colleague = MembershipFactory.create(organisation=provider, role=Role.COMPLAINTS_OFFICER).user
    case(provider, first_response_due_at=at(3, 10), due_at=at(15, 23, 59), assignee=colleague)
    assert deadlines_check(now=at(3, 9, 15)) == Counts(reminded=1)
    assert [email for email, _subject in told("complaint.deadline_near")] == [colleague.email]


def test_a_sunday_morning_deadline_is_reminded_on_thursday_afternoon(provider, staff):
    # Thursday closes at 14:15; Friday and Saturday are not working days.
    case(provider, first_response_due_at=at(8, 7, 30), due_at=at(15, 23, 59))
    assert deadlines_check(now=at(5, 13, 30)) == Counts()  # 45 + 30 working minutes left
    assert deadlines_check(now=at(5, 14)) == Counts(reminded=1)  # 15 + 30
    assert deadlines_check(now=at(7, 20)) == Counts()


def test_a_missed_first_response_goes_to_the_supervisors_once(provider, staff):
    complaint = case(provider, first_response_due_at=at(3, 10), due_at=at(15, 23, 59))
    assert deadlines_check(now=at(3, 10, 15)) == Counts(escalated_once=1)
    assert deadlines_check(now=at(3, 10, 30)) == Counts()
    supervisor = staff[Role.COMPLAINTS_SUPERVISOR]
    assert [email for email, _subject in told("complaint.escalated")] == [supervisor.email]
    complaint.refresh_from_db()
    assert complaint.escalation_level == 1
    row = complaint.events.get(action="escalated")
    assert (row.visibility, row.state, row.actor) == (Visibility.STAFF, "received", None)
    assert "3 نوفمبر 2026" in row.text
    # The person hears that a supervisor now follows their case, once.
    assert complaint.person is not None
    assert [email for email, _subject in told("complaint.escalated_to_person")] == [
        complaint.person.email
    ]


def test_a_case_due_thursday_goes_to_the_managers_after_sunday_not_over_the_weekend(
    provider, staff
):
    complaint = case(
        provider,
        first_response_at=at(2, 9),
        first_response_due_at=at(3, 10),
        due_at=at(5, 23, 59),
    )
    assert deadlines_check(now=at(6, 0, 15)) == Counts(escalated_once=1)
    assert deadlines_check(now=at(8, 23)) == Counts()  # Sunday: the one more working day
    assert deadlines_check(now=at(9, 0, 15)) == Counts(escalated_twice=1)
    assert deadlines_check(now=at(9, 0, 30)) == Counts()
    complaint.refresh_from_db()
    assert complaint.escalation_level == 2
    manager = staff[Role.COMPLAINT_MANAGER]
    assert [email for email, _subject in told("complaint.escalated")] == [
        staff[Role.COMPLAINTS_SUPERVISOR].email,
        manager.email,
    ]
    message = Notification.objects.get(event="complaint.escalated", recipient=manager)
    assert "2" in message.body
    assert complaint.events.filter(action="escalated", visibility=Visibility.STAFF).count() == 2


def test_a_case_found_long_overdue_is_escalated_twice_in_one_run(provider, staff):
    case(provider, first_response_due_at=at(3, 10), due_at=at(5, 23, 59))
    assert deadlines_check(now=at(20, 10)) == Counts(escalated_once=1, escalated_twice=1)
    assert deadlines_check(now=at(20, 10, 15)) == Counts()


def test_cases_waiting_for_the_person_or_closed_are_left_alone(provider, staff):
    case(
        provider,
        first_response_due_at=at(3, 10),
        due_at=at(5, 23, 59),
        state=ComplaintState.MORE_INFORMATION,
        paused_at=at(2, 9),
    )
    case(provider, first_response_due_at=at(3, 10), due_at=at(5, 23, 59), paused_at=at(2, 9))
    case(
        provider,
        first_response_due_at=at(3, 10),
        due_at=at(5, 23, 59),
        state=ComplaintState.CLOSED,
    )
    for now in (at(3, 9, 30), at(3, 11), at(20, 10)):
        assert deadlines_check(now=now) == Counts()
    assert not Notification.objects.exclude(event="complaint.received").exists()


def test_an_overdue_case_in_triage_goes_to_the_managers_directly(staff):
    complaint = case(first_response_due_at=at(3, 10), due_at=at(15, 23, 59))
    assert complaint.organisation is None
    assert deadlines_check(now=at(3, 9, 30)) == Counts()  # nobody to remind
    assert deadlines_check(now=at(3, 10, 15)) == Counts(escalated_once=1)
    assert deadlines_check(now=at(20, 10)) == Counts()
    assert [email for email, _subject in told("complaint.escalated")] == [
        staff[Role.COMPLAINT_MANAGER].email
    ]


def test_the_beat_task_runs_and_returns_its_counts(provider, staff):
    now = timezone.now()
    case(
        provider,
        first_response_due_at=now - datetime.timedelta(hours=1),
        due_at=now + datetime.timedelta(days=30),
    )
    assert tasks.check_deadlines.delay().get() == (0, 1, 0)
