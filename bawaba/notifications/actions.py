"""Writing messages into the outbox and delivering them.

``notify`` is the one way the rest of Bawaba tells a person something. It runs
inside the caller's transaction: the inbox message and one ``Delivery`` per
channel are written with the action that caused them, and the deliveries are
handed to the workers only after that transaction commits. If the broker is
down at that moment, nothing is lost: the periodic sweeper finds deliveries
that waited too long and hands them over again.

Delivery is at-least-once with a guard that makes it exactly-once in practice:
a worker first *claims* a delivery with one conditional UPDATE (queued → sending,
holding it for a lease), so two workers given the same task cannot both send.
If a worker dies after claiming, the lease runs out and the sweeper hands the
delivery to another. The one window left is a crash between the mail server
accepting a message and the claim being marked sent: the message is then sent
again, with the same Message-ID so that it can be recognised as a copy.
"""

from __future__ import annotations

import datetime
import logging
import random
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from bawaba.core.audit import audit_record
from bawaba.core.errors import ApplicationError
from bawaba.notifications import channels
from bawaba.notifications.events import Event, event_get
from bawaba.notifications.models import (
    Delivery,
    DeliveryChannel,
    DeliveryState,
    MessageTemplate,
    Notification,
    TemplateChannel,
)
from bawaba.notifications.rendering import render_email, render_inbox, render_sms
from bawaba.notifications.templates_store import template_text

logger = logging.getLogger(__name__)


class Recipient(Protocol):
    """What the outbox needs to know about a person (the portal's User)."""

    # Read-only: a guest (``Guest``) answers them too, with no account (pk None).
    @property
    def pk(self) -> Any: ...
    @property
    def email(self) -> str: ...
    @property
    def mobile(self) -> str: ...
    @property
    def preferred_language(self) -> str: ...
    @property
    def contact_by_email(self) -> bool: ...
    @property
    def contact_by_sms(self) -> bool: ...
    @property
    def display_name(self) -> str: ...


@dataclass(frozen=True)
class Guest:
    """A person without an account, reached at the email address or mobile
    number they verified (a guest who filed a complaint, say). Messages to
    a guest have no inbox copy; the idempotency key alone makes them once."""

    email: str = ""
    mobile: str = ""
    preferred_language: str = "ar"
    name: str = ""
    pk: None = None

    @property
    def contact_by_email(self) -> bool:
        return bool(self.email)

    @property
    def contact_by_sms(self) -> bool:
        return bool(self.mobile)

    @property
    def display_name(self) -> str:
        return self.name


# A value for a placeholder: text, lazily translated text, a moment (written
# in the recipient's language and time zone), or the two language versions.
Value = str | Promise | datetime.datetime | Mapping[str, str]


def _config(name: str) -> Any:
    return settings.NOTIFICATIONS[name]


def recipient_language(recipient: Recipient) -> str:
    return recipient.preferred_language if recipient.preferred_language in ("ar", "en") else "ar"


def recipient_channels(recipient: Recipient, event: Event) -> list[tuple[str, str]]:
    """(channel, address) pairs for this person and event.

    Optional messages go exactly where the person asked (possibly nowhere but
    the inbox). Essential messages also follow the person's choice, but when
    that leaves no channel they still go by email (or by SMS when there is no
    email address)."""
    chosen: list[tuple[str, str]] = []
    if recipient.contact_by_email and recipient.email:
        chosen.append((DeliveryChannel.EMAIL, recipient.email))
    if recipient.contact_by_sms and recipient.mobile:
        chosen.append((DeliveryChannel.SMS, recipient.mobile))
    if not chosen and event.essential:
        if recipient.email:
            chosen.append((DeliveryChannel.EMAIL, recipient.email))
        elif recipient.mobile:
            chosen.append((DeliveryChannel.SMS, recipient.mobile))
    return chosen


