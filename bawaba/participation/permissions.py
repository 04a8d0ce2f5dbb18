"""Who may do what in the participation spaces. Every staff query is scoped
to the organisations the member of staff belongs to; anything else is a 404.

- A provider's editors write its consultations, blog posts and surveys, and
  its approvers (not the same person) publish them, as with service pages.
- A provider's moderators decide on the posts in its spaces; the portal's
  moderators decide on every provider's and on the portal's own queue, and
  are the only ones who block an account.
- Any member of a provider's staff may answer in a forum for the provider
  (an official answer, with a verified badge).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from bawaba.accounts.constants import Role
from bawaba.accounts.models import Organisation

WRITING_ROLES = (Role.EDITOR, Role.APPROVER)


def _signed_in(user: Any) -> bool:
    return bool(user is not None and getattr(user, "pk", None) and user.is_active)


def organisations_with_role(user: Any, *roles: str) -> QuerySet[Organisation]:
    """The active organisations where ``user`` holds one of ``roles``."""
    if not _signed_in(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=user, memberships__role__in=roles, is_active=True
    ).distinct()


def has_role(user: Any, organisation_id: int | None, *roles: str) -> bool:
    if not _signed_in(user) or organisation_id is None:
        return False
    return user.memberships.filter(
        organisation_id=organisation_id, organisation__is_active=True, role__in=roles
    ).exists()


def can_write(user: Any, organisation_id: int | None) -> bool:
    """May write drafts for the provider (an editor)."""
    return has_role(user, organisation_id, Role.EDITOR)


def can_approve(user: Any, organisation_id: int | None) -> bool:
    """May publish what another person wrote for the provider (an approver)."""
    return has_role(user, organisation_id, Role.APPROVER)


def is_portal_moderator(user: Any) -> bool:
    if not _signed_in(user):
        return False
    return user.memberships.filter(
        role=Role.PORTAL_MODERATOR, organisation__is_active=True
    ).exists()


def can_moderate(user: Any, organisation_id: int | None) -> bool:
    """May decide on posts in the provider's spaces (``None``: the portal's own)."""
    if is_portal_moderator(user):
        return True
    return has_role(user, organisation_id, Role.MODERATOR)


def official_organisations(user: Any) -> QuerySet[Organisation]:
    """The providers ``user`` may answer for in a forum: any staff role there."""
    if not _signed_in(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user, is_active=True).distinct()
