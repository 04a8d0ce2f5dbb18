"""Publishing a change to a service: draft → in review → published, four eyes.

    draft ─submit (an editor)→ in review ─publish (an approver)→ published
                                   └─send back with a note (an approver)→ draft

An editor of the provider writes a draft and sends it for review; an approver of
the same provider, who is not its author, publishes it or sends it back with a
note. Only published revisions change what the public sees; each one stays as
the service's version history. Provider pages and e-service definitions are
revisions too and move the same way.

Every move is a row of ``REVISION_MOVES``, a transition table of the same kind
as a case's (``bawaba.core.transitions``): its sources, its target, who makes
it, whether the author is told and the action of its audit row. The actions
that change a revision's state check the move against it.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from bawaba.core.transitions import APPROVE, REVIEW, Move, TransitionTable


class RevisionState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")
    # No move leads here, and none ever did; the choice stays so that the
    # column's choices (and its migrations) do not change.
    SUPERSEDED = "superseded", _("Replaced")


# REVIEW is the editor (the role that does the work), APPROVE the approver.
# ``notifies`` says whether the author hears of the move (service and provider
# pages tell them; e-service definitions tell nobody yet); ``event`` is the
# action of the audit row.
REVISION_MOVES = TransitionTable(
    {
        # The approvers are told, not the author.
        "submit": Move(
            frozenset({RevisionState.DRAFT}),
            RevisionState.IN_REVIEW,
            REVIEW,
            notifies=False,
            event="submitted",
        ),
        "publish": Move(
            frozenset({RevisionState.IN_REVIEW}),
            RevisionState.PUBLISHED,
            APPROVE,
            event="published",
        ),
        "send_back": Move(
            frozenset({RevisionState.IN_REVIEW}),
            RevisionState.DRAFT,
            APPROVE,
            event="sent_back",
        ),
    },
    states=RevisionState.values,
)
