from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from bawaba.core.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin[AuditEvent]):
    list_display = ["created_at", "action", "actor", "ip_address"]
    list_filter = ["action"]
    search_fields = ["action", "actor__email", "request_id"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "created_at",
        "action",
        "actor",
        "ip_address",
        "user_agent",
        "request_id",
        "data",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
