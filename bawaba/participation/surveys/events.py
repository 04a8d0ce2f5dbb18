"""The message a survey sends: the invitation to answer it, with the
one-use link. Registered with the notifications registry when the app is
ready; the shipped wording is in ``notification_templates.json`` beside
this module."""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from bawaba.notifications.events import NAME, Event, Placeholder, register

TITLE = Placeholder(
    "title",
    _("Title of the survey"),
    "رضاكم عن خدمة تجديد البطاقة الذكية",
    "Your view of renewing an identity card",
)
PROVIDER = Placeholder(
    "provider", _("Provider asking"), "الجهاز المركزي للمعلومات", "Information Authority"
)
UNTIL = Placeholder(
    "until", _("Last day answers are accepted"), "31 ديسمبر 2026", "31 December 2026"
)

INVITATION = Event(
    "surveys.invitation",
    _("Invitation to answer a survey"),
    essential=False,
    placeholders=(NAME, TITLE, PROVIDER, UNTIL),
)


def register_events() -> None:
    register(INVITATION, templates=Path(__file__).with_name("notification_templates.json"))
