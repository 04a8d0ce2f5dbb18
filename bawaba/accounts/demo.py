"""Demo organisations and accounts, read from the data files under demo/.

Idempotent: an organisation or account that already exists is left exactly as
it is (including its password), so running the loader twice changes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction

from bawaba.accounts.models import Membership, Organisation, User

DEMO_DIR = Path(settings.BASE_DIR) / "demo"
# One password for every demo account; printed by `load_demo`. Demo data is
# refused in production settings, so this never protects a real account.
DEMO_PASSWORD = "bawaba-demo-passphrase"  # noqa: S105  # documented demo credential

_USER_FIELDS = (
    "name_ar",
    "name_en",
    "kind",
    "residency",
    "cpr",
    "passport_number",
    "nationality",
    "mobile",
    "address",
    "preferred_language",
    "is_staff",
    "is_superuser",
)


@dataclass(frozen=True)
class DemoResult:
    organisations_created: int
    accounts_created: int
    accounts: list[tuple[str, str]]  # (email, description)


def _read(name: str) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads((DEMO_DIR / name).read_text(encoding="utf-8"))
    return data


@transaction.atomic
def demo_load() -> DemoResult:
    organisations_created = 0
    for row in _read("organisations.json"):
        _org, created = Organisation.objects.get_or_create(
            slug=row["slug"], defaults={k: v for k, v in row.items() if k != "slug"}
        )
        organisations_created += int(created)

    accounts_created = 0
    listed: list[tuple[str, str]] = []
    for row in _read("accounts.json"):
        email = row["email"]
        listed.append((email, row.get("description", "")))
        if User.objects.filter(email=email).exists():
            continue
        user = User(email=email, **{k: row[k] for k in _USER_FIELDS if k in row})
        user.set_password(DEMO_PASSWORD)
        user.full_clean(exclude=["password"])
        user.save()
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        for slug, role in row.get("memberships", []):
            Membership.objects.create(
                user=user, organisation=Organisation.objects.get(slug=slug), role=role
            )
        accounts_created += 1
    return DemoResult(organisations_created, accounts_created, listed)
