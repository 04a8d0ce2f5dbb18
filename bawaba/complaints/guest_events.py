"""The message that proves a visitor's contact: the one-time code sent to the
email address or mobile number given on Contact us without an account
(``guest.code_send``). Registered with the notifications registry from the
app's ``ready``; the shipped wording is in ``guest_notification_templates.json``.
The code is in the email and the SMS only, never in the stored inbox copy."""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from bawaba.notifications.events import NAME, Event, Placeholder, register

CODE = Placeholder("code", _("The one-time code"), "482913", "482913")
MINUTES = Placeholder("minutes", _("Minutes the code works for"), "10", "10")

VERIFICATION_CODE = Event(
    "contact.verification_code",
    _("One-time code to send a message without an account"),
    essential=True,
    placeholders=(NAME, CODE, MINUTES),
)


def register_events() -> None:
    register(
        VERIFICATION_CODE,
        templates=Path(__file__).with_name("guest_notification_templates.json"),
    )
