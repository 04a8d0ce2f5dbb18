"""Refunds: money given back on a paid payment by the provider's finance
staff, in full or in part.

A refund is asked for with a reason (``refund_request``). At or below
``PAYMENTS_REFUND_SECOND_PERSON_FILS`` it is sent to the gateway at once;
above it, it waits for a second member of the provider's finance staff
(``refund_confirm``; the person who asked cannot, and the database refuses it
too) or is cancelled (``refund_cancel``). Sending happens outside any lock
(it is a network call) with the refund's id as the gateway's idempotency key,
so a refund sent twice (a retry, ``refund_retry``, after the portal lost the
answer) is refunded once. Only the gateway's success is recorded: the
payment's refunded amount, its move to partly refunded or refunded, the
payable told, the payer told, the audit row. A gateway that is down or
refuses leaves the payment as it was and the refund failed with the reason."""

from __future__ import annotations

import logging
import uuid
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from bawaba.cases.actions import case_lock
from bawaba.core.audit import audit_record
from bawaba.core.money import format_dinars
from bawaba.core.text import text_box_errors
from bawaba.payments.actions import payment_move, payment_tell
from bawaba.payments.constants import Channel, RefundState, Source
from bawaba.payments.errors import PaymentError, RefundError
from bawaba.payments.gateways import (
    GatewayRefused,
    GatewayUnavailable,
    gateway_get,
    gateways_registered,
)
from bawaba.payments.models import Payment, Refund
from bawaba.payments.payables import payable_kind
from bawaba.payments.staff_selectors import SENDING, is_finance_staff, refunds_reserved_fils

logger = logging.getLogger(__name__)

REASON_MAX_LENGTH = 1000

# What a failed refund's ``failure`` code means, for the page.
FAILURES = {
    SENDING: gettext_lazy(
        "Sent to the payment gateway, but its answer was not recorded. Send it again: "
        "the gateway refunds it only once."
    ),
    "gateway_unavailable": gettext_lazy("The payment gateway was not answering."),
    "amount_too_large": gettext_lazy("The payment gateway says this is more than can be refunded."),
    "refused": gettext_lazy("The payment gateway refused the refund."),
}


def _stale() -> RefundError:
    return RefundError(
        _("Someone changed this payment since you opened it. Check it and try again."),
        code="payments.stale",
    )


def _not_allowed() -> RefundError:
    return RefundError(_("This payment cannot be refunded."), code="payments.refund_not_allowed")


def refund_online_possible(payment: Payment) -> bool:
    """Whether the payment can be refunded through its gateway (a payment
    taken at the counter is refunded there)."""
    return (
        payment.channel == Channel.ONLINE
        and payment.account_id is not None
        and payment.gateway in gateways_registered()
        and bool(payment.checkout_id)
    )


def refundable_now_fils(payment: Payment) -> int:
    """What can still be asked for: the amount not yet refunded less what
    refunds not yet answered hold back."""
    return max(payment.refundable_fils - refunds_reserved_fils(payment), 0)


def refund_request(
    *,
    payment: Payment,
    amount_fils: int,
    reason: str,
    actor: Any,
    revision: int | None = None,
    request: HttpRequest | None = None,
) -> Refund:
    """Ask for ``amount_fils`` of ``payment`` back, for ``reason``, as the
    payment was at ``revision`` (the form's; a payment changed since is
    refused as stale). Sent at once at or below the second-person
    amount (the refund returned is then succeeded, or a RefundError says why
    not); above it the refund waits for a colleague."""
    reason = (reason or "").strip()
    if not reason:
        raise RefundError(_("Enter the reason for the refund."), code="payments.refund_reason")
    problems = text_box_errors(reason, REASON_MAX_LENGTH)
    if problems:
        raise RefundError(problems[0], code="payments.refund_reason")
    if not is_finance_staff(actor, payment.organisation_id):
        raise _not_allowed()
    if not refund_online_possible(payment):
        raise RefundError(
            _(
                "This payment was taken at the provider's counter, so it cannot be refunded "
                "online. Refund it at the counter."
            ),
            code="payments.refund_counter",
        )
    if amount_fils <= 0:
        raise RefundError(
            _("Enter an amount of more than BD 0.000."), code="payments.refund_amount"
        )
    needs_second_person = amount_fils > settings.PAYMENTS_REFUND_SECOND_PERSON_FILS
    with transaction.atomic():
        locked = case_lock(
            Payment.objects.all(), pk=payment.pk, revision=revision, stale=lambda _p: _stale()
        )
        if not locked.paid:
            raise _not_allowed()
        most = refundable_now_fils(locked)
        if amount_fils > most:
            raise RefundError(
                _("The most you can refund on this payment now is %(amount)s.")
                % {"amount": format_dinars(most, translation_language())},
                code="payments.refund_too_much",
            )
        refund = Refund.objects.create(
            payment=locked,
            amount_fils=amount_fils,
            reason=reason,
            requested_by=actor,
            state=RefundState.AWAITING_CONFIRMATION if needs_second_person else RefundState.FAILED,
            failure="" if needs_second_person else SENDING,
        )
        # Another form on the page now shows an outdated refundable amount.
        locked.revision += 1
        locked.save(update_fields=["revision", "updated_at"])
        audit_record(
            action="payments.refund.requested",
            request=request,
            actor=actor,
            data={
                "payment": locked.reference,
                "refund": str(refund.pk),
                "amount_fils": amount_fils,
                "needs_second_person": needs_second_person,
            },
        )
    if needs_second_person:
        return refund
    return _send(refund.pk, actor=actor, request=request)


