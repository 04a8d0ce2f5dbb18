from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest

from bawaba.accounts.models import User
from bawaba.core.audit import audit_record

PROFILE_FIELDS = (
    "name_ar",
    "name_en",
    "mobile",
    "address",
    "preferred_language",
    "contact_by_email",
    "contact_by_sms",
)


@transaction.atomic
def profile_update(*, user: User, request: HttpRequest, changes: dict[str, Any]) -> list[str]:
    """Apply profile changes; return the names of the fields that changed."""
    changed = [
        name for name in PROFILE_FIELDS if name in changes and getattr(user, name) != changes[name]
    ]
    if not changed:
        return []
    for name in changed:
        setattr(user, name, changes[name])
    user.save(update_fields=changed)
    # Field names only: the new values are personal data and stay out of the log.
    audit_record(
        action="accounts.profile.updated", request=request, actor=user, data={"fields": changed}
    )
    return changed