def _resolve(value: Value, language: str) -> str:
    if isinstance(value, datetime.datetime):
        pattern = "j F Y، H:i" if language == "ar" else "j F Y, H:i"
        return formats.date_format(timezone.localtime(value), pattern)
    if isinstance(value, Mapping):
        return value.get(language) or next(iter(value.values()), "")
    return str(value)


def _values(
    recipient: Recipient, event: Event, values: Mapping[str, Value], language: str
) -> dict[str, str]:
    resolved = {name: _resolve(value, language) for name, value in values.items()}
    if "name" in event.placeholder_names and "name" not in resolved:
        resolved["name"] = recipient.display_name  # in the active (recipient's) language
    unknown = set(resolved) - event.placeholder_names
    if unknown:
        raise ValueError(f"{event.key} has no placeholder {sorted(unknown)}")
    return resolved


def notify(
    *,
    recipient: Recipient,
    event: str,
    idempotency_key: str,
    values: Mapping[str, Value] | None = None,
    link: str = "",
    link_kwargs: Mapping[str, Any] | None = None,
) -> Notification:
    """Tell ``recipient`` about ``event``: an inbox message now, email and SMS
    after the caller's transaction commits. Calling it again with the same
    ``idempotency_key`` for the same person returns the first message and sends
    nothing more. ``link`` is a URL name (reversed in the recipient's language,
    with ``link_kwargs``) or a path."""
    definition = event_get(event)
    existing = Notification.objects.filter(
        recipient_id=recipient.pk, idempotency_key=idempotency_key
    ).first()
    if existing is not None:
        return existing
    language = recipient_language(recipient)
    with translation.override(language):
        if link and not link.startswith("/"):
            link = reverse(link, kwargs=dict(link_kwargs or {}))
        filled = _values(recipient, definition, values or {}, language)
        inbox = template_text(event, TemplateChannel.INBOX, language)
        subject, body = render_inbox(subject=inbox.subject, body=inbox.body, values=filled)
        deliveries = []
        for channel, address in recipient_channels(recipient, definition):
            text = template_text(event, channel, language)
            if channel == DeliveryChannel.EMAIL:
                email = render_email(
                    subject=text.subject,
                    body=text.body,
                    values=filled,
                    language=language,
                    link=link,
                )
                deliveries.append(
                    Delivery(
                        channel=channel,
                        address=address,
                        subject=email.subject,
                        body_text=email.text,
                        body_html=email.html,
                    )
                )
            else:
                deliveries.append(
                    Delivery(
                        channel=channel,
                        address=address,
                        body_text=render_sms(body=text.body, values=filled),
                    )
                )
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient_id=recipient.pk,
                event=event,
                idempotency_key=idempotency_key,
                language=language,
                subject=subject[:200],
                body=body,
                link=link,
            )
            for delivery in deliveries:
                delivery.notification = notification
            Delivery.objects.bulk_create(deliveries)
    except IntegrityError:
        # Another transaction wrote the same message first.
        return Notification.objects.get(recipient_id=recipient.pk, idempotency_key=idempotency_key)
    ids = [delivery.id for delivery in deliveries]
    if ids:
        transaction.on_commit(lambda: dispatch(ids))
    logger.info(
        "notification.queued",
        extra={"notification": str(notification.id), "event": event, "channels": len(ids)},
    )
    return notification


def dispatch(delivery_ids: Iterable[uuid.UUID | str]) -> int:
    """Hand deliveries to the workers; returns how many were handed over.
    A broker outage is logged and left to the sweeper."""
    from bawaba.notifications.tasks import deliver  # the task module imports this one

    handed = 0
    for delivery_id in delivery_ids:
        try:
            deliver.delay(str(delivery_id))
        except Exception:  # the broker is unreachable; the sweeper will retry
            logger.warning("notification.dispatch_failed", extra={"delivery": str(delivery_id)})
            continue
        handed += 1
    return handed


