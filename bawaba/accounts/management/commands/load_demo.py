from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bawaba.accounts.demo import DEMO_PASSWORD, demo_load


class Command(BaseCommand):
    help = "Load demo organisations and accounts (idempotent; refused in production)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError("Demo data is not allowed with these settings (production).")
        result = demo_load()
        self.stdout.write(
            f"Demo data: {result.organisations_created} organisations and "
            f"{result.accounts_created} accounts created (existing ones left unchanged)."
        )
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        for email, description in result.accounts:
            self.stdout.write(f"  {email:<28} {description}")
