"""The only code that changes payments.

A payment is started with an idempotency key (``payment_start``: the same key,
or another attempt at a payable that already has one open, gives the same
payment), sent to the gateway's hosted page (``payment_checkout``), and
settled from what the gateway says (``payment_settle``), whichever way the
news comes: the payer's return, the gateway's signed notification, or the
sweeper's status query. None is trusted alone: each asks the gateway for the
checkout's status and checks the amount, currency, merchant and reference
before anything changes. Duplicates and out-of-order news change nothing.

Every change is a move of ``workflow.MOVES`` made with the row locked, and
writes a ``PaymentEvent`` naming its source."""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from bawaba.cases.actions import case_lock, case_move
from bawaba.cases.references import verification_code_new
from bawaba.core.audit import audit_record
from bawaba.core.money import format_dinars
from bawaba.notifications.actions import Guest, notify
from bawaba.payments.constants import CURRENCY, OPEN_STATES, Channel, PaymentState, Source
from bawaba.payments.errors import PaymentError, PaymentMismatch
from bawaba.payments.gateways import (
    GatewayRefused,
    GatewayStatus,
    GatewayUnavailable,
    gateway_get,
)
from bawaba.payments.models import Payment, PaymentEvent
from bawaba.payments.payables import Payable, payable_kind
from bawaba.payments.references import reference_new
from bawaba.payments.selectors import account_for
from bawaba.payments.workflow import GAVE_UP, MOVES, OUTCOME_MOVES

logger = logging.getLogger(__name__)


def payment_event_record(
    payment: Payment,
    action: str,
    *,
    source: str,
    from_state: str,
    actor: Any = None,
    text: str = "",
    data: dict[str, Any] | None = None,
) -> PaymentEvent:
    return PaymentEvent.objects.create(
        payment=payment,
        action=action,
        from_state=from_state,
        state=payment.state,
        source=source,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        text=text,
        data=data or {},
    )


def payment_move(
    payment: Payment,
    move: str,
    *,
    source: str,
    actor: Any = None,
    text: str = "",
    data: dict[str, Any] | None = None,
    facts: dict[str, bool] | None = None,
) -> PaymentEvent:
    from_state = payment.state
    return case_move(
        payment,
        move,
        table=MOVES,
        facts=facts,
        refused=lambda _error: PaymentError(
            _("This payment cannot change now."), code="payments.state"
        ),
        record=lambda action: payment_event_record(
            payment,
            action,
            source=source,
            from_state=from_state,
            actor=actor,
            text=text,
            data=data,
        ),
    )


def _payable(kind: str, payable_id: str) -> Payable:
    try:
        payable = payable_kind(kind).get(payable_id)
    except KeyError:
        payable = None
    if payable is None or payable.amount_fils <= 0:
        raise PaymentError(_("There is nothing to pay here."), code="payments.nothing_to_pay")
    return payable


