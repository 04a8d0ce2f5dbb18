from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from bawaba.notifications.models import SandboxSms


@admin.register(SandboxSms)
class SandboxSmsAdmin(admin.ModelAdmin[SandboxSms]):
    """Developers and testers read the sandbox's messages here."""

    list_display = ["created_at", "to", "text", "encoding", "segments"]
    search_fields = ["to", "reference", "text"]
    readonly_fields = ["created_at", "to", "text", "reference", "encoding", "segments"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
