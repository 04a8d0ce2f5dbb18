from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    """What every way of taking part shares: the name people post under,
    blocks, moderation on the case kit, the four-eyes publishing of what
    providers write, and the rules every post keeps."""

    name = "bawaba.participation"
    label = "participation"
    verbose_name = _("Taking part")

    def ready(self) -> None:
        from bawaba.participation import events

        events.register_events()