def payment_start(
    *,
    kind: str,
    payable_id: str,
    key: str,
    payer: Any = None,
    payer_email: str = "",
    language: str = "ar",
    return_path: str = "",
    request: HttpRequest | None = None,
) -> Payment:
    """The payment for one payable, created once: the same ``key`` (a double
    click) or another attempt while one is open (a second tab) gives the
    payment already there. The amount is the payable's, recomputed now."""
    payable = _payable(kind, payable_id)
    person = payer if getattr(payer, "is_authenticated", False) else None
    if payable.payer_id is not None and (person is None or person.pk != payable.payer_id):
        raise PaymentError(_("There is nothing to pay here."), code="payments.nothing_to_pay")
    account = account_for(payable.organisation_id)
    if account is None:
        raise PaymentError(
            _("This provider does not take payments online. Please pay at its counter."),
            code="payments.offline",
        )
    key = f"{kind}:{payable_id}:{key}"[:100]
    existing = _payment_for(key, kind, payable.id)
    if existing is not None and existing.amount_fils == payable.amount_fils:
        return existing
    try:
        with transaction.atomic():
            if existing is not None:
                # The amount owed changed since that attempt began: it is
                # abandoned, and the gateway's outcome on it is still recorded.
                stale = case_lock(Payment.objects.all(), pk=existing.pk)
                if stale.state in OPEN_STATES:
                    payment_move(stale, "expire", source=Source.PORTAL, text="amount changed")
            payment = Payment.objects.create(
                reference=reference_new(),
                idempotency_key=key,
                kind=kind,
                payable_id=payable.id,
                organisation_id=payable.organisation_id,
                account=account,
                payer=person,
                payer_email=payer_email,
                description_ar=payable.description["ar"][:300],
                description_en=payable.description["en"][:300],
                amount_fils=payable.amount_fils,
                currency=CURRENCY,
                language=language if language in ("ar", "en") else "ar",
                gateway=account.gateway,
                return_path=(payable.return_path or return_path)[:300],
            )
            payment_event_record(
                payment, "created", source=Source.PORTAL, from_state="", actor=person
            )
    except IntegrityError:
        # Another request (the other click, the other tab) made it first.
        winner = _payment_for(key, kind, payable.id)
        if winner is None:
            raise
        return winner
    audit_record(
        action="payments.payment.created",
        request=request,
        actor=person,
        data={"payment": payment.reference, "kind": kind, "amount_fils": payment.amount_fils},
    )
    return payment


def _payment_for(key: str, kind: str, payable_id: str) -> Payment | None:
    return (
        Payment.objects.filter(idempotency_key=key).first()
        or Payment.objects.filter(kind=kind, payable_id=payable_id, state__in=OPEN_STATES).first()
    )


def payment_checkout(*, payment: Payment, return_url: str, notify_url: str) -> str:
    """Where to send the payer to pay: the gateway's hosted page for this
    payment, asked for once. A gateway that is down leaves the payment as it
    was (nothing can have been charged) and raises a PaymentError the payer
    reads."""
    if payment.state == PaymentState.IN_PROGRESS and payment.checkout_url:
        return payment.checkout_url
    if payment.state != PaymentState.CREATED or payment.account is None:
        raise PaymentError(_("This payment cannot change now."), code="payments.state")
    gateway = gateway_get(payment.gateway)
    try:
        checkout = gateway.checkout_create(
            payment.account, payment, return_url=return_url, notify_url=notify_url
        )
    except (GatewayUnavailable, GatewayRefused) as error:
        logger.warning(
            "payments.gateway_unavailable",
            extra={"payment": payment.reference, "error": str(error)[:200]},
        )
        raise PaymentError(
            _(
                "The payment service is not answering at the moment, and nothing was taken. "
                "Please try again in a few minutes."
            ),
            code="payments.gateway_unavailable",
        ) from error
    with transaction.atomic():
        locked = case_lock(Payment.objects.all(), pk=payment.pk)
        if locked.state == PaymentState.CREATED:
            locked.checkout_id = checkout.checkout_id[:100]
            locked.checkout_url = checkout.redirect_url[:500]
            payment_move(
                locked,
                "begin",
                source=Source.PORTAL,
                data={"checkout_id": locked.checkout_id},
            )
        url = locked.checkout_url or checkout.redirect_url
    return url


def _check(payment: Payment, status: GatewayStatus) -> None:
    """Refuse news that is not about this payment as the portal made it."""
    account = payment.account
    problems = []
    if status.order_reference != payment.reference:
        problems.append("reference")
    if account is None or status.merchant_id != account.merchant_id:
        problems.append("merchant")
    if status.currency != payment.currency:
        problems.append("currency")
    if status.amount_fils != payment.amount_fils:
        problems.append("amount")
    if payment.checkout_id and status.checkout_id != payment.checkout_id:
        problems.append("checkout")
    if problems:
        logger.warning(
            "payments.mismatch",
            extra={"payment": payment.reference, "fields": ",".join(problems)},
        )
        mismatch = PaymentMismatch(_("The gateway's answer does not match this payment."))
        mismatch.fields = problems
        raise mismatch


