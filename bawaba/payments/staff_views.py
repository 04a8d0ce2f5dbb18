"""The provider's finance pages: the payments of the organisations where the
member of staff holds the finance role (a filtered list, a page a cursor at
a time), a payment with its history and refunds, the refund form, and
reconciliation with the gateway's settlement report. Anyone else (customers,
staff without the finance role there, a portal administrator who is not
finance staff) gets a 404, on every page and every form."""

from __future__ import annotations

import datetime
import re
import uuid
from typing import Any, cast
from urllib.parse import quote, urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_GET, require_POST

from bawaba.accounts.models import Organisation, User
from bawaba.core.audit import audit_record
from bawaba.core.identifiers import normalise_digits, typed_date
from bawaba.payments import reconciliation, refunds
from bawaba.payments.constants import Channel, PaymentState, RefundState
from bawaba.payments.errors import PaymentError
from bawaba.payments.gateways import GatewayRefused, GatewayUnavailable
from bawaba.payments.models import Payment, ProviderAccount
from bawaba.payments.payables import payable_kinds
from bawaba.payments.staff_forms import RefundForm
from bawaba.payments.staff_selectors import (
    PaymentFilters,
    finance_accounts,
    finance_organisation_ids,
    payment_get_for_finance,
    payment_history,
    payment_list_for_finance,
    refund_get_for_finance,
    refund_list,
)

_WORKSPACE = (gettext_lazy("Staff workspace"), "staff:workspace")
_PAYMENTS = (gettext_lazy("Payments"), "staff_payments:list")
# The history's actions in words (an action not named here shows its code).
_ACTIONS = {
    "created": gettext_lazy("Payment started"),
    "begin": gettext_lazy("Sent to the payment gateway's page"),
    "succeed": pgettext_lazy("payment history", "Paid"),
    "succeeded_late": gettext_lazy("Paid after the portal had given up on it"),
    "fail": pgettext_lazy("payment history", "Not paid"),
    "cancel": gettext_lazy("Cancelled on the payment page"),
    "expire": pgettext_lazy("payment history", "Expired"),
    "recorded": gettext_lazy("Recorded at the counter"),
    "refunded": gettext_lazy("Money refunded"),
    "flagged_for_refund": gettext_lazy("Flagged to be refunded"),
}
# Reconciliation's words for its fields and row types.
_FIELDS = {
    "amount_fils": gettext_lazy("Amount"),
    "fee_fils": gettext_lazy("Fee"),
    "status": gettext_lazy("State"),
    "transaction_id": gettext_lazy("Gateway transaction id"),
}
_KINDS = {"payment": gettext_lazy("Payment"), "refund": gettext_lazy("Refund")}
# Stands for a payment's reference in its page's address, reversed once per list.
_REFERENCE = "PAY-REFERENCE"
# The colour of a payment's state tag (as payments/_state_tag.html has it).
_STATE_COLOURS: dict[str, str] = {
    PaymentState.SUCCEEDED: "green",
    PaymentState.FAILED: "red",
    PaymentState.CANCELLED: "red",
    PaymentState.EXPIRED: "red",
    PaymentState.CREATED: "yellow",
    PaymentState.IN_PROGRESS: "yellow",
}
# What may stand in a download's file name.
_SAFE = re.compile(r"[^A-Za-z0-9_-]")
_REFUND_ACTIONS = {
    "confirm": refunds.refund_confirm,
    "cancel": refunds.refund_cancel,
    "retry": refunds.refund_retry,
}


