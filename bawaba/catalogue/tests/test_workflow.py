"""The review of a change as a transition table: every move from every state,
allowed or refused, who makes it, and what a refused move does."""

import pytest
from django.utils import translation

from bawaba.accounts.tests.factories import OrganisationFactory, staff_with_two_step
from bawaba.catalogue import actions
from bawaba.catalogue.content import content_of
from bawaba.catalogue.tests.factories import ServiceFactory
from bawaba.catalogue.workflow import REVISION_MOVES
from bawaba.catalogue.workflow import RevisionState as S
from bawaba.core.transitions import APPROVE, REVIEW, TransitionRefused

# The whole table written out by hand: for each move, the state it leads to
# from each state it is allowed from. Every other pair is refused.
EXPECTED = {
    ("submit", S.DRAFT): S.IN_REVIEW,
    ("publish", S.IN_REVIEW): S.PUBLISHED,
    ("send_back", S.IN_REVIEW): S.DRAFT,
}


@pytest.mark.parametrize("state", S.values)
@pytest.mark.parametrize("move", [*REVISION_MOVES, "fly"])
def test_every_move_from_every_state(move, state):
    expected = EXPECTED.get((move, state))
    assert REVISION_MOVES.allowed(move, state) is (expected is not None)
    if expected is None:
        with pytest.raises(TransitionRefused):
            REVISION_MOVES.target(move, state)
    else:
        assert REVISION_MOVES.target(move, state) == expected


def test_nothing_moves_a_published_or_replaced_revision():
    assert REVISION_MOVES.moves_from(S.PUBLISHED) == []
    assert REVISION_MOVES.moves_from(S.SUPERSEDED) == []


@pytest.mark.parametrize(
    ("move", "actor", "notifies", "event"),
    [
        ("submit", REVIEW, False, "submitted"),  # the approvers are told, not the author
        ("publish", APPROVE, True, "published"),
        ("send_back", APPROVE, True, "sent_back"),
    ],
)
def test_who_makes_each_move_and_whether_the_author_is_told(move, actor, notifies, event):
    assert REVISION_MOVES[move].actor == actor
    assert REVISION_MOVES[move].notifies is notifies
    assert REVISION_MOVES.event(move) == event


def test_the_table_has_no_other_moves():
    assert list(REVISION_MOVES) == ["submit", "publish", "send_back"]


@pytest.mark.django_db
def test_a_move_the_table_refuses_changes_nothing_and_says_why():
    provider = OrganisationFactory.create()
    service = ServiceFactory.create(provider=provider)
    editor = staff_with_two_step(provider, "editor")
    approver = staff_with_two_step(provider, "approver")
    revision = actions.revision_save_draft(user=editor, service=service, data=content_of(service))
    with translation.override("en"), pytest.raises(actions.PublishingError) as error:
        actions.revision_publish(user=approver, revision_id=revision.pk)  # not sent yet
    assert error.value.code == "catalogue.revision.stale"
    assert str(error.value.message) == (
        "This change has already been dealt with by someone else. Reload the page."
    )
    revision.refresh_from_db()
    assert (revision.state, revision.decided_by) == (S.DRAFT, None)
