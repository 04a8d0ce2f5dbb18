"""The messages the catalogue sends about changes to service pages.

Registered with the notifications registry when the app is ready; the shipped
wording is in ``notification_templates.json`` beside this module.
"""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from bawaba.notifications.events import NAME, Event, Placeholder, register

SERVICE = Placeholder(
    "service", _("Name of the service page"), "تجديد بطاقة الهوية", "Renew an identity card"
)
PROVIDER = Placeholder(
    "provider",
    _("Name of the provider"),
    "هيئة المعلومات والحكومة الإلكترونية",
    "Information & eGovernment Authority",
)
REASON = Placeholder(
    "reason", _("Reason given by the reviewer"), "يرجى تحديث الرسوم.", "Please update the fees."
)

REVISION_AWAITING_REVIEW = Event(
    "catalogue.revision_awaiting_review",
    _("Change waiting for review"),
    essential=False,
    placeholders=(NAME, SERVICE, PROVIDER),
)
REVISION_PUBLISHED = Event(
    "catalogue.revision_published",
    _("Change published"),
    essential=False,
    placeholders=(NAME, SERVICE),
)
REVISION_SENT_BACK = Event(
    "catalogue.revision_sent_back",
    _("Change sent back"),
    essential=False,
    placeholders=(NAME, SERVICE, REASON),
)


def register_events() -> None:
    register(
        REVISION_AWAITING_REVIEW,
        REVISION_PUBLISHED,
        REVISION_SENT_BACK,
        templates=Path(__file__).with_name("notification_templates.json"),
    )
