from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "bawaba.cases"
    label = "cases"
    verbose_name = _("Cases and working calendar")

    def ready(self) -> None:
        from bawaba.cases.calendar import connect_invalidation

        connect_invalidation()
