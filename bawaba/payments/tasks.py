"""Celery tasks of payments. They take ids and are safe to run twice."""

from __future__ import annotations

import contextlib

from celery import shared_task

from bawaba.payments.actions import payment_settle, payments_sweep
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