def refund_confirm(
    *, refund_id: uuid.UUID, actor: Any, request: HttpRequest | None = None
) -> Refund:
    """A second member of the provider's finance staff confirms a refund
    that waits for one, and it is sent."""
    with transaction.atomic():
        refund = _lock_refund(refund_id, actor)
        if refund.state != RefundState.AWAITING_CONFIRMATION:
            raise RefundError(
                _("This refund is not waiting for confirmation any more."),
                code="payments.refund_state",
            )
        if refund.requested_by_id == getattr(actor, "pk", None):
            raise RefundError(
                _(
                    "You asked for this refund, so another member of the finance staff "
                    "must confirm it."
                ),
                code="payments.refund_four_eyes",
            )
        refund.confirmed_by = actor
        refund.state = RefundState.FAILED
        refund.failure = SENDING
        try:
            with transaction.atomic():
                refund.save(update_fields=["confirmed_by", "state", "failure"])
        except IntegrityError as error:  # the four-eyes constraint
            raise RefundError(
                _(
                    "You asked for this refund, so another member of the finance staff "
                    "must confirm it."
                ),
                code="payments.refund_four_eyes",
            ) from error
        audit_record(
            action="payments.refund.confirmed",
            request=request,
            actor=actor,
            data={"refund": str(refund.pk), "payment": refund.payment.reference},
        )
    return _send(refund.pk, actor=actor, request=request)


def refund_retry(*, refund_id: uuid.UUID, actor: Any, request: HttpRequest | None = None) -> Refund:
    """Send a failed refund again (same idempotency key: never refunded twice)."""
    with transaction.atomic():
        refund = _lock_refund(refund_id, actor)
        if refund.state != RefundState.FAILED:
            raise RefundError(_("This refund cannot be sent again."), code="payments.refund_state")
        if refund.failure != SENDING:
            payment = case_lock(Payment.objects.all(), pk=refund.payment_id)
            if refund.amount_fils > refundable_now_fils(payment):
                raise RefundError(
                    _("The most you can refund on this payment now is %(amount)s.")
                    % {
                        "amount": format_dinars(
                            refundable_now_fils(payment), translation_language()
                        )
                    },
                    code="payments.refund_too_much",
                )
            refund.failure = SENDING
            refund.save(update_fields=["failure"])
    return _send(refund_id, actor=actor, request=request)


def refund_cancel(
    *, refund_id: uuid.UUID, actor: Any, request: HttpRequest | None = None
) -> Refund:
    """Drop a refund that waits for a second person, or one that failed."""
    with transaction.atomic():
        refund = _lock_refund(refund_id, actor)
        cancellable = refund.state == RefundState.AWAITING_CONFIRMATION or (
            refund.state == RefundState.FAILED and refund.failure != SENDING
        )
        if not cancellable:
            raise RefundError(_("This refund cannot be cancelled."), code="payments.refund_state")
        refund.state = RefundState.CANCELLED
        refund.save(update_fields=["state"])
        payment = case_lock(Payment.objects.all(), pk=refund.payment_id)
        payment.revision += 1
        payment.save(update_fields=["revision", "updated_at"])
        audit_record(
            action="payments.refund.cancelled",
            request=request,
            actor=actor,
            data={"refund": str(refund.pk), "payment": payment.reference},
        )
    return refund


def translation_language() -> str:
    return "ar" if get_language() == "ar" else "en"


def _lock_refund(refund_id: uuid.UUID, actor: Any) -> Refund:
    try:
        refund = case_lock(Refund.objects.select_related("payment"), pk=refund_id)
    except Refund.DoesNotExist as error:
        raise _not_allowed() from error
    if not is_finance_staff(actor, refund.payment.organisation_id):
        raise _not_allowed()
    return refund


