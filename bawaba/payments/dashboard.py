"""The payer's payments, and the bills and fines they looked up and have not
paid, on their dashboard (``bawaba.accounts.dashboard``): one query for the
payments, two for the bills, whatever they have. Nothing here asks a biller:
a bill is shown as it was when looked up (its page asks again on paying)."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from bawaba.accounts.dashboard import LIMIT, DashboardItem, dashboard_provider_register
from bawaba.payments.bill_actions import BILL_KIND
from bawaba.payments.constants import OPEN_STATES, PAID_STATES, BillerKind, PaymentState
from bawaba.payments.models import Bill, Payment
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
                amount_fils=payment.amount_fils,
                needs_action=payment.state in OPEN_STATES,
            )
        )
    return items


def bill_items(user: Any) -> list[DashboardItem]:
    """The bills and fines ``user`` looked up while signed in and has not paid.

    Only those looked up in the last ``PAYMENTS_BILL_LOOKUP_DAYS`` days: that
    is how long the portal keeps an unpaid lookup (``bills_prune``), and an
    older amount is likely out of date. Left out too: a bill of the same
    biller and reference paid after it was looked up (in another lookup), one
    whose payment is under way or made (the payment is on the dashboard
    already), and a biller that no longer takes payments. One item for each
    bill, from its latest lookup."""
    if not getattr(user, "pk", None):
        return []
    since = timezone.now() - datetime.timedelta(days=settings.PAYMENTS_BILL_LOOKUP_DAYS)
    paid_later = Bill.objects.filter(
        biller_id=OuterRef("biller_id"),
        reference=OuterRef("reference"),
        paid_at__gte=OuterRef("created_at"),
    )
    bills = list(
        Bill.objects.filter(
            payer_id=user.pk,
            paid_at__isnull=True,
            created_at__gte=since,
            biller__is_active=True,
        )
        .exclude(Exists(paid_later))
        .select_related("biller__organisation")
        .order_by("-created_at", "-pk")[:LIMIT]
    )
    if not bills:
        return []
    # Payable ids are strings: the bills' payments in a second query.
    taken = set(
        Payment.objects.filter(
            kind=BILL_KIND,
            payable_id__in=[str(bill.pk) for bill in bills],
            state__in=(*OPEN_STATES, *PAID_STATES),
        ).values_list("payable_id", flat=True)
    )
    seen: set[tuple[int, str]] = set()
    items = []
    for bill in bills:
        key = (bill.biller_id, bill.reference)
        if key in seen or str(bill.pk) in taken:
            seen.add(key)
            continue
        seen.add(key)
        fine = bill.biller.kind == BillerKind.FINE
        url = reverse("bills:bill", kwargs={"bill_id": bill.pk})
        items.append(
            DashboardItem(
                section="payments",
                kind=(
                    pgettext_lazy("dashboard kind", "Fine")
                    if fine
                    else pgettext_lazy("dashboard kind", "Bill")
                ),
                title=bill.biller.organisation.name,
                reference=bill.reference,
                status=pgettext_lazy("payment state", "Not paid"),
                colour="yellow",
                next_step=_("Pay this fine") if fine else _("Pay this bill"),
                next_url=url,
                url=url,
                when=bill.created_at,
                amount_fils=bill.amount_fils,
                needs_action=True,
            )
        )
    return items


def register_dashboard() -> None:
    dashboard_provider_register("payments.payments", payment_items)
    dashboard_provider_register("payments.bills", bill_items)
