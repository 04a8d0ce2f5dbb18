"""The messages of consultations: to the provider's editors when one of
their consultations closes (time to write the response), and to everyone
who took part when the official response is published.

Registered with the notifications registry when the app is ready; the shipped
wording is in ``notification_templates.json`` beside this module.
"""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from bawaba.notifications.events import NAME, Event, Placeholder, register

TITLE = Placeholder(
    "title",
    _("Title of the consultation"),
    "مسودة قانون حماية المستهلك",
    "Draft consumer protection law",
)

CLOSED = Event(
    "consultations.closed",
    _("Consultation closed: the response can be written"),
    essential=False,
    placeholders=(NAME, TITLE),
)
RESPONSE_PUBLISHED = Event(
    "consultations.response_published",
    _("Official response to a consultation you took part in"),
    essential=True,
    placeholders=(NAME, TITLE),
)


def register_events() -> None:
    register(
        CLOSED,
        RESPONSE_PUBLISHED,
        templates=Path(__file__).with_name("notification_templates.json"),
    )
