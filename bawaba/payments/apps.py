from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "bawaba.payments"
    label = "payments"
    verbose_name = _("Payments")

    def ready(self) -> None:
        from bawaba.payments import checks, events, subjects
        from bawaba.payments.gateways import sandbox  # noqa: F401  (registers itself)

        events.register_events()
        subjects.register_subjects()
        checks.register_checks()
