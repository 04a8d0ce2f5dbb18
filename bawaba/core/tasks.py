"""Handing work to the Celery workers from a request or an action, after the
transaction commits. A broker outage, whatever its transport reports (a
refused connection, a missing broker folder), must not fail what the person
did: it is logged, and the task's own sweeper finds the work later."""

from __future__ import annotations

import logging
from typing import Any

logger = logging.getLogger(__name__)


def task_hand_over(task: Any, *args: Any, failure: str, **context: Any) -> bool:
    """Queue ``task`` with ``args``; when the broker cannot take it, log
    ``failure`` with ``context`` (never personal data) and return False."""
    try:
        task.delay(*args)
    except Exception as error:  # the broker is unreachable, whatever its transport says
        logger.warning(failure, extra={**context, "error": type(error).__name__})
        return False
    return True