def _status_data(status: GatewayStatus) -> dict[str, Any]:
    return {
        "status": status.status,
        "reason": status.reason,
        "transaction_id": status.transaction_id,
        "checkout_id": status.checkout_id,
    }


def payment_status(payment: Payment) -> GatewayStatus | None:
    """Ask the payment's gateway where its checkout stands (outside any
    transaction: it is a network call)."""
    if payment.account is None or not payment.gateway:
        return None
    return gateway_get(payment.gateway).status_query(payment.account, payment)


def payment_settle(*, payment_id: Any, source: str, status: GatewayStatus | None = None) -> Payment:
    """Bring a payment up to date with its gateway. ``status`` is what the
    gateway said (a status query is made when it is not given). Raises
    PaymentMismatch when the gateway speaks of another amount, currency,
    merchant or reference, and GatewayUnavailable when it cannot be asked."""
    payment = Payment.objects.select_related("account").get(pk=payment_id)
    if status is None:
        status = payment_status(payment)
    if status is None:
        return payment
    try:
        return _settle(payment_id, status, source)
    except PaymentMismatch as error:
        # Recorded outside the refused transaction, which changed nothing.
        audit_record(
            action="payments.payment.mismatch",
            data={"payment": payment.reference, "fields": error.fields},
        )
        raise


def _settle(payment_id: Any, status: GatewayStatus, source: str) -> Payment:
    with transaction.atomic():
        payment = case_lock(Payment.objects.select_related("account", "payer"), pk=payment_id)
        _check(payment, status)
        move = OUTCOME_MOVES.get(status.status)
        if status.status in ("partly_refunded", "refunded"):
            move = "succeed"  # it was paid before it was refunded
        if move is None:
            return payment  # still waiting on the gateway's page
        if payment.state in OPEN_STATES:
            pass
        elif move == "succeed" and payment.state in GAVE_UP:
            move = "succeed_late"
        else:
            return payment  # already settled: a duplicate, or older news
        if move in ("succeed", "succeed_late"):
            _succeed(payment, move, status, source)
        else:
            payment.failure_reason = (status.reason or "other")[:40]
            payment_move(payment, move, source=source, data=_status_data(status))
    return payment


def _succeed(payment: Payment, move: str, status: GatewayStatus, source: str) -> None:
    payment.transaction_id = status.transaction_id[:100]
    payment.fee_fils = status.fee_fils
    payment.succeeded_at = timezone.now()
    payment.receipt_code = verification_code_new()
    payment_move(payment, move, source=source, data=_status_data(status))
    _taken(payment, actor=None)


def _taken(payment: Payment, *, actor: Any) -> None:
    """Offer a paid payment to its payable; one that is no longer wanted is
    kept and flagged for a refund."""
    try:
        accepted = payable_kind(payment.kind).paid(payment, actor)
    except KeyError:
        accepted = False
    if not accepted:
        payment.needs_refund = True
        payment.save(update_fields=["needs_refund", "updated_at"])
        payment_event_record(
            payment,
            "flagged_for_refund",
            source=Source.PORTAL,
            from_state=payment.state,
            text="the payable no longer wanted the payment",
        )
        logger.warning("payments.flagged_for_refund", extra={"payment": payment.reference})
    audit_record(
        action="payments.payment.succeeded",
        actor=actor,
        data={
            "payment": payment.reference,
            "amount_fils": payment.amount_fils,
            "accepted": accepted,
        },
    )
    payment_tell_paid(payment)


def payment_tell_paid(payment: Payment) -> None:
    """The receipt message, once per payment, in the payer's language."""
    payment_tell(
        payment, "payment.succeeded", f"payment.succeeded:{payment.pk}", payment.amount_fils
    )