def retry_delay(
    attempt: int,
    *,
    base: float,
    cap: float,
    rand: Callable[[float, float], float] = random.uniform,
) -> float:
    """Seconds to wait after failed attempt number ``attempt`` (1, 2, …):
    exponential (base, 2·base, 4·base…) up to ``cap``, of which the second half
    is random, so that messages failed together do not retry together."""
    ceiling = min(cap, base * 2 ** max(attempt - 1, 0))
    return ceiling / 2 + rand(0, ceiling / 2)


def _claim(delivery_id: str, now: datetime.datetime) -> Delivery | None:
    lease = datetime.timedelta(seconds=_config("LEASE_SECONDS"))
    claimed = (
        Delivery.objects.filter(pk=delivery_id)
        .filter(
            Q(state=DeliveryState.QUEUED, next_attempt_at__lte=now)
            | Q(
                state=DeliveryState.SENDING,
                lease_expires_at__lt=now,
                attempts__lt=_config("MAX_ATTEMPTS"),
            )
        )
        .update(
            state=DeliveryState.SENDING,
            attempts=F("attempts") + 1,
            lease_expires_at=now + lease,
        )
    )
    if not claimed:
        return None
    return Delivery.objects.get(pk=delivery_id)


def delivery_attempt(delivery_id: str) -> str:
    """Try to send one delivery once. Returns what happened: ``sent``,
    ``delivered``, ``retry``, ``failed`` or ``skipped`` (not due, already sent,
    or held by another worker)."""
    now = timezone.now()
    try:
        uuid.UUID(str(delivery_id))
    except ValueError:
        return "skipped"
    delivery = _claim(delivery_id, now)
    if delivery is None:
        return "skipped"
    mine = Delivery.objects.filter(
        pk=delivery.pk, state=DeliveryState.SENDING, attempts=delivery.attempts
    )
    log = {"delivery": str(delivery.id), "channel": delivery.channel, "attempt": delivery.attempts}
    try:
        sent = channels.send(delivery)
    except Exception as error:
        if isinstance(error, channels.ChannelError):
            reason, retryable = error.reason, error.retryable
        else:
            logger.exception("notification.send_crashed", extra=log)
            reason, retryable = f"unexpected error ({type(error).__name__})", True
        finished = timezone.now()
        if retryable and delivery.attempts < _config("MAX_ATTEMPTS"):
            delay = retry_delay(
                delivery.attempts,
                base=_config("RETRY_BASE_SECONDS"),
                cap=_config("RETRY_MAX_SECONDS"),
            )
            mine.update(
                state=DeliveryState.QUEUED,
                next_attempt_at=finished + datetime.timedelta(seconds=delay),
                lease_expires_at=None,
                last_error=reason[:300],
            )
            logger.warning("notification.retry", extra=log | {"reason": reason, "delay": delay})
            _schedule_retry(delivery.id, delay)
            return "retry"
        mine.update(
            state=DeliveryState.FAILED,
            failed_at=finished,
            lease_expires_at=None,
            last_error=reason[:300],
        )
        logger.error("notification.failed", extra=log | {"reason": reason})
        return "failed"
    finished = timezone.now()
    mine.update(
        state=DeliveryState.DELIVERED if sent.delivered else DeliveryState.SENT,
        sent_at=finished,
        delivered_at=finished if sent.delivered else None,
        lease_expires_at=None,
        last_error="",
        provider_reference=sent.provider_reference[:100],
    )
    logger.info("notification.sent", extra=log)
    return "delivered" if sent.delivered else "sent"


def _schedule_retry(delivery_id: uuid.UUID, delay: float) -> None:
    from bawaba.notifications.tasks import deliver

    if deliver.app.conf.task_always_eager:
        return  # run inline, a retry would recurse; the sweeper (or a test) picks it up
    try:
        deliver.apply_async(args=(str(delivery_id),), countdown=delay)
    except Exception:  # the broker is unreachable; the sweeper will retry
        logger.warning("notification.dispatch_failed", extra={"delivery": str(delivery_id)})


