"""Portal administrators manage the taxonomy, add new (unpublished) service
pages for a provider, and can read every service and every version of it. What
a service page says is written and published only through the four-eyes
workflow in the back office: here it is read-only, so that nobody, however
privileged, publishes text that a second person has not approved."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from bawaba.catalogue.cache import catalogue_changed
from bawaba.catalogue.models import (
    Audience,
    Category,
    LifeEvent,
    PageFeedback,
    ProviderRevision,
    Service,
    ServiceRevision,
)


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


class ReviewedContentAdmin(admin.ModelAdmin[Any]):
    """Content that goes through four-eyes review: read-only for everyone."""

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return super().get_readonly_fields(request, obj)
        return [field.name for field in self.model._meta.get_fields() if field.concrete]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Service)
class ServiceAdmin(ReviewedContentAdmin):
    """A new service starts here as an unpublished page of its provider, with
    only its address and working title; the provider's editors write it and an
    approver publishes it in the back office."""

    list_display = ["title_en", "title_ar", "provider", "is_published", "availability", "review_by"]
    list_filter = ["is_published", "availability", "provider", "categories"]
    search_fields = ["title_en", "title_ar", "slug"]
    list_select_related = ["provider"]
    prepopulated_fields = {"slug": ("title_en",)}
    ADD_FIELDS = ["provider", "slug", "title_ar", "title_en"]

    def get_fields(self, request: HttpRequest, obj: Service | None = None) -> Any:
        return self.ADD_FIELDS if obj is None else super().get_fields(request, obj)

    def get_prepopulated_fields(self, request: HttpRequest, obj: Any = None) -> dict[str, Any]:
        return dict(self.prepopulated_fields) if obj is None else {}

    def save_model(self, request: HttpRequest, obj: Service, form: Any, change: bool) -> None:
        if change:  # never: changing is not allowed here
            raise PermissionDenied
        obj.is_published = False
        super().save_model(request, obj, form, change)


@admin.register(ServiceRevision)
class ServiceRevisionAdmin(ReviewedContentAdmin):
    list_display = ["service", "state", "author", "decided_by", "created_at"]
    list_filter = ["state"]
    list_select_related = ["service", "author", "decided_by"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(ProviderRevision)
class ProviderRevisionAdmin(ReviewedContentAdmin):
    list_display = ["provider", "state", "author", "decided_by", "created_at"]
    list_filter = ["state"]
    list_select_related = ["provider", "author", "decided_by"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(PageFeedback)
class PageFeedbackAdmin(admin.ModelAdmin[PageFeedback]):
    list_display = ["service", "useful", "created_at", "is_resolved"]
    list_filter = ["useful", "is_resolved", "language"]
    search_fields = ["service__title_en", "problem"]
    list_select_related = ["service"]
