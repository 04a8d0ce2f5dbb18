"""Portal administrators keep the working calendar here. Each change is
written to the audit log; saving or deleting a row drops the cached calendar,
so the next deadline computed anywhere reads it."""

from __future__ import annotations

from typing import Any, TypeVar

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from bawaba.cases.models import Holiday, RamadanPeriod, Weekday, WorkingHours
from bawaba.core.audit import audit_record


def _record(request: HttpRequest, row: Model, change: str) -> None:
    audit_record(
        action=f"cases.{row._meta.model_name}.{change}",
        request=request,
        data={"id": row.pk, "row": str(row)},
    )


M = TypeVar("M", bound=Model)


class CalendarAdmin(admin.ModelAdmin[M]):
    def save_model(self, request: HttpRequest, obj: M, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        _record(request, obj, "changed" if change else "added")

    def delete_model(self, request: HttpRequest, obj: M) -> None:
        _record(request, obj, "deleted")
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[M]) -> None:
        for row in queryset:
            _record(request, row, "deleted")
        super().delete_queryset(request, queryset)


@admin.register(Holiday)
class HolidayAdmin(CalendarAdmin[Holiday]):
    list_display = ["day", "weekday", "name_en", "name_ar", "is_day_off", "source"]
    list_filter = ["is_day_off", "source"]
    search_fields = ["name_en", "name_ar", "reason"]
    date_hierarchy = "day"
    fields = ["day", "name_ar", "name_en", "is_day_off", "reason", "source", "changed_by"]
    readonly_fields = ["source", "changed_by"]

    @admin.display(description=_("day of the week"))
    def weekday(self, holiday: Holiday) -> str:
        return str(Weekday(holiday.day.weekday()).label)

    def save_model(self, request: HttpRequest, obj: Holiday, form: Any, change: bool) -> None:
        obj.changed_by = request.user  # type: ignore[assignment]  # the admin requires a signed-in user
        super().save_model(request, obj, form, change)


@admin.register(WorkingHours)
class WorkingHoursAdmin(CalendarAdmin[WorkingHours]):
    list_display = ["weekday", "opens", "closes", "in_ramadan", "organisation"]
    list_filter = ["in_ramadan", "organisation"]
    autocomplete_fields = ["organisation"]


@admin.register(RamadanPeriod)
class RamadanPeriodAdmin(CalendarAdmin[RamadanPeriod]):
    list_display = ["starts_on", "ends_on"]
