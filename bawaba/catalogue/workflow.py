"""Publishing a change to a service: draft → in review → published, four eyes.

An editor of the provider writes a draft and sends it for review; an approver of
the same provider, who is not its author, publishes it or sends it back with a
note. Only published revisions change what the public sees; each one stays as
the service's version history.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RevisionState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Replaced")


ALLOWED_TRANSITIONS: dict[str, set[str]] = {
    RevisionState.DRAFT: {RevisionState.IN_REVIEW, RevisionState.SUPERSEDED},
    RevisionState.IN_REVIEW: {
        RevisionState.PUBLISHED,
        RevisionState.DRAFT,
        RevisionState.SUPERSEDED,
    },
    RevisionState.PUBLISHED: set(),
    RevisionState.SUPERSEDED: set(),
}


def can_transition(current: str, target: str) -> bool:
    return target in ALLOWED_TRANSITIONS.get(current, set())
