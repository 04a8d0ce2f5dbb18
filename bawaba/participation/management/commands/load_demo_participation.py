from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from bawaba.participation.demo import demo_loaders


class Command(BaseCommand):
    help = (
        "Load the demo consultations, forum topics and blog posts after load_demo, "
        "or only the spaces named (idempotent; refused in production)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("spaces", nargs="*", help="Only these spaces (all when none named).")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError("Demo data is not allowed with these settings (production).")
        loaders = demo_loaders()
        known = [loader.space for loader in loaders]
        unknown = [space for space in options["spaces"] if space not in known]
        if unknown:
            raise CommandError(
                f"No demo data for {', '.join(unknown)}; the spaces are {', '.join(known)}."
            )
        for loader in loaders:
            if options["spaces"] and loader.space not in options["spaces"]:
                continue
            created = loader.load()
            self.stdout.write(
                f"Demo {loader.what}: {created} created; existing ones left unchanged."
            )
