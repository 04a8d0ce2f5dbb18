"""Celery tasks of e-services. They take ids and are safe to run twice."""

from __future__ import annotations

from celery import shared_task

from bawaba.eservices.actions import drafts_expire
from bawaba.eservices.issuing import document_issue_for, documents_issue_missing
from bawaba.eservices.payment import unpaid_expire


@shared_task(name="bawaba.eservices.tasks.expire_drafts", ignore_result=True)
def expire_drafts() -> tuple[int, int]:
    return drafts_expire()


@shared_task(name="bawaba.eservices.tasks.expire_unpaid", ignore_result=True)
def expire_unpaid() -> tuple[int, int]:
    return unpaid_expire()


@shared_task(
    name="bawaba.eservices.tasks.issue_document",
    ignore_result=True,
    # A failure (the database or the file store away a moment) is tried
    # again, waiting longer each time; after the last try the sweeper
    # (issue_missing_documents) still finds the approval without its document.
    autoretry_for=(Exception,),
    retry_backoff=30,
    retry_backoff_max=900,
    retry_jitter=True,
    max_retries=5,
)
def issue_document(application_id: str) -> None:
    """Render and keep the document of an approved application (safe to run twice)."""
    document_issue_for(application_id)


@shared_task(name="bawaba.eservices.tasks.issue_missing_documents", ignore_result=True)
def issue_missing_documents() -> int:
    return documents_issue_missing()
