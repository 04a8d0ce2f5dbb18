from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EservicesConfig(AppConfig):
    name = "bawaba.eservices"
    label = "eservices"
    verbose_name = _("E-services")

    def ready(self) -> None:
        from bawaba.eservices import dashboard, events, payment, subjects

        events.register_events()
        payment.register_payables()
        subjects.register_subjects()
        dashboard.register_dashboard()
