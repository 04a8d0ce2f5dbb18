from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bawaba.participation.forums.demo import demo_forums_load


class Command(BaseCommand):
    help = "Load the demo forum topics after load_demo (idempotent; refused in production)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError("Demo data is not allowed with these settings (production).")
        created = demo_forums_load()
        self.stdout.write(f"Demo forum topics: {created} created; existing topics left unchanged.")
