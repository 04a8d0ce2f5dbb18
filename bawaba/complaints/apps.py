from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "bawaba.complaints"
    label = "complaints"
    verbose_name = _("Complaints and suggestions")

    def ready(self) -> None:
        from bawaba.complaints import events
        from bawaba.complaints.satisfaction import register_page_extras

        events.register_events()
        register_page_extras()