def _list_rows(payments: list[Payment]) -> list[dict[str, Any]]:
    """The list's rows with their page's address, their state's and channel's
    words and the state tag's colour, each word translated and the address
    reversed once per page rather than once per row (``get_state_display``
    hashes every choice on each call): 50 rows through per-row includes,
    display methods and reverse() cost more than the page's queries."""
    # One reverse() for the page: a reference is letters, digits and hyphens.
    detail = reverse("staff_payments:detail", args=[_REFERENCE])
    states = {value: str(label) for value, label in PaymentState.choices}
    channels = {value: str(label) for value, label in Channel.choices}
    return [
        {
            "payment": payment,
            "url": detail.replace(_REFERENCE, quote(payment.reference, safe="")),
            "state": states.get(payment.state, payment.state),
            "colour": _STATE_COLOURS.get(payment.state, "blue"),
            "channel": channels.get(payment.channel, payment.channel),
        }
        for payment in payments
    ]


def _require_finance(request: HttpRequest) -> tuple[User, list[int]]:
    user = cast(User, request.user)
    organisations = finance_organisation_ids(user)
    if not organisations:
        raise Http404
    return user, organisations


def _filters(
    request: HttpRequest, organisations: list[int]
) -> tuple[PaymentFilters, dict[str, Any]]:
    """The list's filters from the address, and what to show back in the form
    (with the message of a date that is not one)."""
    get = request.GET
    since_text = get.get("from", "").strip()[:40]
    until_text = get.get("to", "").strip()[:40]
    organisation_text = normalise_digits(get.get("organisation", "").strip())[:20]
    organisation = int(organisation_text) if organisation_text.isdigit() else None
    if organisation is not None and organisation not in organisations:
        organisation = None
    filters = PaymentFilters(
        state=get.get("state", "")[:30],
        kind=get.get("kind", "").replace("\x00", "")[:30],
        channel=get.get("channel", "")[:10],
        organisation=organisation,
        since=typed_date(since_text),
        until=typed_date(until_text),
        search=get.get("q", "").replace("\x00", "")[:100],
        needs_refund=get.get("needs_refund") == "1",
    )
    date_error = _("Enter a date, for example 31/12/2026.")
    shown = {
        "state": filters.state,
        "kind": filters.kind,
        "channel": filters.channel,
        "organisation": organisation,
        "from": since_text,
        "to": until_text,
        "q": filters.search,
        "needs_refund": filters.needs_refund,
        "from_error": date_error if since_text and filters.since is None else "",
        "to_error": date_error if until_text and filters.until is None else "",
    }
    return filters, shown


@login_required
@require_GET
def payment_list(request: HttpRequest) -> HttpResponse:
    user, organisations = _require_finance(request)
    filters, shown = _filters(request, organisations)
    cursor = request.GET.get("after", "")[:200]
    page = payment_list_for_finance(user=user, filters=filters, cursor=cursor)
    kept = {
        key: value
        for key, value in request.GET.items()
        if key != "after"
        and value
        and key in {"state", "kind", "channel", "organisation", "from", "to", "q", "needs_refund"}
    }
    next_url = "?" + urlencode({**kept, "after": page.next_cursor}) if page.next_cursor else ""
    first_url = "?" + urlencode(kept) if cursor else ""
    title = _("Payments")
    return render(
        request,
        "payments/staff/payment_list.html",
        {
            "title": title,
            "rows": _list_rows(page.rows),
            "next_url": next_url,
            "first_url": first_url,
            "filters": shown,
            "states": PaymentState.choices,
            "channels": Channel.choices,
            "kinds": sorted(payable_kinds()),
            "organisations": list(
                Organisation.objects.filter(pk__in=organisations).order_by("name_en")
            )
            if len(organisations) > 1
            else [],
            "breadcrumbs": [_WORKSPACE, (title, None)],
        },
    )


def _payment(user: User, reference: str) -> Payment:
    payment = payment_get_for_finance(user=user, reference=reference)
    if payment is None:
        raise Http404
    return payment


