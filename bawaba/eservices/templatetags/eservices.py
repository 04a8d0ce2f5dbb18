from __future__ import annotations

from django import template

from bawaba.eservices.models import Application

register = template.Library()


@register.filter
def stage_label(application: Application, stage: str) -> str:
    """The name of one of the application's review stages, in the page's language."""
    return application.stage_label(stage)
