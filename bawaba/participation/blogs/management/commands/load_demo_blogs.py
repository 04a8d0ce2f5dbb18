from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bawaba.participation.blogs.demo import demo_blogs_load


class Command(BaseCommand):
    help = "Load the demo blog posts after load_demo (idempotent; refused in production)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError("Demo data is not allowed with these settings (production).")
        created = demo_blogs_load()
        self.stdout.write(f"Demo blog posts: {created} created; existing posts left unchanged.")