def outbox_sweep(*, limit: int = 1000) -> int:
    """Hand over again every delivery that waited past its time: its task was
    lost (broker outage, dead worker) or its worker died while sending."""
    now = timezone.now()
    # A delivery whose worker died on every attempt (a message that crashes or
    # hangs the sender) stops here instead of being taken over for ever.
    abandoned = Delivery.objects.filter(
        state=DeliveryState.SENDING,
        lease_expires_at__lt=now,
        attempts__gte=_config("MAX_ATTEMPTS"),
    ).update(
        state=DeliveryState.FAILED,
        failed_at=now,
        lease_expires_at=None,
        last_error="the sending worker stopped during every attempt",
    )
    if abandoned:
        logger.error("notification.abandoned", extra={"count": abandoned})
    overdue = now - datetime.timedelta(seconds=_config("SWEEP_AFTER_SECONDS"))
    ids = list(
        Delivery.objects.filter(
            Q(state=DeliveryState.QUEUED, next_attempt_at__lte=overdue)
            | Q(state=DeliveryState.SENDING, lease_expires_at__lt=now)
        )
        .order_by("next_attempt_at")
        .values_list("id", flat=True)[:limit]
    )
    if ids:
        logger.info("notification.sweep", extra={"count": len(ids)})
    return dispatch(ids)


class ResendError(ApplicationError):
    code = "notifications.resend"


@transaction.atomic
def delivery_resend(*, delivery_id: uuid.UUID, request: HttpRequest) -> Delivery:
    """Staff put a failed delivery back in the queue, with a fresh retry budget."""
    delivery = Delivery.objects.select_for_update().get(pk=delivery_id)
    if delivery.state != DeliveryState.FAILED:
        raise ResendError(_("This message is no longer in the failed list."))
    delivery.state = DeliveryState.QUEUED
    delivery.attempts = 0
    delivery.next_attempt_at = timezone.now()
    delivery.failed_at = None
    delivery.save(update_fields=["state", "attempts", "next_attempt_at", "failed_at"])
    audit_record(
        action="notifications.delivery.resent",
        request=request,
        data={"delivery": str(delivery.id), "channel": delivery.channel},
    )
    transaction.on_commit(lambda: dispatch([delivery.id]))
    return delivery


def notification_mark_read(*, notification: Notification) -> None:
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=timezone.now()
        )
        notification.read_at = timezone.now()


def notifications_mark_all_read(*, recipient: Recipient) -> int:
    return Notification.objects.filter(recipient_id=recipient.pk, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def message_template_save(
    *, event: str, channel: str, texts: Mapping[str, tuple[str, str]], request: HttpRequest
) -> None:
    """Save both languages of one template (``texts``: language → (subject, body))."""
    user = request.user
    for language, (subject, body) in texts.items():
        MessageTemplate.objects.update_or_create(
            event=event,
            channel=channel,
            language=language,
            defaults={
                "subject": subject.strip(),
                "body": body.strip(),
                "updated_by": user if user.is_authenticated else None,
            },
        )
    audit_record(
        action="notifications.template.changed",
        request=request,
        data={"event": event, "channel": channel},
    )


def delivery_report(*, delivery_id: uuid.UUID, delivered: bool, reason: str = "") -> bool:
    """Record what an SMS gateway later reports about a message it accepted:
    it reached the handset (delivered) or it did not (failed, with the reason).
    Returns False when there is nothing to change (unknown, or already final)."""
    now = timezone.now()
    open_states = [DeliveryState.SENDING, DeliveryState.SENT]
    reports = Delivery.objects.filter(
        pk=delivery_id, channel=DeliveryChannel.SMS, state__in=open_states
    )
    if delivered:
        changed = reports.update(
            state=DeliveryState.DELIVERED,
            delivered_at=now,
            lease_expires_at=None,
        )
    else:
        changed = reports.update(
            state=DeliveryState.FAILED,
            failed_at=now,
            lease_expires_at=None,
            last_error=f"gateway report: {reason}"[:300],
        )
    if changed:
        logger.info(
            "notification.report",
            extra={"delivery": str(delivery_id), "delivered": delivered},
        )
    return bool(changed)
