"""Sending one delivery on its channel, and telling lasting failures from
passing ones."""

from __future__ import annotations

import contextlib
import smtplib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend

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


class _MailConnection:
    """One SMTP connection per worker process, kept open between messages while
    it is in use (opening one costs more than sending a message) and closed
    after any error or a pause, before the mail server drops it. Other email
    backends (files, console, memory) get a fresh connection per message."""

    IDLE_SECONDS = 30.0

    def __init__(self) -> None:
        self.backend: BaseEmailBackend | None = None
        self.last_used = 0.0

    def get(self) -> BaseEmailBackend:
        now = time.monotonic()
        if self.backend is not None and now - self.last_used > self.IDLE_SECONDS:
            self.close()
        self.last_used = now
        if self.backend is not None:
            return self.backend
        backend = get_connection(timeout=settings.EMAIL_TIMEOUT)
        if isinstance(backend, SmtpBackend):
            backend.open()
            self.backend = backend
        return backend

    def close(self) -> None:
        backend, self.backend = self.backend, None
        if backend is not None:
            with contextlib.suppress(Exception):  # it is being thrown away anyway
                backend.close()


_mail = _MailConnection()


def _send_email(delivery: Delivery) -> Sent:
    message = EmailMultiAlternatives(
        subject=delivery.subject,
        body=delivery.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[delivery.address],
        headers={"Message-ID": delivery.message_id},
    )
    if delivery.body_html:
        message.attach_alternative(delivery.body_html, "text/html")
    try:
        try:
            message.connection = _mail.get()
            message.send(fail_silently=False)
        except Exception:
            _mail.close()
            raise
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
