"""Template filters of the case kit's components (``templates/cases/components``)."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def case_stage(case: Any, stage: str) -> str:
    """The name of one of the case's review stages in the page's language: the
    domain's case model names its stages (``stage_label(stage)``); a case that
    names none shows the stage as it is stored."""
    label = getattr(case, "stage_label", None)
    return str(label(stage)) if callable(label) else stage
