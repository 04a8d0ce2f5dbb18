from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    """Customer surveys sent to a sample of a provider's service users (C21)."""

    name = "bawaba.participation.surveys"
    label = "surveys"
    verbose_name = _("Surveys")

    def ready(self) -> None:
        from bawaba.participation.surveys import dashboard, events

        events.register_events()
        dashboard.register_dashboard()
