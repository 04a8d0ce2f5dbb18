from __future__ import annotations

from celery import shared_task

from bawaba.eservices.actions import drafts_expire


@shared_task(name="bawaba.eservices.tasks.expire_drafts", ignore_result=True)
def expire_drafts() -> tuple[int, int]:
    return drafts_expire()
