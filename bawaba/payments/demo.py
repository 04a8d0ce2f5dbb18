"""Demo payment accounts: every demo provider takes payments on the sandbox
gateway (demo/payments.json, whose secrets are sandbox-only)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from bawaba.accounts.models import Organisation
from bawaba.payments.models import ProviderAccount

DEMO_FILE = Path(settings.BASE_DIR) / "demo" / "payments.json"


def demo_payments_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    return data


@transaction.atomic
def demo_payments_load() -> int:
    """Create the demo providers' sandbox accounts that are missing; returns
    how many were created (running it again creates none)."""
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
    return created
