"""Who may do what with a provider's catalogue content. Everything is scoped to
the organisations the staff member belongs to; anything else is a 404."""

from __future__ import annotations

from django.db.models import QuerySet

from bawaba.accounts.constants import Role
from bawaba.accounts.models import Organisation, User

CONTENT_ROLES = (Role.EDITOR, Role.APPROVER)


def content_organisations(user: User) -> QuerySet[Organisation]:
    """Organisations whose catalogue pages the user may see in the back office."""
    return Organisation.objects.filter(
        memberships__user=user, memberships__role__in=CONTENT_ROLES, is_active=True
    ).distinct()


def can_edit(user: User, organisation: Organisation) -> bool:
    return user.memberships.filter(organisation=organisation, role=Role.EDITOR).exists()


def can_approve(user: User, organisation: Organisation) -> bool:
    return user.memberships.filter(organisation=organisation, role=Role.APPROVER).exists()
