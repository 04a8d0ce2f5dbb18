""" "Pay now" on the catalogue page of a service that a biller's bills are
paid through (``Biller.service``), added through the catalogue's page
extras registry."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from bawaba.catalogue.cache import catalogue_cached, catalogue_changed
from bawaba.catalogue.page_extras import service_extra_register
from bawaba.payments.models import Biller
from bawaba.payments.selectors import biller_list_active

# Kept per catalogue version: a biller's change bumps it (below).
CODES_TIMEOUT = 3600


def biller_codes_by_service() -> dict[int, str]:
    """The code of the biller each catalogue service's bills are paid through:
    one cached read for every service page instead of a query each."""

    def read() -> dict[int, str]:
        codes: dict[int, str] = {}
        active = biller_list_active().filter(service__isnull=False)
        for service_id, code in active.values_list("service_id", "code"):
            codes.setdefault(service_id, code)  # the first in the active list's order
        return codes

    return catalogue_cached("payments:pay-now", read, CODES_TIMEOUT)


def service_pay_now(service: Any) -> str:
    code = biller_codes_by_service().get(service.pk)
    if code is None:
        return ""
    return render_to_string(
        "payments/bills/extra_pay_now.html",
        {"url": reverse("bills:lookup", args=[code]), "label": _("Pay now")},
    )


def _biller_changed(**_kwargs: Any) -> None:
    # A biller taking payments or not, or moved to another service, changes
    # which catalogue pages offer "Pay now".
    transaction.on_commit(catalogue_changed)


def register_pay_now_links() -> None:
    service_extra_register(service_pay_now)
    post_save.connect(_biller_changed, sender=Biller, dispatch_uid="payments.pay_now.biller")
    post_delete.connect(_biller_changed, sender=Biller, dispatch_uid="payments.pay_now.biller_del")
