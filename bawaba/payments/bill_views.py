"""Pay a bill or fine by reference, with or without signing in: choose the
biller, type the reference (and for a fine the owner's CPR number), see what
is owed and pay it on the gateway's page. A signed-in person also sees the
accounts and fines billers hold under their own CPR number."""

from __future__ import annotations

import uuid

from allauth.core.internal import ratelimit
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bawaba.catalogue.limits import too_many
from bawaba.payments import bill_actions
from bawaba.payments.bill_forms import REFERENCE_LIMIT, BillLookupForm, reference_normalise
from bawaba.payments.bills import KIND
from bawaba.payments.errors import BillError
from bawaba.payments.models import Bill
from bawaba.payments.selectors import (
    bill_accounts_for_person,
    bill_get_for_viewer,
    bill_payment_latest,
    bill_remember,
    biller_get_active,
    biller_list_active,
)

HOME = (gettext_lazy("Home"), "catalogue:home")
PAY_A_BILL = (gettext_lazy("Pay a bill or fine"), "bills:start")
# Lookups per client address, signed in or not: loose enough for the many
# people behind one operator's address, tight enough to stop guessing.
RATE_LIMITS = {"bill_lookup": "30/10m/ip"}


def over_limit(request: HttpRequest) -> bool:
    usage = ratelimit.consume(
        request, app="bawaba.payments", action="bill_lookup", config=RATE_LIMITS, limit_get=True
    )
    return usage is None


@require_GET
def start(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "payments/bills/start.html",
        {"billers": list(biller_list_active()), "breadcrumbs": [HOME, (PAY_A_BILL[0], None)]},
    )


@require_http_methods(["GET", "POST"])
def lookup(request: HttpRequest, code: str) -> HttpResponse:
    biller = biller_get_active(code)
    if biller is None:
        raise Http404
    if request.method == "POST":
        if over_limit(request):
            return too_many(request)
        form = BillLookupForm(request.POST, biller=biller)
        if form.is_valid():
            try:
                bill = bill_actions.bill_lookup(
                    biller=biller,
                    reference=form.cleaned_data["reference"],
                    cpr=form.cleaned_data.get("cpr", ""),
                    payer=request.user,
                    request=request,
                )
            except BillError as error:
                form.add_error(None, str(error))
            else:
                bill_remember(request, bill)
                return redirect("bills:bill", bill_id=bill.pk)
    else:
        form = BillLookupForm(biller=biller)
    return render(
        request,
        "payments/bills/lookup.html",
        {
            "biller": biller,
            "form": form,
            "breadcrumbs": [HOME, PAY_A_BILL, (biller.organisation.name, None)],
        },
    )


def _bill(request: HttpRequest, bill_id: uuid.UUID) -> Bill:
    bill = bill_get_for_viewer(request, bill_id)
    if bill is None:
        raise Http404
    return bill


@require_GET
def bill_detail(request: HttpRequest, bill_id: uuid.UUID) -> HttpResponse:
    bill = _bill(request, bill_id)
    language = get_language() or "ar"
    items = [
        {
            "label": item.get("label_ar" if language == "ar" else "label_en")
            or item.get("label_en")
            or "",
            "when": item.get("period") or item.get("date") or "",
            "amount": item.get("amount") if isinstance(item.get("amount"), int) else None,
        }
        for item in bill.items
        if isinstance(item, dict)
    ]
    return render(
        request,
        "payments/bills/bill_detail.html",
        {
            "bill": bill,
            "items": items,
            "payment": bill_payment_latest(bill),
            "kind": KIND,
            "key": uuid.uuid4().hex,
            "breadcrumbs": [HOME, PAY_A_BILL, (bill.reference, None)],
        },
    )


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    crumbs = [HOME, PAY_A_BILL, (gettext_lazy("Your bills and fines"), None)]
    return render(
        request,
        "payments/bills/mine.html",
        {
            "has_cpr": bool(getattr(request.user, "cpr", "")),
            "billers": bill_accounts_for_person(request.user),
            "breadcrumbs": crumbs,
        },
    )


@login_required
@require_POST
def mine_pay(request: HttpRequest) -> HttpResponse:
    """Pay one of the person's own accounts or fines (listed on ``mine``):
    looked up again with the CPR number of their account."""
    biller = biller_get_active(request.POST.get("biller", ""))
    reference = reference_normalise(request.POST.get("reference", "")[:200])
    if biller is None or not reference or len(reference) > REFERENCE_LIMIT:
        raise Http404
    if over_limit(request):
        return too_many(request)
    try:
        bill = bill_actions.bill_lookup(
            biller=biller,
            reference=reference,
            cpr=request.user.cpr,  # type: ignore[union-attr]  # login_required: a User
            payer=request.user,
            request=request,
        )
    except BillError as error:
        messages.error(request, str(error))
        return redirect(reverse("bills:mine"))
    return redirect("bills:bill", bill_id=bill.pk)
