"""Addresses gateways call, outside the language prefixes."""

from django.urls import path

from bawaba.payments import views

urlpatterns = [
    path("<uuid:account_id>/", views.notify, name="payments_notify"),
]
