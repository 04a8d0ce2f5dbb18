"""The payer's payments on their dashboard (``bawaba.accounts.dashboard``):
one query whatever they have."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from bawaba.accounts.dashboard import LIMIT, DashboardItem, dashboard_provider_register
from bawaba.payments.constants import OPEN_STATES, PAID_STATES, PaymentState
from bawaba.payments.selectors import payment_list_for_payer

COLOURS: dict[str, str] = {
    PaymentState.SUCCEEDED: "green",
    PaymentState.FAILED: "red",
    PaymentState.CANCELLED: "red",
    PaymentState.EXPIRED: "red",
    PaymentState.CREATED: "yellow",
    PaymentState.IN_PROGRESS: "yellow",
}


def payment_items(user: Any) -> list[DashboardItem]:
    items = []
    for payment in payment_list_for_payer(user)[:LIMIT]:
        url = reverse("payments:detail", kwargs={"reference": payment.reference})
        next_step: str | Promise
        if payment.state in OPEN_STATES:
            next_step, next_url = _("Finish paying"), url
        elif payment.state in PAID_STATES:
            next_step = _("Download your receipt")
            next_url = reverse("payments:receipt", kwargs={"reference": payment.reference})
        else:
            next_step, next_url = "", ""
        items.append(
            DashboardItem(
                section="payments",
                kind=pgettext_lazy("dashboard kind", "Payment"),
                title=payment.description,
                reference=payment.reference,
                status=payment.get_state_display(),
                colour=COLOURS.get(payment.state, "blue"),
                next_step=next_step,
                next_url=next_url,
                url=url,
                when=payment.updated_at,
                needs_action=payment.state in OPEN_STATES,
            )
        )
    return items


def register_dashboard() -> None:
    dashboard_provider_register("payments.payments", payment_items)
