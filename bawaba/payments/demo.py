"""Demo payment accounts: every demo provider takes payments on the sandbox
gateway (demo/payments.json, whose secrets are sandbox-only); and the demo
billers, whose bills and fines the sandbox holds, each with the catalogue
service whose page gets "Pay now"."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from bawaba.accounts.models import Organisation
from bawaba.catalogue.models import Service
from bawaba.payments.models import Biller, ProviderAccount

DEMO_FILE = Path(settings.BASE_DIR) / "demo" / "payments.json"


def demo_payments_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    return data


@transaction.atomic
def demo_payments_load() -> int:
    """Create the demo providers' sandbox accounts and the demo billers that
    are missing; returns how many accounts were created (running it again
    creates none)."""
    created = 0
    for entry in demo_payments_data()["accounts"]:
        organisation = Organisation.objects.filter(slug=entry["organisation"]).first()
        if organisation is None:
            continue
        _, made = ProviderAccount.objects.get_or_create(
            gateway="sandbox",
            merchant_id=entry["merchant_id"],
            defaults={"organisation": organisation, "is_active": True},
        )
        created += made
    demo_billers_load()
    return created


def demo_billers_load() -> int:
    """Create the demo billers that are missing; returns how many."""
    created = 0
    for entry in demo_payments_data()["billers"]:
        organisation = Organisation.objects.filter(slug=entry.get("organisation", "")).first()
        if organisation is None:
            continue
        _, made = Biller.objects.get_or_create(
            code=entry["code"],
            defaults={
                "organisation": organisation,
                "adapter": "sandbox",
                "kind": entry.get("kind", "bill"),
                "owner_cpr_required": bool(entry.get("owner_cpr_required")),
                "service": Service.objects.filter(slug=entry.get("service", "")).first(),
                "is_active": True,
            },
        )
        created += made
    return created
