from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bawaba.accounts.demo import DEMO_PASSWORD, demo_load
from bawaba.catalogue.demo import DemoDataError, demo_catalogue_load


class Command(BaseCommand):
    help = (
        "Load the demo organisations, accounts and catalogue (idempotent; refused in production)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError("Demo data is not allowed with these settings (production).")
        result = demo_load()
        try:
            catalogue = demo_catalogue_load()
        except DemoDataError as error:
            raise CommandError(f"The demo catalogue is invalid: {error}") from error
        self.stdout.write(
            f"Demo data: {result.organisations_created} organisations, "
            f"{result.accounts_created} accounts, {catalogue.taxonomy_created} audiences, "
            f"categories and life events, and {catalogue.services_created} services created "
            f"({catalogue.services_total} services in the catalogue; existing records left "
            "unchanged)."
        )
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        for email, description in result.accounts:
            self.stdout.write(f"  {email:<28} {description}")
