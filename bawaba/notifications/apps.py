from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "bawaba.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        # Import the bundled SMS providers so that they register themselves.
        from bawaba.notifications.sms.providers import http, sandbox  # noqa: F401
