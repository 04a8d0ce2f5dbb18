from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bawaba.accounts.demo import DEMO_PASSWORD, demo_load
from bawaba.catalogue.demo import DemoDataError, demo_catalogue_load
from bawaba.eservices.demo import DemoEServiceError, demo_eservices_load
from bawaba.payments.demo import demo_payments_load


class Command(BaseCommand):
    help = (
        "Load the demo organisations, accounts, catalogue and e-services "
        "(idempotent; refused in production)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError("Demo data is not allowed with these settings (production).")
        result = demo_load()
        try:
            catalogue = demo_catalogue_load()
        except DemoDataError as error:
            raise CommandError(f"The demo catalogue is invalid: {error}") from error
        payment_accounts = demo_payments_load()
        try:
            eservices = demo_eservices_load()
        except DemoEServiceError as error:
            raise CommandError(f"A demo e-service is invalid: {error}") from error
        self.stdout.write(
            f"Demo data: {result.organisations_created} organisations, "
            f"{result.accounts_created} accounts, {catalogue.taxonomy_created} audiences, "
            f"categories and life events, and {catalogue.services_created} services created "
            f"({catalogue.services_total} services in the catalogue), and "
            f"{eservices.created} e-services created ({eservices.total} online), and "
            f"{payment_accounts} payment accounts on the sandbox gateway created; existing "
            "records left unchanged."
        )
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        for email, description in result.accounts:
            self.stdout.write(f"  {email:<28} {description}")
