"""The messages e-services send about applications.

Registered with the notifications registry when the app is ready; the shipped
wording is in ``notification_templates.json`` beside this module.
"""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from bawaba.catalogue.events import SERVICE
from bawaba.notifications.events import NAME, Event, Placeholder, register

REFERENCE = Placeholder(
    "reference", _("Application reference number"), "APP-7K3Q-9MXD", "APP-7K3Q-9MXD"
)
DUE = Placeholder("due", _("Date a decision is due"), "3 ديسمبر 2026", "3 December 2026")
STATUS = Placeholder(
    "status",
    _("New state of the application"),
    "بحاجة إلى معلومات إضافية",
    "More information needed",
)
AMOUNT = Placeholder("amount", _("Amount to pay"), "5.000 د.ب", "BD 5.000")
EXPIRES = Placeholder(
    "expires", _("Date the unfinished application is deleted"), "29 ديسمبر 2026", "29 December 2026"
)

APPLICATION_RECEIVED = Event(
    "application.received",
    _("Application received"),
    essential=True,
    placeholders=(NAME, SERVICE, REFERENCE, DUE),
)
PAYMENT_DUE = Event(
    "application.payment_due",
    _("Application waiting for payment"),
    essential=True,
    placeholders=(NAME, SERVICE, REFERENCE, AMOUNT),
)
APPLICATION_STATUS = Event(
    "application.status_changed",
    _("Application status changed"),
    essential=True,
    placeholders=(NAME, SERVICE, REFERENCE, STATUS),
)
PAYMENT_EXPIRING = Event(
    "application.payment_expiring",
    _("Unpaid application about to expire"),
    essential=True,
    placeholders=(NAME, SERVICE, REFERENCE, AMOUNT, EXPIRES),
)
DRAFT_EXPIRING = Event(
    "application.draft_expiring",
    _("Unfinished application about to expire"),
    essential=False,
    placeholders=(NAME, SERVICE, REFERENCE, EXPIRES),
)


def register_events() -> None:
    register(
        APPLICATION_RECEIVED,
        PAYMENT_DUE,
        APPLICATION_STATUS,
        DRAFT_EXPIRING,
        PAYMENT_EXPIRING,
        templates=Path(__file__).with_name("notification_templates.json"),
    )
