"""Portal administrators keep the routing rules here; each change is written
to the audit log."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from bawaba.complaints.models import RoutingRule
from bawaba.core.audit import audit_record


def _record(request: HttpRequest, rule: RoutingRule, change: str) -> None:
    audit_record(
        action=f"complaints.routing_rule.{change}",
        request=request,
        data={"id": rule.pk, "rule": str(rule)},
    )


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin[RoutingRule]):
    list_display = ("order", "provider", "service", "kind", "category", "handled_by")
    list_filter = ("kind",)
    raw_id_fields = ("provider", "service", "category", "handled_by")

    def save_model(self, request: HttpRequest, obj: RoutingRule, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        _record(request, obj, "changed" if change else "added")

    def delete_model(self, request: HttpRequest, obj: RoutingRule) -> None:
        _record(request, obj, "deleted")
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[RoutingRule]) -> None:
        for rule in queryset:
            _record(request, rule, "deleted")
        super().delete_queryset(request, queryset)
