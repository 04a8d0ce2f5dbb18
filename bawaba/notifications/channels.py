"""Sending one delivery on its channel, and telling lasting failures from
passing ones."""

from __future__ import annotations

import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection

from bawaba.notifications.models import Delivery, DeliveryChannel
from bawaba.notifications.sms.providers.base import SmsDeliveryError, sms_provider


class ChannelError(Exception):
    """Sending failed. ``retryable`` is False when trying again cannot help
    (an address refused by the mail server, a number the gateway rejects)."""

    def __init__(self, reason: str, *, retryable: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retryable = retryable


@dataclass(frozen=True)
class Sent:
    provider_reference: str
    # The provider confirmed delivery to the handset or mailbox, not just acceptance.
    delivered: bool = False


def _send_email(delivery: Delivery) -> Sent:
    message = EmailMultiAlternatives(
        subject=delivery.subject,
        body=delivery.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[delivery.address],
        headers={"Message-ID": delivery.message_id},
        connection=get_connection(timeout=settings.EMAIL_TIMEOUT),
    )
    if delivery.body_html:
        message.attach_alternative(delivery.body_html, "text/html")
    try:
        message.send(fail_silently=False)
    except smtplib.SMTPRecipientsRefused as error:
        codes = {code for code, _text in error.recipients.values()}
        permanent = all(500 <= code < 600 for code in codes)
        raise ChannelError(
            f"mail server refused the address ({', '.join(map(str, sorted(codes)))})",
            retryable=not permanent,
        ) from error
    except smtplib.SMTPResponseException as error:
        raise ChannelError(
            f"mail server answered {error.smtp_code}",
            retryable=not 500 <= error.smtp_code < 600,
        ) from error
    except (smtplib.SMTPException, OSError) as error:
        raise ChannelError(
            f"mail server unreachable ({type(error).__name__})", retryable=True
        ) from error
    return Sent(provider_reference=delivery.message_id)


def _send_sms(delivery: Delivery) -> Sent:
    provider = sms_provider()
    try:
        receipt = provider.send(
            to=delivery.address, text=delivery.body_text, reference=str(delivery.id)
        )
    except SmsDeliveryError as error:
        raise ChannelError(f"SMS gateway: {error}", retryable=error.retryable) from error
    return Sent(provider_reference=receipt.provider_reference, delivered=receipt.delivered)


def send(delivery: Delivery) -> Sent:
    if delivery.channel == DeliveryChannel.EMAIL:
        return _send_email(delivery)
    if delivery.channel == DeliveryChannel.SMS:
        return _send_sms(delivery)
    raise ChannelError(f"unknown channel {delivery.channel!r}", retryable=False)
