from __future__ import annotations

from typing import Any, cast

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from bawaba.accounts.actions import IDENTITY_FIELDS, identity_correct
from bawaba.accounts.constants import AccountKind
from bawaba.accounts.forms import IdentityNumbersMixin
from bawaba.accounts.models import PROVIDER_PAGE_FIELDS, Membership, Organisation, User
from bawaba.core.forms import NamedRequiredMixin


class StaffCreationForm(NamedRequiredMixin, AdminUserCreationForm):
    """Administrators create staff accounts here; customers register themselves."""

    class Meta:
        model = User
        fields = ("email", "name_ar", "name_en")

    def save(self, commit: bool = True) -> Any:
        user = super().save(commit=False)
        user.kind = AccountKind.STAFF
        if commit:
            user.save()
        return user


class AccountChangeForm(IdentityNumbersMixin, NamedRequiredMixin, UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        # Documents are issued in a customer's registered name: it cannot be emptied.
        if cleaned.get("kind") != AccountKind.STAFF and not (
            cleaned.get("name_ar") or cleaned.get("name_en")
        ):
            self.add_error("name_en", _("Enter the full name in Arabic, in English, or both."))
        return cleaned


class MembershipInline(admin.TabularInline[Membership, Any]):
    model = Membership
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = AccountChangeForm
    add_form = StaffCreationForm
    ordering = ["email"]
    list_display = ["email", "name_en", "name_ar", "kind", "is_active", "is_staff"]
    list_filter = ["kind", "residency", "is_active", "is_staff"]
    search_fields = ["email", "name_en", "name_ar"]
    readonly_fields = ["last_login", "date_joined"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (
            _("Registered name and identity"),
            {
                "fields": IDENTITY_FIELDS,
                "description": _(
                    "Correct these only when the person asks through the contact centre and "
                    "their smart card or passport shows the right details. Every correction "
                    "is written to the audit log."
                ),
            },
        ),
        (_("Contact"), {"fields": ("mobile", "preferred_language")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "name_ar", "name_en", "password1", "password2"),
            },
        ),
    )

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        if change:
            # The registered name and identity go through the action that
            # records the correction; the rest of the account is saved as usual.
            identity_correct(
                account=obj,
                changes={
                    name: value
                    for name, value in form.cleaned_data.items()
                    if name in IDENTITY_FIELDS
                },
                corrected_by=cast(User, request.user),
                request=request,
            )
        super().save_model(request, obj, form, change)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    """Administrators create organisations, name them, switch them off and give
    people roles in them. What the provider's public page says (its description
    and how to reach it) goes through four-eyes review in the back office, so
    it is read-only here."""

    list_display = ["name_en", "name_ar", "kind", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name_en", "name_ar", "slug"]
    prepopulated_fields = {"slug": ("name_en",)}
    readonly_fields = list(PROVIDER_PAGE_FIELDS)
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    list_display = ["user", "organisation", "role"]
    list_filter = ["role", "organisation"]
    autocomplete_fields = ["user", "organisation"]
