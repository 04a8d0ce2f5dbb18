"""Celery tasks. They take ids, not objects, and are safe to run twice:
``delivery_attempt`` claims the delivery before sending."""

from __future__ import annotations

from celery import shared_task

from bawaba.notifications.actions import delivery_attempt, outbox_sweep


@shared_task(name="bawaba.notifications.tasks.deliver", ignore_result=True)
def deliver(delivery_id: str) -> str:
    return delivery_attempt(delivery_id)


@shared_task(name="bawaba.notifications.tasks.sweep_outbox", ignore_result=True)
def sweep_outbox() -> int:
    return outbox_sweep()
