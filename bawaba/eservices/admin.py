from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from bawaba.eservices.models import EService, EServiceDefinition, IssuedDocument


class DefinitionInline(admin.TabularInline[EServiceDefinition, EService]):
    model = EServiceDefinition
    fields = ["version", "state", "available_from", "author", "decided_by", "decided_at"]
    readonly_fields = ["version", "state", "available_from", "author", "decided_by", "decided_at"]
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(EService)
class EServiceAdmin(admin.ModelAdmin[EService]):
    """Providers' approvers pause, reopen and retire their e-services on their
    own pages; here portal administrators can also bring back a retired one.
    Definition versions go through the four-eyes workflow, so they are
    read-only here, and an e-service (with its versions) cannot be deleted."""

    list_display = ["service", "paused", "retired_at"]
    list_filter = ["paused"]
    search_fields = ["service__slug", "service__title_ar", "service__title_en"]
    fields = ["service", "paused", "pause_message_ar", "pause_message_en", "retired_at"]
    readonly_fields = ["service"]
    inlines = [DefinitionInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(admin.ModelAdmin[IssuedDocument]):
    """Revoking an issued document (set "revoked") shows on its public verify page."""

    list_display = ["verification_code", "title_en", "issued_at", "revoked_at"]
    search_fields = ["verification_code", "application__reference"]
    fields = ["verification_code", "application", "title_ar", "title_en", "issued_at", "revoked_at"]
    readonly_fields = ["verification_code", "application", "title_ar", "title_en", "issued_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
