from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    """Public consultations on policy drafts (C6, C11)."""

    name = "bawaba.participation.consultations"
    label = "consultations"
    verbose_name = _("Consultations")
