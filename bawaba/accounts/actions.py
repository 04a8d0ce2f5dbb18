from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.http import HttpRequest

from bawaba.accounts.models import User
from bawaba.core.audit import audit_record

NAME_FIELDS = ("name_ar", "name_en")
PROFILE_FIELDS = (
    *NAME_FIELDS,
    "mobile",
    "address",
    "preferred_language",
    "contact_by_email",
    "contact_by_sms",
)
# What the account holder cannot change; an administrator corrects it.
IDENTITY_FIELDS = (*NAME_FIELDS, "kind", "residency", "cpr", "passport_number", "nationality")


def profile_fields(user: User) -> tuple[str, ...]:
    """The fields the account holder may change on their profile: a customer's
    name is the name as registered, so it is not among them."""
    if user.name_is_registered:
        return tuple(name for name in PROFILE_FIELDS if name not in NAME_FIELDS)
    return PROFILE_FIELDS


@transaction.atomic
def profile_update(*, user: User, request: HttpRequest, changes: dict[str, Any]) -> list[str]:
    """Apply profile changes; return the names of the fields that changed.
    Anything else in ``changes`` (a registered name posted by hand) is ignored."""
    changed = [
        name
        for name in profile_fields(user)
        if name in changes and getattr(user, name) != changes[name]
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


@transaction.atomic
def identity_correct(
    *,
    account: User,
    changes: Mapping[str, Any],
    corrected_by: User,
    request: HttpRequest | None = None,
) -> list[str]:
    """A portal administrator corrects an account's registered name or
    identity (the person asked through the contact centre); return the names
    of the fields that changed. One audit row names the account and those
    fields, never the old or new values."""
    current = User.objects.select_for_update().get(pk=account.pk)
    changed = [
        name
        for name in IDENTITY_FIELDS
        if name in changes and getattr(current, name) != changes[name]
    ]
    if not changed:
        return []
    for name in changed:
        setattr(current, name, changes[name])
        setattr(account, name, changes[name])
    current.save(update_fields=changed)
    audit_record(
        action="accounts.identity.corrected",
        request=request,
        actor=corrected_by,
        data={"account": str(account.pk), "fields": changed},
    )
    return changed
