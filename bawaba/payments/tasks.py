"""Celery tasks of payments. They take ids and are safe to run twice."""

from __future__ import annotations

import contextlib
from typing import Any

from celery import shared_task
from django.utils import timezone

from bawaba.payments.actions import payment_settle, payments_sweep
from bawaba.payments.bill_actions import (
    biller_notice_attempt,
    biller_notices_redrive,
    bills_prune,
)
from bawaba.payments.errors import PaymentMismatch
from bawaba.payments.gateways import GatewayUnavailable


@shared_task(
    name="bawaba.payments.tasks.settle",
    ignore_result=True,
    autoretry_for=(GatewayUnavailable,),
    retry_backoff=5,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=6,
)
def settle(payment_id: str, source: str) -> None:
    """Ask the gateway about a payment it told us of, and settle it. A gateway
    that does not answer is asked again; after the last try the sweeper
    (``sweep``) still finds the payment open."""
    with contextlib.suppress(PaymentMismatch):  # logged and audited; nothing changes
        payment_settle(payment_id=payment_id, source=source)


@shared_task(name="bawaba.payments.tasks.sweep", ignore_result=True)
def sweep() -> tuple[int, int]:
    return payments_sweep()


@shared_task(name="bawaba.payments.tasks.tell_biller", bind=True, ignore_result=True)
def tell_biller(self: Any, notice_id: int) -> None:
    """Tell a biller of a payment. A biller that does not answer is tried
    again when the notice's next try is due (exponential back-off), by this
    task's retry and, should it be lost, by the beat's ``tell_billers_due``."""
    notice = biller_notice_attempt(notice_id=notice_id)
    if notice is None or not notice.pending or notice.next_attempt_at is None:
        return
    if self.request.is_eager:
        return  # run inline (tests, no broker): the re-drive tries it when due
    wait = (notice.next_attempt_at - timezone.now()).total_seconds()
    raise self.retry(countdown=max(wait, 1.0), max_retries=None)


@shared_task(name="bawaba.payments.tasks.tell_billers_due", ignore_result=True)
def tell_billers_due() -> int:
    return biller_notices_redrive()


@shared_task(name="bawaba.payments.tasks.prune_bills", ignore_result=True)
def prune_bills() -> tuple[int, int]:
    return bills_prune()
