"""The messages the complaints app sends: to the person about their case,
and to the staff who handle it when a deadline nears or is missed.

Registered with the notifications registry when the app is ready; the shipped
wording is in ``notification_templates.json`` beside this module.
"""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from bawaba.notifications.events import NAME, Event, Placeholder, register

REFERENCE = Placeholder("reference", _("Case reference number"), "CMP-7K3Q-9MXD", "CMP-7K3Q-9MXD")
KIND = Placeholder("kind", _("What the person told us"), "شكوى", "Complaint")
DUE = Placeholder("due", _("Date a reply is due"), "17 ديسمبر 2026", "17 December 2026")
PROVIDER = Placeholder(
    "provider", _("Provider handling the case"), "وزارة الصحة", "Ministry of Health"
)
OUTCOME = Placeholder("outcome", _("How the case was closed"), "تمت المعالجة", "Resolved")
STEP = Placeholder(
    "step",
    _("What is due (the first response or the final reply)"),
    "الرد الأول",
    "The first response",
)
DUE_BY = Placeholder("due", _("When it is due"), "17 ديسمبر 2026، 10:15", "17 December 2026, 10:15")
LEVEL = Placeholder(
    "level",
    _("Escalation level: 1 the provider's supervisors, 2 the portal's complaint managers"),
    "1",
    "1",
)

RECEIVED = Event(
    "complaint.received",
    _("Complaint, suggestion or enquiry received"),
    essential=True,
    placeholders=(NAME, REFERENCE, KIND, DUE),
)
REPLIED = Event(
    "complaint.replied",
    _("Reply to a complaint, suggestion or enquiry"),
    essential=True,
    placeholders=(NAME, REFERENCE),
)
INFORMATION_REQUESTED = Event(
    "complaint.information_requested",
    _("More information asked for a case"),
    essential=True,
    placeholders=(NAME, REFERENCE),
)
TRANSFERRED = Event(
    "complaint.transferred",
    _("Case passed to another provider"),
    essential=True,
    placeholders=(NAME, REFERENCE, PROVIDER),
)
CLOSED = Event(
    "complaint.closed",
    _("Case closed"),
    essential=True,
    placeholders=(NAME, REFERENCE, OUTCOME),
)

# Staff-facing: the handling staff, their supervisors and the portal's complaint managers.
DEADLINE_NEAR = Event(
    "complaint.deadline_near",
    _("A case's deadline is near (staff)"),
    essential=True,
    placeholders=(NAME, REFERENCE, STEP, DUE_BY),
)
ESCALATED = Event(
    "complaint.escalated",
    _("A case missed its deadline and is escalated (staff)"),
    essential=True,
    placeholders=(NAME, REFERENCE, PROVIDER, DUE_BY, LEVEL),
)


# The person is told too (charter C30), in words about their case, not the
# provider's deadlines.
ESCALATED_TO_PERSON = Event(
    "complaint.escalated_to_person",
    _("A case passed to a supervisor because it is late"),
    essential=True,
    placeholders=(NAME, REFERENCE),
)


def register_events() -> None:
    register(
        RECEIVED,
        REPLIED,
        INFORMATION_REQUESTED,
        TRANSFERRED,
        CLOSED,
        DEADLINE_NEAR,
        ESCALATED,
        ESCALATED_TO_PERSON,
        templates=Path(__file__).with_name("notification_templates.json"),
    )
