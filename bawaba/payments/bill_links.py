""" "Pay now" on the catalogue page of a service that a biller's bills are
paid through (``Biller.service``), added through the catalogue's page
extras registry."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from bawaba.catalogue.page_extras import service_extra_register
from bawaba.payments.selectors import biller_for_service


def service_pay_now(service: Any) -> str:
    biller = biller_for_service(service)
    if biller is None:
        return ""
    return render_to_string(
        "payments/bills/extra_pay_now.html",
        {"url": reverse("bills:lookup", args=[biller.code]), "label": _("Pay now")},
    )


def register_pay_now_links() -> None:
    service_extra_register(service_pay_now)
