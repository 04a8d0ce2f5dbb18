"""The events that send a message, and what each one may say.

An event is code (something happens: a password is changed, an application is
received); what the message says is data (``MessageTemplate``, one per event,
channel and language, edited by staff). Each event lists the placeholders its
templates may use, with sample values for the preview.

Essential events (acknowledgements, security alerts, payment receipts) reach
the person by at least one channel whatever their settings; optional ones
follow the person's choice of channels.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Placeholder:
    name: str
    description: str | Promise
    sample_ar: str
    sample_en: str

    def sample(self, language: str) -> str:
        return self.sample_ar if language == "ar" else self.sample_en


@dataclass(frozen=True)
class Event:
    key: str
    title: str | Promise
    essential: bool
    placeholders: tuple[Placeholder, ...] = field(default=())

    @property
    def placeholder_names(self) -> frozenset[str]:
        return frozenset(placeholder.name for placeholder in self.placeholders)

    def sample_values(self, language: str) -> dict[str, str]:
        return {item.name: item.sample(language) for item in self.placeholders}


NAME = Placeholder("name", _("The person's name"), "مريم أحمد", "Maryam Ahmed")
WHEN = Placeholder(
    "when", _("Date and time of the event"), "29 نوفمبر 2026، 10:15", "29 November 2026, 10:15"
)
SERVICE = Placeholder(
    "service", _("Name of the service page"), "تجديد بطاقة الهوية", "Renew an identity card"
)
PROVIDER = Placeholder(
    "provider",
    _("Name of the provider"),
    "هيئة المعلومات والحكومة الإلكترونية",
    "Information & eGovernment Authority",
)
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
REASON = Placeholder(
    "reason", _("Reason given by the reviewer"), "يرجى تحديث الرسوم.", "Please update the fees."
)

_EVENTS: dict[str, Event] = {}


def _define(event: Event) -> Event:
    if event.key in _EVENTS:
        raise ValueError(f"Event {event.key!r} is defined twice")
    _EVENTS[event.key] = event
    return event


ACCOUNT_WELCOME = _define(
    Event("account.welcome", _("Account ready"), essential=True, placeholders=(NAME,))
)
PASSWORD_CHANGED = _define(
    Event(
        "security.password_changed",
        _("Password changed"),
        essential=True,
        placeholders=(NAME, WHEN),
    )
)
TWO_STEP_ON = _define(
    Event(
        "security.two_step_on",
        _("Two-step verification turned on"),
        essential=True,
        placeholders=(NAME, WHEN),
    )
)
TWO_STEP_OFF = _define(
    Event(
        "security.two_step_off",
        _("Two-step verification turned off"),
        essential=True,
        placeholders=(NAME, WHEN),
    )
)
REVISION_AWAITING_REVIEW = _define(
    Event(
        "catalogue.revision_awaiting_review",
        _("Change waiting for review"),
        essential=False,
        placeholders=(NAME, SERVICE, PROVIDER),
    )
)
REVISION_PUBLISHED = _define(
    Event(
        "catalogue.revision_published",
        _("Change published"),
        essential=False,
        placeholders=(NAME, SERVICE),
    )
)
REVISION_SENT_BACK = _define(
    Event(
        "catalogue.revision_sent_back",
        _("Change sent back"),
        essential=False,
        placeholders=(NAME, SERVICE, REASON),
    )
)


APPLICATION_RECEIVED = _define(
    Event(
        "application.received",
        _("Application received"),
        essential=True,
        placeholders=(NAME, SERVICE, REFERENCE, DUE),
    )
)
AMOUNT = Placeholder("amount", _("Amount to pay"), "5.000 د.ب", "BD 5.000")
PAYMENT_DUE = _define(
    Event(
        "application.payment_due",
        _("Application waiting for payment"),
        essential=True,
        placeholders=(NAME, SERVICE, REFERENCE, AMOUNT),
    )
)
APPLICATION_STATUS = _define(
    Event(
        "application.status_changed",
        _("Application status changed"),
        essential=True,
        placeholders=(NAME, SERVICE, REFERENCE, STATUS),
    )
)


EXPIRES = Placeholder(
    "expires", _("Date the unfinished application is deleted"), "29 ديسمبر 2026", "29 December 2026"
)
DRAFT_EXPIRING = _define(
    Event(
        "application.draft_expiring",
        _("Unfinished application about to expire"),
        essential=False,
        placeholders=(NAME, SERVICE, REFERENCE, EXPIRES),
    )
)


def event_get(key: str) -> Event:
    try:
        return _EVENTS[key]
    except KeyError as error:
        raise LookupError(f"No notification event is called {key!r}") from error


def event_list() -> list[Event]:
    return sorted(_EVENTS.values(), key=lambda event: event.key)
