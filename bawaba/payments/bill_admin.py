"""Billers in the administration site, and the notices billers never
acknowledged (the dead-letter list), which staff can try again."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from bawaba.payments.bill_actions import biller_notice_retry_now
from bawaba.payments.models import Biller, BillerNotice


@admin.register(Biller)
class BillerAdmin(admin.ModelAdmin[Biller]):
    list_display = ("code", "organisation", "adapter", "kind", "owner_cpr_required", "is_active")
    list_filter = ("kind", "is_active", "adapter")
    search_fields = ("code", "organisation__name_en", "organisation__name_ar")
    autocomplete_fields = ("organisation",)
    raw_id_fields = ("service",)


class NoticeState(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [
            ("dead", _("Given up: needs staff")),
            ("pending", _("Still being tried")),
            ("acknowledged", _("Acknowledged")),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == "dead":
            return queryset.filter(dead_at__isnull=False, acknowledged_at__isnull=True)
        if self.value() == "pending":
            return queryset.filter(dead_at__isnull=True, acknowledged_at__isnull=True)
        if self.value() == "acknowledged":
            return queryset.filter(acknowledged_at__isnull=False)
        return queryset


@admin.register(BillerNotice)
class BillerNoticeAdmin(admin.ModelAdmin[BillerNotice]):
    list_display = (
        "payment",
        "bill",
        "attempts",
        "next_attempt_at",
        "acknowledged_at",
        "dead_at",
        "last_error",
    )
    list_filter = (NoticeState,)
    search_fields = ("payment__reference", "bill__reference", "acknowledgement")
    list_select_related = ("payment", "bill__biller")
    actions = ("retry_now",)
    readonly_fields = (
        "payment",
        "bill",
        "attempts",
        "next_attempt_at",
        "acknowledged_at",
        "acknowledgement",
        "last_error",
        "dead_at",
        "created_at",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("Tell the biller again now"), permissions=["change"])
    def retry_now(self, request: HttpRequest, queryset: QuerySet[BillerNotice]) -> None:
        count = sum(
            biller_notice_retry_now(notice=notice, actor=request.user, request=request)
            for notice in queryset
        )
        self.message_user(
            request,
            ngettext(
                "%(count)d notice will be tried again now.",
                "%(count)d notices will be tried again now.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
