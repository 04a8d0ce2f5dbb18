"""The messages accounts send: a welcome and the security alerts.

Registered with the notifications registry when the app is ready; the shipped
wording is in ``notification_templates.json`` beside this module.
"""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from bawaba.notifications.events import NAME, WHEN, Event, register

ACCOUNT_WELCOME = Event("account.welcome", _("Account ready"), essential=True, placeholders=(NAME,))
PASSWORD_CHANGED = Event(
    "security.password_changed",
    _("Password changed"),
    essential=True,
    placeholders=(NAME, WHEN),
)
TWO_STEP_ON = Event(
    "security.two_step_on",
    _("Two-step verification turned on"),
    essential=True,
    placeholders=(NAME, WHEN),
)
TWO_STEP_OFF = Event(
    "security.two_step_off",
    _("Two-step verification turned off"),
    essential=True,
    placeholders=(NAME, WHEN),
)


def register_events() -> None:
    register(
        ACCOUNT_WELCOME,
        PASSWORD_CHANGED,
        TWO_STEP_ON,
        TWO_STEP_OFF,
        templates=Path(__file__).with_name("notification_templates.json"),
    )