def _detail_page(
    request: HttpRequest,
    user: User,
    payment: Payment,
    *,
    form: RefundForm | None = None,
    status: int = 200,
) -> HttpResponse:
    online = refunds.refund_online_possible(payment)
    refundable = refunds.refundable_now_fils(payment) if payment.paid else 0
    rows = refund_list(payment)
    audit_record(
        action="payments.payment.opened",
        request=request,
        actor=user,
        data={"payment": payment.reference},
    )
    return render(
        request,
        "payments/staff/payment_detail.html",
        {
            "payment": payment,
            "events": [
                {"event": event, "action": _ACTIONS.get(event.action, "")}
                for event in payment_history(payment)
            ],
            "refunds": [
                {
                    "refund": refund,
                    "failure": refunds.FAILURES.get(refund.failure, refund.failure)
                    if refund.state == RefundState.FAILED
                    else "",
                    "may_confirm": refund.state == RefundState.AWAITING_CONFIRMATION
                    and refund.requested_by_id != user.pk,
                    "may_cancel": refund.state == RefundState.AWAITING_CONFIRMATION
                    or (refund.state == RefundState.FAILED and refund.failure != refunds.SENDING),
                    "may_retry": refund.state == RefundState.FAILED,
                }
                for refund in rows
            ],
            "online": online,
            "refundable": refundable,
            "refund_form": form if form is not None else RefundForm(),
            "second_person_fils": settings.PAYMENTS_REFUND_SECOND_PERSON_FILS,
            # The base layout's error summary lists the errors of ``form``.
            "form": form,
            "breadcrumbs": [_WORKSPACE, _PAYMENTS, (payment.reference, None)],
        },
        status=status,
    )


@login_required
@require_GET
def payment_detail(request: HttpRequest, reference: str) -> HttpResponse:
    user, _organisations = _require_finance(request)
    return _detail_page(request, user, _payment(user, reference))


def _posted_revision(request: HttpRequest) -> int:
    try:
        return int(normalise_digits(request.POST.get("revision", ""))[:20])
    except ValueError:
        return -1


def _refunded_message(payment: Payment) -> str:
    if payment.payer_id is not None or payment.payer_email:
        return _("Refunded. The payer has been told.")
    return _("Refunded. The payer paid without an account or an email address, so cannot be told.")


@login_required
@require_POST
def refund_request(request: HttpRequest, reference: str) -> HttpResponse:
    user, _organisations = _require_finance(request)
    payment = _payment(user, reference)
    form = RefundForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, user, payment, form=form, status=400)
    try:
        refund = refunds.refund_request(
            payment=payment,
            amount_fils=form.cleaned_data["amount"],
            reason=form.cleaned_data["reason"],
            actor=user,
            revision=_posted_revision(request),
            request=request,
        )
    except PaymentError as error:
        form.refused(error.code, str(error))
        status = 409 if error.code == "payments.stale" else 400
        if error.code in ("payments.gateway_unavailable", "payments.refund_refused"):
            status = 503 if error.code == "payments.gateway_unavailable" else 400
        return _detail_page(request, user, _payment(user, reference), form=form, status=status)
    if refund.state == RefundState.AWAITING_CONFIRMATION:
        messages.success(
            request,
            _(
                "Refund asked for. Another member of the finance staff must confirm it "
                "before it is sent."
            ),
        )
    else:
        messages.success(request, _refunded_message(payment))
    return redirect("staff_payments:detail", reference=payment.reference)


@login_required
@require_POST
def refund_act(
    request: HttpRequest, reference: str, refund_id: uuid.UUID, action: str
) -> HttpResponse:
    user, _organisations = _require_finance(request)
    payment = _payment(user, reference)
    if action not in _REFUND_ACTIONS:
        raise Http404
    if refund_get_for_finance(user=user, payment=payment, refund_id=refund_id) is None:
        raise Http404
    if _posted_revision(request) != payment.revision:
        messages.error(
            request,
            _("Someone changed this payment since you opened it. Check it and try again."),
        )
        return redirect("staff_payments:detail", reference=payment.reference)
    try:
        refund = _REFUND_ACTIONS[action](refund_id=refund_id, actor=user, request=request)
    except PaymentError as error:
        messages.error(request, str(error))
    else:
        if refund.state == RefundState.CANCELLED:
            messages.success(request, _("The refund was cancelled."))
        else:
            messages.success(request, _refunded_message(payment))
    return redirect("staff_payments:detail", reference=payment.reference)


