from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "bawaba.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        # Import the bundled SMS providers so that they register themselves.
        from bawaba.notifications.sms.providers import http, sandbox  # noqa: F401

        post_migrate.connect(_ensure_templates, sender=self)


def _ensure_templates(sender: AppConfig, **kwargs: Any) -> None:
    """Every shipped message template exists after `migrate` (edited ones are kept)."""
    from bawaba.notifications.templates_store import ensure_default_templates

    ensure_default_templates()
