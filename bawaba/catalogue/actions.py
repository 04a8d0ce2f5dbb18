from __future__ import annotations

from django.db import transaction
from django.utils.translation import get_language

from bawaba.catalogue.models import PageFeedback, Service


@transaction.atomic
def page_feedback_record(
    *, service: Service, useful: bool | None = None, problem: str = ""
) -> PageFeedback:
    """Store a reader's feedback on a service page for the provider to see."""
    return PageFeedback.objects.create(
        service=service,
        useful=useful,
        problem=problem.strip(),
        language="en" if get_language() == "en" else "ar",
    )
