"""'Report a problem with this page': where a reader's report goes.

A higher app (complaints, which files it as a suggestion case for the page's
provider) registers its handler from its ``AppConfig.ready()``; the catalogue
never names it. Without one, the catalogue stores the report with the page's
feedback, so the catalogue still works on its own."""

from __future__ import annotations

from typing import Protocol

from bawaba.accounts.models import User
from bawaba.catalogue.actions import page_feedback_record
from bawaba.catalogue.models import Service


class ProblemReportHandler(Protocol):
    def __call__(
        self, *, service: Service, problem: str, language: str, user: User | None
    ) -> None: ...


# One slot: the handler, when a higher app registered one.
_HANDLER: dict[str, ProblemReportHandler] = {}


def problem_report_handler_set(handler: ProblemReportHandler | None) -> None:
    """Send every report to ``handler`` from now on (None: keep them here)."""
    if handler is None:
        _HANDLER.pop("handler", None)
    else:
        _HANDLER["handler"] = handler


def problem_report(*, service: Service, problem: str, language: str, user: User | None) -> None:
    """Pass a reader's report on a published service page to whoever handles
    them. ``user`` is the signed-in reader, or None."""
    handler = _HANDLER.get("handler")
    if handler is None:
        page_feedback_record(service=service, problem=problem)
        return
    handler(service=service, problem=problem, language=language, user=user)