def payment_tell(payment: Payment, event: str, key: str, amount_fils: int) -> None:
    """Tell the payer about ``payment`` (an account holder in their inbox and
    as they chose; a payer without an account at the email address they gave,
    if any): ``event`` with the reference, ``amount_fils`` and what was paid,
    once per ``key``."""
    recipient: Any
    if payment.payer is not None:
        recipient = payment.payer
    elif payment.payer_email:
        recipient = Guest(email=payment.payer_email, preferred_language=payment.language)
    else:
        return
    notify(
        recipient=recipient,
        event=event,
        idempotency_key=key,
        values={
            "reference": payment.reference,
            "amount": {
                "ar": format_dinars(amount_fils, "ar"),
                "en": format_dinars(amount_fils, "en"),
            },
            "description": {"ar": payment.description_ar, "en": payment.description_en},
        },
        link="payments:detail",
        link_kwargs={"reference": payment.reference},
    )


@transaction.atomic
def payment_record_counter(
    *,
    kind: str,
    payable_id: str,
    amount_fils: int,
    receipt_number: str,
    actor: Any,
    request: HttpRequest | None = None,
) -> Payment:
    """Staff record a payment taken at the provider's counter (the receipt
    number they wrote). The amount must be what the payable owes."""
    payable = _payable(kind, payable_id)
    receipt_number = receipt_number.strip()
    if not receipt_number:
        raise PaymentError(
            _("Enter the receipt number of the payment."), code="payments.receipt_number"
        )
    if amount_fils != payable.amount_fils:
        raise PaymentError(_("The amount paid is not the amount owed."), code="payments.amount")
    payment = Payment.objects.create(
        reference=reference_new(),
        idempotency_key=f"{kind}:{payable_id}:counter:{receipt_number}"[:100],
        kind=kind,
        payable_id=payable.id,
        organisation_id=payable.organisation_id,
        payer_id=payable.payer_id,
        description_ar=payable.description["ar"][:300],
        description_en=payable.description["en"][:300],
        amount_fils=amount_fils,
        channel=Channel.COUNTER,
        transaction_id=receipt_number[:100],
        succeeded_at=timezone.now(),
        receipt_code=verification_code_new(),
    )
    payment_event_record(payment, "created", source=Source.STAFF, from_state="", actor=actor)
    payment_move(payment, "record", source=Source.STAFF, actor=actor)
    _taken(payment, actor=actor)
    return payment


def payments_sweep(*, now: datetime.datetime | None = None) -> tuple[int, int]:
    """The payments still open after ``PAYMENTS_QUERY_AFTER_MINUTES``: ask the
    gateway and settle them (a payer who closed the tab after paying, a lost
    notification); those still open after ``PAYMENTS_EXPIRE_AFTER_MINUTES``
    expire (the gateway's later word is still recorded). Returns (settled,
    expired)."""
    now = now or timezone.now()
    query_before = now - datetime.timedelta(minutes=settings.PAYMENTS_QUERY_AFTER_MINUTES)
    expire_before = now - datetime.timedelta(minutes=settings.PAYMENTS_EXPIRE_AFTER_MINUTES)
    settled = expired = 0
    open_ids = list(
        Payment.objects.filter(state__in=OPEN_STATES, created_at__lt=query_before)
        .order_by("created_at")
        .values_list("pk", flat=True)[:500]
    )
    for payment_id in open_ids:
        try:
            payment = payment_settle(payment_id=payment_id, source=Source.QUERY)
        except (GatewayUnavailable, GatewayRefused, PaymentMismatch) as error:
            logger.warning(
                "payments.sweep_query_failed",
                extra={"payment": str(payment_id), "error": str(error)[:200]},
            )
            continue
        if payment.state not in OPEN_STATES:
            settled += 1
        elif payment.created_at < expire_before:
            with transaction.atomic():
                locked = case_lock(Payment.objects.all(), pk=payment_id)
                if locked.state in OPEN_STATES:
                    payment_move(locked, "expire", source=Source.PORTAL)
                    expired += 1
    return settled, expired
