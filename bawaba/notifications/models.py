from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SandboxSms(models.Model):
    """A text message 'sent' by the sandbox provider: kept here instead of going
    to a phone, so developers and testers can read it."""

    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    to = models.CharField(_("to"), max_length=20)
    text = models.TextField(_("text"))
    reference = models.CharField(_("reference"), max_length=100)
    encoding = models.CharField(_("encoding"), max_length=10)
    segments = models.PositiveSmallIntegerField(_("parts"))

    class Meta:
        verbose_name = _("sandbox text message")
        verbose_name_plural = _("sandbox text messages")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.to}: {self.text[:40]}"


class TemplateChannel(models.TextChoices):
    INBOX = "inbox", _("Portal inbox")
    EMAIL = "email", _("Email")
    SMS = "sms", _("SMS")


class DeliveryChannel(models.TextChoices):
    EMAIL = "email", _("Email")
    SMS = "sms", _("SMS")


class DeliveryState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed")


LANGUAGE_CHOICES = [("ar", _("Arabic")), ("en", _("English"))]


class MessageTemplate(models.Model):
    """What one event says on one channel in one language. Placeholders are
    written ``{name}`` and must be among those the event declares."""

    event = models.CharField(_("event"), max_length=80)
    channel = models.CharField(_("channel"), max_length=10, choices=TemplateChannel.choices)
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    body = models.TextField(_("text"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("message template")
        verbose_name_plural = _("message templates")
        ordering = ["event", "channel", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "channel", "language"], name="message_template_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.event} / {self.channel} / {self.language}"


class Notification(models.Model):
    """One event told to one person: what their portal inbox shows. Its
    email and SMS copies are ``Delivery`` rows written in the same transaction.
    A person without an account (a guest who verified an email address or a
    mobile number) has no recipient and no inbox: only the copies."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    event = models.CharField(_("event"), max_length=80)
    # The same key for the same occurrence: writing it twice creates nothing new.
    idempotency_key = models.CharField(_("idempotency key"), max_length=200)
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    link = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("received"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "idempotency_key"], name="notification_idempotent"
            ),
            models.UniqueConstraint(
                fields=["idempotency_key"],
                condition=models.Q(recipient__isnull=True),
                name="notification_idempotent_guest",
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox"),
            models.Index(
                fields=["recipient"],
                condition=models.Q(read_at__isnull=True),
                name="notification_unread",
            ),
        ]

    def __str__(self) -> str:
        return self.subject


class Delivery(models.Model):
    """One copy of a message on one channel, and how its sending went."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    notification = models.ForeignKey(
        Notification,
        verbose_name=_("message"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    channel = models.CharField(_("channel"), max_length=10, choices=DeliveryChannel.choices)
    address = models.CharField(_("sent to"), max_length=254)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"), blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=DeliveryState.choices, default=DeliveryState.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    # While a worker sends, it holds the delivery until this time; after it,
    # the worker is presumed dead and another may try.
    lease_expires_at = models.DateTimeField(_("held until"), null=True, blank=True)
    last_error = models.CharField(_("reason"), max_length=300, blank=True)
    provider_reference = models.CharField(_("provider reference"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("queued at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    failed_at = models.DateTimeField(_("failed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["notification", "channel"], name="delivery_one_per_channel"
            )
        ]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="delivery_due"),
            models.Index(fields=["state", "failed_at"], name="delivery_failed"),
        ]

    def __str__(self) -> str:
        return f"{self.channel} {self.state}"

    @property
    def message_id(self) -> str:
        """The email Message-ID: the same on every attempt, so that a copy sent
        twice after a crash can be recognised as one message."""
        return f"<{self.id}@bawaba.notifications>"
