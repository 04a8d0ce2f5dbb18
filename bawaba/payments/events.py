"""The messages payments send. Registered with the notifications registry
when the app is ready; the shipped wording is in
``notification_templates.json`` beside this module."""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from bawaba.notifications.events import NAME, Event, Placeholder, register

REFERENCE = Placeholder("reference", _("Payment reference"), "PAY-7K3Q-9MXD", "PAY-7K3Q-9MXD")
AMOUNT = Placeholder("amount", _("Amount paid"), "5.000 د.ب", "BD 5.000")
DESCRIPTION = Placeholder(
    "description",
    _("What was paid"),
    "رسوم الطلب APP-7K3Q-9MXD",
    "Fee for application APP-7K3Q-9MXD",
)

PAYMENT_SUCCEEDED = Event(
    "payment.succeeded",
    _("Payment received (receipt)"),
    essential=True,
    placeholders=(NAME, REFERENCE, AMOUNT, DESCRIPTION),
)
PAYMENT_REFUNDED = Event(
    "payment.refunded",
    _("Payment refunded"),
    essential=True,
    placeholders=(NAME, REFERENCE, AMOUNT, DESCRIPTION),
)


def register_events() -> None:
    register(
        PAYMENT_SUCCEEDED,
        PAYMENT_REFUNDED,
        templates=Path(__file__).with_name("notification_templates.json"),
    )