def _send(refund_id: uuid.UUID, *, actor: Any, request: HttpRequest | None) -> Refund:
    """Ask the gateway for the refund (outside any transaction: a network
    call), then record its answer. Raises RefundError when it failed."""
    refund = Refund.objects.select_related("payment", "payment__account").get(pk=refund_id)
    payment = refund.payment
    if payment.account is None or not refund_online_possible(payment):
        raise _not_allowed()
    try:
        result = gateway_get(payment.gateway).refund(
            payment.account, payment, amount_fils=refund.amount_fils, reference=str(refund.pk)
        )
    except (GatewayUnavailable, GatewayRefused) as error:
        unavailable = isinstance(error, GatewayUnavailable)
        code = "gateway_unavailable" if unavailable else _refusal_code(str(error))
        _failed(refund, code, actor=actor, request=request, detail=str(error))
        if unavailable:
            raise RefundError(
                _(
                    "The payment gateway is not answering at the moment, so nothing was "
                    "refunded. Please try again in a few minutes."
                ),
                code="payments.gateway_unavailable",
            ) from error
        raise RefundError(
            _("The payment gateway refused the refund, so nothing was refunded: %(why)s")
            % {"why": FAILURES[code]},
            code="payments.refund_refused",
        ) from error
    if result.amount_fils != refund.amount_fils:
        # Never record another amount than the one asked for: reconciliation shows it.
        _failed(refund, "refused", actor=actor, request=request, detail="amount differs")
        raise RefundError(
            _("The payment gateway answered with another amount. Nothing was recorded."),
            code="payments.refund_mismatch",
        )
    return _record(refund.pk, gateway_refund_id=result.refund_id, actor=actor, request=request)


def _refusal_code(detail: str) -> str:
    return "amount_too_large" if "amount_too_large" in detail else "refused"


def _failed(
    refund: Refund, code: str, *, actor: Any, request: HttpRequest | None, detail: str
) -> None:
    logger.warning(
        "payments.refund_failed",
        extra={"refund": str(refund.pk), "failure": code, "error": detail[:200]},
    )
    with transaction.atomic():
        locked = case_lock(Refund.objects.all(), pk=refund.pk)
        if locked.state == RefundState.FAILED and locked.failure == SENDING:
            locked.failure = code
            locked.save(update_fields=["failure"])
        audit_record(
            action="payments.refund.failed",
            request=request,
            actor=actor,
            data={"refund": str(refund.pk), "payment": refund.payment.reference, "failure": code},
        )


def _record(
    refund_id: uuid.UUID, *, gateway_refund_id: str, actor: Any, request: HttpRequest | None
) -> Refund:
    """Record a refund the gateway made: once, whoever records it first."""
    with transaction.atomic():
        refund = case_lock(Refund.objects.all(), pk=refund_id)
        payment = case_lock(Payment.objects.select_related("payer"), pk=refund.payment_id)
        if refund.state == RefundState.SUCCEEDED:
            return refund
        payment.refunded_fils += refund.amount_fils
        fully = payment.refunded_fils >= payment.amount_fils
        if fully:
            payment.needs_refund = False
        try:
            payment_move(
                payment,
                "refund",
                source=Source.STAFF,
                actor=actor,
                facts={"fully_refunded": fully},
                data={
                    "refund": str(refund.pk),
                    "amount_fils": refund.amount_fils,
                    "gateway_refund_id": gateway_refund_id[:100],
                },
            )
        except PaymentError:
            logger.error(
                "payments.refund_not_recorded",
                extra={"refund": str(refund.pk), "payment": payment.reference},
            )
            raise
        refund.state = RefundState.SUCCEEDED
        refund.failure = ""
        refund.gateway_refund_id = gateway_refund_id[:100]
        refund.completed_at = timezone.now()
        refund.save(update_fields=["state", "failure", "gateway_refund_id", "completed_at"])
        try:
            kind = payable_kind(payment.kind)
        except KeyError:
            kind = None
        if kind is not None:
            kind.refunded(payment, refund.amount_fils)
        _tell_refunded(payment, refund)
        audit_record(
            action="payments.refund.succeeded",
            request=request,
            actor=actor,
            data={
                "payment": payment.reference,
                "refund": str(refund.pk),
                "amount_fils": refund.amount_fils,
                "refunded_fils": payment.refunded_fils,
            },
        )
    return refund


def _tell_refunded(payment: Payment, refund: Refund) -> None:
    """The payer reads how much was given back, in their language."""
    payment_tell(payment, "payment.refunded", f"payment.refunded:{refund.pk}", refund.amount_fils)
