from __future__ import annotations

from django.db import models
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
