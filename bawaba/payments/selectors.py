"""Reads of payments, always scoped to who asks: the payer (or the browser
that paid without signing in), or the provider's finance staff. Not found and
not allowed look the same."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest

from bawaba.payments.billers import BillerRefused, BillerUnavailable, BillLookup, biller_adapter
from bawaba.payments.constants import PAID_STATES
from bawaba.payments.models import Bill, Biller, BillerNotice, Payment, ProviderAccount

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
    return account_for(organisation_id) is not None


def account_for(organisation_id: int) -> ProviderAccount | None:
    """The provider's active payment account on a gateway this installation
    switches on, or None: then its fees are paid at its counter."""
    return (
        ProviderAccount.objects.filter(
            organisation_id=organisation_id,
            is_active=True,
            gateway__in=settings.PAYMENTS_GATEWAYS,
        )
        .order_by("pk")
        .first()
    )


# -- bills and fines ------------------------------------------------------------
# The bills this browser looked up without signing in.
BILLS_SESSION_KEY = "payments.bills"


def biller_list_active() -> QuerySet[Biller]:
    return (
        Biller.objects.filter(is_active=True, organisation__is_active=True)
        .select_related("organisation", "service")
        .order_by("organisation__name_en", "code")
    )


def biller_get_active(code: str) -> Biller | None:
    return biller_list_active().filter(code=code[:40]).first()


def bill_remember(request: HttpRequest, bill: Bill) -> None:
    mine = list(request.session.get(BILLS_SESSION_KEY, []))
    if str(bill.pk) not in mine:
        request.session[BILLS_SESSION_KEY] = [*mine[-49:], str(bill.pk)]


def bill_get_for_viewer(request: HttpRequest, bill_id: Any) -> Bill | None:
    """The bill, if the person asking looked it up: the signed-in person it
    was looked up by, or the browser that looked it up without signing in."""
    bill = Bill.objects.select_related("biller__organisation").filter(pk=bill_id).first()
    if bill is None:
        return None
    user = getattr(request, "user", None)
    if bill.payer_id is not None:
        return bill if user is not None and user.pk == bill.payer_id else None
    return bill if str(bill.pk) in request.session.get(BILLS_SESSION_KEY, []) else None


def bill_payment_latest(bill: Bill) -> Payment | None:
    return payments_for_payable("bill", str(bill.pk)).first()


@dataclass(frozen=True)
class BillerAccounts:
    """One biller's accounts and fines of a person, or that it did not answer."""

    biller: Biller
    accounts: list[BillLookup]
    unavailable: bool = False


def bill_accounts_for_person(user: Any) -> list[BillerAccounts]:
    """What each active biller says the person (by the CPR number of their
    account) owes; a biller that does not answer is listed as such."""
    cpr = getattr(user, "cpr", "") or ""
    if not cpr:
        return []
    found = []
    for biller in biller_list_active():
        try:
            accounts = biller_adapter(biller.adapter).accounts_of(biller.code, cpr)
        except (BillerUnavailable, BillerRefused, KeyError):
            found.append(BillerAccounts(biller=biller, accounts=[], unavailable=True))
            continue
        if accounts:
            found.append(BillerAccounts(biller=biller, accounts=accounts))
    return found


def biller_notice_list_dead() -> QuerySet[BillerNotice]:
    """Notices the billers never acknowledged: for staff to follow up."""
    return (
        BillerNotice.objects.filter(dead_at__isnull=False, acknowledged_at__isnull=True)
        .select_related("bill__biller", "payment")
        .order_by("-dead_at")
    )
