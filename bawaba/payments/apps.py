from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "bawaba.payments"
    label = "payments"
    verbose_name = _("Payments")

    def ready(self) -> None:
        from bawaba.payments import bill_links, bills, checks, dashboard, events, subjects
        from bawaba.payments.billers import sandbox as biller_sandbox  # noqa: F401  (registers itself)
        from bawaba.payments.gateways import sandbox  # noqa: F401  (registers itself)

        bills.register_payables()
        bill_links.register_pay_now_links()
        events.register_events()
        subjects.register_subjects()
        checks.register_checks()
        dashboard.register_dashboard()
