"""The payer's pages: start a payment (off to the gateway's hosted page), come
back from it, see a payment and its receipt, and list one's payments. And the
gateway's signed notifications, answered at once (the work goes to a task)."""

from __future__ import annotations

import contextlib
import logging
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from bawaba.core.tasks import task_hand_over
from bawaba.notifications.rendering import absolute_url
from bawaba.payments import actions, receipts, tasks
from bawaba.payments.constants import FailureReason, PaymentState, Source
from bawaba.payments.errors import PaymentError, PaymentMismatch
from bawaba.payments.gateways import (
    GatewayRefused,
    GatewayUnavailable,
    NotificationRefused,
    gateway_get,
)
from bawaba.payments.models import GatewayNotification, Payment, ProviderAccount
from bawaba.payments.selectors import (
    payment_get_for_payer,
    payment_list_for_payer,
    payment_remember,
)

logger = logging.getLogger(__name__)
HOME = (gettext_lazy("Home"), "catalogue:home")
MY_PAYMENTS = (gettext_lazy("Your payments"), "payments:list")


def _back(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@require_POST
def start(request: HttpRequest) -> HttpResponse:
    """Pay a payable: the form on its page posts its kind, its id and a key
    made when the page was shown, so that a double click is one payment."""
    kind = request.POST.get("kind", "")[:30]
    payable_id = request.POST.get("payable_id", "")[:64]
    key = request.POST.get("key", "")[:40] or uuid.uuid4().hex
    back = _back(request, reverse("catalogue:home"))
    email = request.POST.get("email", "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            messages.error(
                request,
                _("Enter an email address like name@example.com, or leave it empty."),
            )
            return redirect(back)
    try:
        payment = actions.payment_start(
            kind=kind,
            payable_id=payable_id,
            key=key,
            payer=request.user,
            payer_email=email,
            language=get_language() or "ar",
            return_path=back,
            request=request,
        )
        payment_remember(request, payment)
        url = actions.payment_checkout(
            payment=payment,
            return_url=absolute_url(reverse("payments:return", args=[payment.reference])),
            notify_url=absolute_url(
                reverse("payments_notify", args=[payment.account.public_id])  # type: ignore[union-attr]  # online payments have an account
            ),
        )
    except PaymentError as error:
        messages.error(request, str(error))
        return redirect(back)
    return redirect(url)


def _payment(request: HttpRequest, reference: str) -> Payment:
    payment = payment_get_for_payer(request, reference)
    if payment is None:
        raise Http404
    return payment


@require_GET
def payment_return(request: HttpRequest, reference: str) -> HttpResponse:
    """The payer is back from the gateway's page. What the address says is not
    trusted: the gateway is asked."""
    payment = _payment(request, reference)
    if payment.state in (PaymentState.CREATED, PaymentState.IN_PROGRESS):
        # When the gateway cannot be asked, the page says the payment is being
        # confirmed, and the sweeper settles it.
        with contextlib.suppress(GatewayUnavailable, GatewayRefused, PaymentMismatch):
            payment = actions.payment_settle(payment_id=payment.pk, source=Source.BROWSER)
    return redirect("payments:detail", reference=payment.reference)


@require_GET
def detail(request: HttpRequest, reference: str) -> HttpResponse:
    payment = _payment(request, reference)
    reason = ""
    if payment.state == PaymentState.FAILED or payment.state == PaymentState.CANCELLED:
        reason = str(
            dict(FailureReason.choices).get(payment.failure_reason, FailureReason.OTHER.label)
        )
    crumbs = [HOME, MY_PAYMENTS] if request.user.is_authenticated else [HOME]
    return render(
        request,
        "payments/payment_detail.html",
        {
            "payment": payment,
            "reason": reason,
            "can_retry": payment.state
            in (PaymentState.FAILED, PaymentState.CANCELLED, PaymentState.EXPIRED)
            and payment.channel == "online",
            "retry_key": uuid.uuid4().hex,
            "breadcrumbs": [*crumbs, (payment.reference, None)],
        },
    )


@require_GET
def receipt(request: HttpRequest, reference: str) -> HttpResponseBase:
    payment = _payment(request, reference)
    if not payment.paid:
        raise Http404
    pdf = receipts.receipt_pdf(payment)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="receipt-{payment.reference}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def payment_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(payment_list_for_payer(request.user), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "payments/payment_list.html",
        {"page_obj": page, "breadcrumbs": [HOME, (MY_PAYMENTS[0], None)]},
    )


def _settle_later(payment: Payment) -> None:
    # With the broker away, the sweeper settles it later.
    task_hand_over(
        tasks.settle,
        str(payment.pk),
        Source.NOTIFICATION,
        failure="payments.settle_not_queued",
        payment=payment.reference,
    )


@csrf_exempt
@require_POST
def notify(request: HttpRequest, account_id: uuid.UUID) -> HttpResponse:
    """A gateway's signed notification about one of its checkouts. Answered
    within the request: verified (signature, timestamp, fields), recorded once
    by its delivery id, and settled by a task that asks the gateway itself.
    A bad one gets a 400 and changes nothing."""
    account = ProviderAccount.objects.filter(public_id=account_id).first()
    if account is None:
        return HttpResponse(status=404)
    body = request.body
    try:
        notification = gateway_get(account.gateway).notification_verify(
            account, body, request.headers
        )
    except (NotificationRefused, KeyError) as error:
        logger.warning(
            "payments.notification_refused",
            extra={"account": str(account.public_id), "reason": str(error)[:100]},
        )
        return HttpResponse(status=400)
    status = notification.status
    payment = Payment.objects.filter(reference=status.order_reference, account=account).first()
    if payment is None or status.amount_fils != payment.amount_fils or status.currency != "BHD":
        logger.warning(
            "payments.notification_refused",
            extra={"account": str(account.public_id), "reason": "no such payment or amount"},
        )
        return HttpResponse(status=400)
    try:
        with transaction.atomic():
            GatewayNotification.objects.create(
                account=account,
                delivery_id=notification.delivery_id,
                payment=payment,
                body=body.decode("utf-8", "replace")[:20000],
            )
            transaction.on_commit(lambda: _settle_later(payment))
    except IntegrityError:
        pass  # the same delivery again: already recorded
    return HttpResponse(status=200)
