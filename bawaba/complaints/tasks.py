"""Celery tasks of complaints. They are safe to run twice."""

from __future__ import annotations

from celery import shared_task

from bawaba.complaints.escalation import deadlines_check


@shared_task(name="bawaba.complaints.tasks.check_deadlines", ignore_result=True)
def check_deadlines() -> tuple[int, int, int]:
    """Remind of deadlines near and escalate missed ones (every 15 minutes)."""
    counts = deadlines_check()
    return counts.reminded, counts.escalated_once, counts.escalated_twice
