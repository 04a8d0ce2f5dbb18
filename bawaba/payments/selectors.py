"""Reads of payments, always scoped to who asks: the payer (or the browser
that paid without signing in), or the provider's finance staff. Not found and
not allowed look the same."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest

from bawaba.payments.constants import PAID_STATES
from bawaba.payments.models import Payment

# The payments this browser made without signing in (bills paid by reference).
SESSION_KEY = "payments.mine"


def payment_remember(request: HttpRequest, payment: Payment) -> None:
    mine = list(request.session.get(SESSION_KEY, []))
    if str(payment.pk) not in mine:
        request.session[SESSION_KEY] = [*mine[-49:], str(payment.pk)]


def payment_get_for_payer(request: HttpRequest, reference: str) -> Payment | None:
    """The payment ``reference`` names, if the person asking made it."""
    payment = (
        Payment.objects.select_related("organisation", "account")
        .filter(reference=reference)
        .first()
    )
    if payment is None:
        return None
    user = getattr(request, "user", None)
    if payment.payer_id is not None:
        return payment if user is not None and user.pk == payment.payer_id else None
    return payment if str(payment.pk) in request.session.get(SESSION_KEY, []) else None


def payment_list_for_payer(user: Any) -> QuerySet[Payment]:
    """A person's payments, newest first, across providers."""
    return Payment.objects.filter(payer=user).select_related("organisation").order_by("-created_at")


def receipt_for_code(code: str) -> Payment | None:
    """The paid payment whose receipt carries verification ``code``."""
    return (
        Payment.objects.select_related("organisation")
        .filter(receipt_code=code, state__in=PAID_STATES)
        .first()
    )


def payments_for_payable(kind: str, payable_id: str) -> QuerySet[Payment]:
    return Payment.objects.filter(kind=kind, payable_id=payable_id).order_by("-created_at")


def takes_payments_online(organisation_id: int) -> bool:
    """Whether the provider takes payments online (else at its counter)."""
    from bawaba.payments.actions import account_for

    return account_for(organisation_id) is not None
