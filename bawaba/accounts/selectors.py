from __future__ import annotations

from django.db.models import QuerySet

from bawaba.accounts.models import Membership, User
from bawaba.core.models import AuditEvent


def audit_event_list_for_account(*, user: User) -> QuerySet[AuditEvent]:
    """The account owner's own security events, newest first."""
    return AuditEvent.objects.filter(actor=user).order_by("-created_at", "-id")


def membership_list_for_staff(*, user: User) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user, organisation__is_active=True)
        .select_related("organisation")
        .order_by("organisation__name_en", "role")
    )
