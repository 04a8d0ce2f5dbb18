"""Portal administrators manage the taxonomy and can see every service; content
changes by providers go through the four-eyes workflow in the back office."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from bawaba.catalogue.cache import catalogue_changed
from bawaba.catalogue.models import (
    Audience,
    Category,
    LifeEvent,
    PageFeedback,
    Service,
    ServiceRevision,
)
from bawaba.catalogue.search import services_reindex


class TaxonomyAdmin(admin.ModelAdmin):  # shared by three models
    list_display = ["name_en", "name_ar", "slug", "position"]
    search_fields = ["name_en", "name_ar", "slug"]
    prepopulated_fields = {"slug": ("name_en",)}
    ordering = ["position", "slug"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        catalogue_changed()


admin.site.register(Audience, TaxonomyAdmin)
admin.site.register(Category, TaxonomyAdmin)
admin.site.register(LifeEvent, TaxonomyAdmin)


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin[Service]):
    list_display = ["title_en", "title_ar", "provider", "is_published", "availability", "review_by"]
    list_filter = ["is_published", "availability", "provider", "categories"]
    search_fields = ["title_en", "title_ar", "slug"]
    list_select_related = ["provider"]
    filter_horizontal = ["audiences", "categories", "life_events", "related"]
    readonly_fields = ["last_reviewed_on", "last_reviewed_by", "created_at", "updated_at"]

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        services_reindex(
            Service.objects.filter(pk=form.instance.pk)
            .select_related("provider")
            .prefetch_related("categories")
        )
        catalogue_changed()


@admin.register(ServiceRevision)
class ServiceRevisionAdmin(admin.ModelAdmin[ServiceRevision]):
    list_display = ["service", "state", "author", "decided_by", "created_at"]
    list_filter = ["state"]
    readonly_fields = [
        "service",
        "state",
        "data",
        "author",
        "submitted_at",
        "decided_by",
        "decided_at",
        "note",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(PageFeedback)
class PageFeedbackAdmin(admin.ModelAdmin[PageFeedback]):
    list_display = ["service", "useful", "created_at", "is_resolved"]
    list_filter = ["useful", "is_resolved", "language"]
    search_fields = ["service__title_en", "problem"]
    list_select_related = ["service"]
