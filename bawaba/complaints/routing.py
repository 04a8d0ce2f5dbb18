"""Where a new case goes (charter C25): the first routing rule whose
conditions all hold, else the provider the case names, else the portal's
triage queue (no organisation)."""

from __future__ import annotations

from bawaba.accounts.models import Organisation
from bawaba.complaints.models import RoutingRule


def route(
    *,
    provider_id: int | None,
    service_id: int | None,
    kind: str,
    category_id: int | None,
) -> Organisation | None:
    """The active organisation that handles a case with these facts, or None (triage)."""
    rules = RoutingRule.objects.filter(handled_by__is_active=True).select_related("handled_by")
    for rule in rules:
        if rule.provider_id is not None and rule.provider_id != provider_id:
            continue
        if rule.service_id is not None and rule.service_id != service_id:
            continue
        if rule.kind and rule.kind != kind:
            continue
        if rule.category_id is not None and rule.category_id != category_id:
            continue
        return rule.handled_by
    if provider_id is None:
        return None
    return Organisation.objects.filter(pk=provider_id, is_active=True).first()
