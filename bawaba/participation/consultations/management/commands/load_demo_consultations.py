from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bawaba.participation.consultations.demo import demo_consultations_load


class Command(BaseCommand):
    help = "Load the demo consultations after load_demo (idempotent; refused in production)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError("Demo data is not allowed with these settings (production).")
        created = demo_consultations_load()
        self.stdout.write(f"Demo consultations: {created} created; existing ones left unchanged.")
