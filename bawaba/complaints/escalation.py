"""Reminders and escalation (charter C29), run every 15 minutes by beat.

For every open case whose clock runs (received or being handled, not
waiting for the person):

- a deadline (the first response while none has been given, and the
  resolution) due within the next working hour of the handling provider's
  calendar: the assignee is reminded, or the provider's complaints officers
  when nobody has the case (once per case and deadline: the outbox's
  idempotency key names both, so a moved deadline is reminded again);
- a deadline missed: the case is escalated once, to the provider's
  complaints supervisors (level 1);
- still missed when the next working day after the day of the missed
  deadline has ended too: escalated again, to the portal's complaint
  managers (level 2). "One more working day" rather than the case's
  resolution target again: the managers hear of a case due on Thursday at
  the end of Sunday, whatever the target was.

A case in the triage queue (no provider yet) is reminded to nobody but
goes to the complaint managers as soon as it is overdue (level 1: there is
nobody above them). A provider without supervisors has its level-1
escalation go to the managers, so that no escalation goes unheard.

The cases are read with indexed conditions (open, running, not fully
escalated, due within a week), assessed in Python, and each one that needs
something is handled in its own transaction with its row locked and the
assessment made again under the lock: a reply or a pause that came in
between wins, and two runs at once send nothing twice.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bawaba.accounts.constants import Role
from bawaba.accounts.models import User
from bawaba.cases.actions import case_lock
from bawaba.cases.calendar import WorkingCalendar, calendar_for
from bawaba.cases.deadlines import (
    add_working_days,
    end_of_day,
    working_time_between,
)
from bawaba.cases.models import Visibility
from bawaba.complaints.actions import complaint_tell
from bawaba.complaints.case_kind import MANAGER_ROLE, event_record
from bawaba.complaints.models import Complaint
from bawaba.complaints.workflow import OPEN_STATES
from bawaba.core.audit import audit_record
from bawaba.notifications.actions import notify
from bawaba.notifications.models import Notification

# How near a deadline is when the reminder goes: in working time.
REMINDER_WINDOW = datetime.timedelta(hours=1)
# The calendar time the query looks ahead; wider than any working hour can
# stretch over a weekend and a holiday, the exact test is made in Python.
LOOK_AHEAD = datetime.timedelta(days=7)

FIRST_RESPONSE = "first_response"
RESOLUTION = "resolution"
_STEPS = {
    FIRST_RESPONSE: gettext_lazy("The first response"),
    RESOLUTION: gettext_lazy("The final reply"),
}
_TRIAGE = gettext_lazy("the portal's triage queue")


@dataclass(frozen=True)
class Counts:
    reminded: int = 0
    escalated_once: int = 0
    escalated_twice: int = 0


@dataclass(frozen=True)
class Assessment:
    """What a case needs now: the deadlines to remind of (step, due), the
    earliest deadline missed, and the escalation level it should be at."""

    reminders: tuple[tuple[str, datetime.datetime], ...]
    missed: datetime.datetime | None
    level: int


def _deadlines(case: Complaint) -> list[tuple[str, datetime.datetime]]:
    deadlines = []
    if case.first_response_at is None and case.first_response_due_at is not None:
        deadlines.append((FIRST_RESPONSE, case.first_response_due_at))
    if case.due_at is not None:
        deadlines.append((RESOLUTION, case.due_at))
    return deadlines


def second_breach_after(calendar: WorkingCalendar, missed: datetime.datetime) -> datetime.datetime:
    """The moment after which a case that missed ``missed`` goes to the
    complaint managers: the end of the next working day after that day."""
    return end_of_day(add_working_days(calendar, calendar.local_date(missed), 1), calendar.zone)


def assess(case: Complaint, calendar: WorkingCalendar, now: datetime.datetime) -> Assessment:
    """Pure: what ``case`` needs at ``now`` on its provider's ``calendar``."""
    if case.state not in OPEN_STATES or case.paused_at is not None:
        return Assessment((), None, case.escalation_level)
    deadlines = _deadlines(case)
    missed = min((due for _step, due in deadlines if now > due), default=None)
    reminders: tuple[tuple[str, datetime.datetime], ...] = ()
    if case.organisation_id is not None:
        reminders = tuple(
            (step, due)
            for step, due in deadlines
            if now <= due and working_time_between(calendar, now, due) <= REMINDER_WINDOW
        )
    level = 0
    if missed is not None:
        level = 1
        if case.organisation_id is not None and now > second_breach_after(calendar, missed):
            level = 2
    return Assessment(reminders, missed, max(level, case.escalation_level))


# Who is told --------------------------------------------------------------


def _active_users(condition: Q) -> list[User]:
    return list(User.objects.filter(condition, is_active=True).distinct().order_by("pk"))


def _staff(organisation_id: int, role: str) -> list[User]:
    return _active_users(Q(memberships__organisation_id=organisation_id, memberships__role=role))


def _managers() -> list[User]:
    return _active_users(
        Q(memberships__role=MANAGER_ROLE, memberships__organisation__is_active=True)
    )


def _reminded(case: Complaint) -> list[User]:
    """The assignee, or the provider's complaints officers (its supervisors
    when it has no officers)."""
    assignee = case.assignee
    if assignee is not None and assignee.is_active:
        return [assignee]
    if case.organisation_id is None:
        return []
    return _staff(case.organisation_id, Role.COMPLAINTS_OFFICER) or _staff(
        case.organisation_id, Role.COMPLAINTS_SUPERVISOR
    )


def _escalated_to(case: Complaint, level: int) -> list[User]:
    if level == 1 and case.organisation_id is not None:
        return _staff(case.organisation_id, Role.COMPLAINTS_SUPERVISOR) or _managers()
    return _managers()


