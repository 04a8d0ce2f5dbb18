"""Portal administrators choose each provider's payment gateway and merchant
account here (the secret stays in the environment); every change is written
to the audit log. Payments are shown read-only: they change only through the
payments app's actions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from bawaba.core.audit import audit_record
from bawaba.core.forms import NamedRequiredMixin
from bawaba.payments.models import Payment, ProviderAccount


class ProviderAccountForm(NamedRequiredMixin, forms.ModelForm[ProviderAccount]):
    gateway = forms.ChoiceField(label=_("payment gateway"), choices=())

    class Meta:
        model = ProviderAccount
        fields = ("organisation", "gateway", "merchant_id", "is_active")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only the gateways this installation switches on (PAYMENTS_GATEWAYS).
        gateway = self.fields["gateway"]
        assert isinstance(gateway, forms.ChoiceField)  # noqa: S101  # declared above
        gateway.choices = [(name, name) for name in settings.PAYMENTS_GATEWAYS]


@admin.register(ProviderAccount)
class ProviderAccountAdmin(admin.ModelAdmin[ProviderAccount]):
    form = ProviderAccountForm
    list_display = ("organisation", "gateway", "merchant_id", "is_active", "has_secret")
    list_filter = ("gateway", "is_active")
    search_fields = ("merchant_id", "organisation__name_en", "organisation__name_ar")
    raw_id_fields = ("organisation",)
    readonly_fields = ("public_id",)

    @admin.display(boolean=True, description=_("secret set"))
    def has_secret(self, account: ProviderAccount) -> bool:
        return bool(account.secret)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # payments point at it: switch it off instead

    def save_model(
        self, request: HttpRequest, obj: ProviderAccount, form: Any, change: bool
    ) -> None:
        super().save_model(request, obj, form, change)
        audit_record(
            action=f"payments.account.{'changed' if change else 'added'}",
            request=request,
            data={"account": str(obj.public_id), "gateway": obj.gateway, "active": obj.is_active},
        )


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin[Payment]):
    list_display = ("reference", "organisation", "kind", "amount_fils", "state", "created_at")
    list_filter = ("state", "channel", "kind", "needs_refund")
    search_fields = ("reference", "transaction_id")
    date_hierarchy = "created_at"
    show_full_result_count = False

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [field.name for field in Payment._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.method in ("GET", "HEAD")

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


# Billers and the notices they never acknowledged.
from bawaba.payments import bill_admin  # noqa: E402, F401
