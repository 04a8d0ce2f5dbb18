from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    """Forums: topics by theme, threads and replies (C11, C21)."""

    name = "bawaba.participation.forums"
    label = "forums"
    verbose_name = _("Forums")

    def ready(self) -> None:
        from bawaba.participation.forums import dashboard, events, moderation, registry

        moderation.register_kinds()
        events.register_events()
        registry.register()
        dashboard.register_dashboard()