# What they are told --------------------------------------------------------


def _in_both_languages(step: str, due: datetime.datetime) -> dict[str, str]:
    """A resolution date as a day; a first response as a day and a time."""
    values = {}
    for language in ("ar", "en"):
        with translation.override(language):
            pattern = "j F Y, H:i" if language == "en" else "j F Y، H:i"
            if step == RESOLUTION:
                pattern = "j F Y"
            values[language] = formats.date_format(timezone.localtime(due), pattern)
    return values


def _translated(text: str) -> dict[str, str]:
    values = {}
    for language in ("ar", "en"):
        with translation.override(language):
            values[language] = str(_STEPS.get(text, text))
    return values


def _provider(case: Complaint) -> dict[str, str]:
    if case.organisation is None:
        values = {}
        for language in ("ar", "en"):
            with translation.override(language):
                values[language] = str(_TRIAGE)
        return values
    return {"ar": case.organisation.name_ar, "en": case.organisation.name_en}


def _key_of_reminder(case: Complaint, step: str, due: datetime.datetime) -> str:
    return f"complaint:{case.pk}:deadline_near:{step}:{due.isoformat()}"


def _remind(case: Complaint, step: str, due: datetime.datetime) -> bool:
    recipients = _reminded(case)
    key = _key_of_reminder(case, step, due)
    if (
        not recipients
        or Notification.objects.filter(recipient__in=recipients, idempotency_key=key).exists()
    ):
        return False
    for user in recipients:
        notify(
            recipient=user,
            event="complaint.deadline_near",
            idempotency_key=key,
            values={
                "reference": case.reference,
                "step": _translated(step),
                "due": _in_both_languages(step, due),
            },
            link="staff_complaints:case",
            link_kwargs={"complaint_id": case.pk},
        )
    return True


def _escalate(
    case: Complaint,
    level: int,
    missed: datetime.datetime,
    now: datetime.datetime,
) -> None:
    step = FIRST_RESPONSE if missed == case.first_response_due_at else RESOLUTION
    previous = case.escalation_level
    case.escalation_level = level
    case.save(update_fields=["escalation_level", "updated_at"])
    recipients = _escalated_to(case, level)
    if level == 1:
        complaint_tell(case, "complaint.escalated_to_person", "escalated_to_person")
    for user in recipients:
        notify(
            recipient=user,
            event="complaint.escalated",
            idempotency_key=f"complaint:{case.pk}:escalated:{level}",
            values={
                "reference": case.reference,
                "provider": _provider(case),
                "due": _in_both_languages(step, missed),
                "level": str(level),
            },
            link="staff_complaints:case",
            link_kwargs={"complaint_id": case.pk},
        )
    # The history keeps the text as written, in the portal's language.
    with translation.override(settings.LANGUAGE_CODE):
        due = _in_both_languages(step, missed)[translation.get_language() or "ar"]
        if level == 1 and case.organisation_id is not None:
            text = _(
                "Escalated to the provider's complaints supervisors: "
                "the deadline of %(due)s was missed."
            ) % {"due": due}
        else:
            text = _(
                "Escalated to the portal's complaint managers: the deadline of %(due)s was missed."
            ) % {"due": due}
    event_record(case, "escalated", None, case.state, text=text, visibility=Visibility.STAFF)
    audit_record(
        action="complaints.complaint.escalated",
        data={
            "complaint": str(case.pk),
            "from": previous,
            "to": level,
            "missed": missed.isoformat(),
            "told": [user.pk for user in recipients],
            "at": now.isoformat(),
        },
    )


# The run -------------------------------------------------------------------


def _candidates(now: datetime.datetime) -> list[Complaint]:
    horizon = now + LOOK_AHEAD
    near_or_missed = Q(due_at__lte=horizon) | Q(
        first_response_at__isnull=True, first_response_due_at__lte=horizon
    )
    return list(
        Complaint.objects.filter(
            near_or_missed,
            state__in=OPEN_STATES,
            paused_at__isnull=True,
            escalation_level__lt=2,
        )
        # Triage is escalated once (to the managers) and no further.
        .exclude(organisation__isnull=True, escalation_level__gte=1)
        .only(
            "pk",
            "state",
            "organisation_id",
            "paused_at",
            "due_at",
            "first_response_at",
            "first_response_due_at",
            "escalation_level",
        )
        .order_by("due_at", "pk")
    )


def _handle(pk: object, now: datetime.datetime, counts: dict[str, int]) -> None:
    with transaction.atomic():
        case = case_lock(Complaint.objects.select_related("organisation", "assignee"), pk=pk)
        calendar = calendar_for(case.organisation_id)
        needs = assess(case, calendar, now)
        for step, due in needs.reminders:
            if _remind(case, step, due):
                counts["reminded"] += 1
        if needs.missed is not None:
            for level in range(case.escalation_level + 1, needs.level + 1):
                _escalate(case, level, needs.missed, now)
                counts["escalated_once" if level == 1 else "escalated_twice"] += 1


def deadlines_check(*, now: datetime.datetime | None = None) -> Counts:
    """Remind of deadlines near and escalate the ones missed; return how many
    reminders went and how many cases were escalated once and twice."""
    now = now or timezone.now()
    counts = {"reminded": 0, "escalated_once": 0, "escalated_twice": 0}
    calendars: dict[int | None, WorkingCalendar] = {}
    for case in _candidates(now):
        calendar = calendars.setdefault(case.organisation_id, calendar_for(case.organisation_id))
        needs = assess(case, calendar, now)
        if needs.reminders or needs.level > case.escalation_level:
            _handle(case.pk, now, counts)
    return Counts(**counts)
