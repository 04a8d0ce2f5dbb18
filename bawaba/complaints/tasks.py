"""Celery tasks of complaints. They are safe to run twice."""

from __future__ import annotations

from celery import shared_task

from bawaba.complaints.escalation import deadlines_check
from bawaba.complaints.report import report_warm


@shared_task(name="bawaba.complaints.tasks.check_deadlines", ignore_result=True)
def check_deadlines() -> tuple[int, int, int]:
    """Remind of deadlines near and escalate missed ones (every 15 minutes)."""
    counts = deadlines_check()
    return counts.reminded, counts.escalated_once, counts.escalated_twice


@shared_task(name="bawaba.complaints.tasks.warm_report", ignore_result=True)
def warm_report() -> int:
    """Refresh "How we are doing"'s figures of the default period (every 5
    minutes, before the cached ones expire)."""
    return report_warm()
