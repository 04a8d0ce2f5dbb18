"""URL patterns of the finance staff's pages (/<lang>/staff/payments/)."""

from django.urls import URLPattern, URLResolver, path

from bawaba.payments import staff_views

app_name = "staff_payments"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", staff_views.payment_list, name="list"),
    path("reconciliation/", staff_views.reconciliation_page, name="reconciliation"),
    path(
        "reconciliation/<uuid:account_id>/<str:day>.csv",
        staff_views.reconciliation_csv,
        name="reconciliation_csv",
    ),
    path("<str:reference>/", staff_views.payment_detail, name="detail"),
    path("<str:reference>/refunds/", staff_views.refund_request, name="refund"),
    path(
        "<str:reference>/refunds/<uuid:refund_id>/<str:action>/",
        staff_views.refund_act,
        name="refund_act",
    ),
]
