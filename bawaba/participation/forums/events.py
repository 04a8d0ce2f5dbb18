"""The forum's own message: a topic's author is told when a provider answers
it officially. (Moderation decisions are the foundation's messages.)

Registered with the notifications registry when the app is ready; the
shipped wording is in ``notification_templates.json`` beside this module."""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from bawaba.notifications.events import NAME, Event, Placeholder, register

TOPIC = Placeholder(
    "topic", _("Title of the forum topic"), "تجديد جواز السفر", "Renewing a passport"
)
PROVIDER = Placeholder(
    "provider", _("Name of the provider"), "إدارة الجوازات", "Passports Directorate"
)

OFFICIAL_ANSWER = Event(
    "forums.official_answer",
    _("Official answer to your forum topic"),
    essential=False,
    placeholders=(NAME, TOPIC, PROVIDER),
)


def register_events() -> None:
    register(OFFICIAL_ANSWER, templates=Path(__file__).with_name("notification_templates.json"))