def _today() -> datetime.date:
    return timezone.localdate()


def _account(user: User, account_id: uuid.UUID) -> ProviderAccount:
    account = finance_accounts(user).filter(public_id=account_id).first()
    if account is None:
        raise Http404
    return account


@login_required
@require_GET
def reconciliation_page(request: HttpRequest) -> HttpResponse:
    """Each of the user's accounts on one day: the portal's totals beside
    the gateway's settlement report, and every row that differs."""
    user, _organisations = _require_finance(request)
    day_text = request.GET.get("day", "").strip()[:40]
    day = typed_date(day_text) if day_text else _today()
    accounts = []
    if day is not None:
        for account in finance_accounts(user):
            portal = reconciliation.portal_rows(account, day)
            try:
                gateway = reconciliation.gateway_rows(account, day)
            except (GatewayUnavailable, GatewayRefused, KeyError):
                accounts.append({"account": account, "portal": portal, "unavailable": True})
                continue
            comparison = reconciliation.compare(portal, gateway)
            accounts.append(
                {
                    "account": account,
                    "comparison": comparison,
                    "mismatches": _mismatches(comparison),
                }
            )
    title = _("Reconciliation")
    return render(
        request,
        "payments/staff/reconciliation.html",
        {
            "title": title,
            "day": day,
            "day_text": day_text or (day.isoformat() if day else ""),
            "day_error": _("Enter a date, for example 31/12/2026.") if day is None else "",
            "accounts": accounts,
            "breadcrumbs": [_WORKSPACE, _PAYMENTS, (title, None)],
        },
    )


def _status(status: str) -> str:
    try:
        return str(PaymentState(status).label)
    except ValueError:
        return status


def _side(row: reconciliation.SettlementRow | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {"amount": row.amount_fils, "fee": row.fee_fils, "status": _status(row.status)}


def _mismatches(comparison: reconciliation.Comparison) -> list[dict[str, Any]]:
    """The rows that do not match, in words: each with its reference, its
    type, what differs, and each side's amount, fee and state."""
    only_portal = str(_("Only in the portal"))
    only_gateway = str(_("Only in the gateway's report"))
    rows: list[dict[str, Any]] = []
    for row in comparison.only_portal:
        rows.append({"row": row, "what": only_portal, "portal": _side(row), "gateway": None})
    for row in comparison.only_gateway:
        rows.append({"row": row, "what": only_gateway, "portal": None, "gateway": _side(row)})
    for difference in comparison.differences:
        rows.append(
            {
                "row": difference.portal,
                "what": ", ".join(str(_FIELDS.get(name, name)) for name in difference.fields),
                "portal": _side(difference.portal),
                "gateway": _side(difference.gateway),
            }
        )
    for item in rows:
        item["kind"] = _KINDS.get(item["row"].kind, item["row"].kind)
    return rows


@login_required
@require_GET
def reconciliation_csv(request: HttpRequest, account_id: uuid.UUID, day: str) -> HttpResponse:
    """The portal's settlement rows of one account on one day, as CSV."""
    user, _organisations = _require_finance(request)
    account = _account(user, account_id)
    try:
        settled = datetime.date.fromisoformat(day)
    except ValueError as error:
        raise Http404 from error
    rows = reconciliation.portal_rows(account, settled)
    audit_record(
        action="payments.reconciliation.downloaded",
        request=request,
        actor=user,
        data={"account": str(account.public_id), "day": settled.isoformat()},
    )
    response = HttpResponse(
        reconciliation.csv_text(account, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="settlement-{_SAFE.sub("", account.merchant_id)[:40]}-'
        f'{settled.isoformat()}.csv"'
    )
    response["Cache-Control"] = "private, no-store"
    return response
