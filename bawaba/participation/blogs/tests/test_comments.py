"""Comments under a post: an established account's comment is published
at once, a new account's waits for the provider's moderators (and only its
author sees it, tagged); a report opens a case in the provider's queue; a
blocked account cannot comment; the text keeps the posting rules."""

from __future__ import annotations

import pytest

from bawaba.accounts.constants import Role
from bawaba.accounts.tests.factories import OrganisationFactory, staff_with_two_step
from bawaba.participation import actions as participation_actions
from bawaba.participation.blogs.models import Comment
from bawaba.participation.models import ContributionState, ModerationCase, ModerationState

pytestmark = pytest.mark.django_db

URL = "/en/blogs/health/clinic-hours/"


def test_an_established_account_s_comment_is_published_at_once(client, post, reader):
    client.force_login(reader)
    response = client.post(URL, {"body": "Thank you <b>for this</b>.", "website": ""})
    comment = Comment.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{URL}#comment-{comment.pk}"
    assert comment.state == ContributionState.PUBLISHED and comment.author_name == "Maryam"
    client.logout()
    html = client.get(URL).content.decode()
    assert "Thank you &lt;b&gt;for this&lt;/b&gt;." in html
    assert f'href="/en/participate/report/blogs.comment/{comment.pk}/"' in html


def test_a_new_account_s_comment_waits_for_the_provider_s_moderators(
    client, post, new_reader, reader, provider
):
    client.force_login(new_reader)
    client.post(URL, {"body": "My first comment.", "website": ""})
    comment = Comment.objects.get()
    assert comment.state == ContributionState.PENDING
    case = ModerationCase.objects.get()
    assert case.organisation == provider and case.content_kind == "blogs.comment"
    own = client.get(URL).content.decode()
    assert "My first comment." in own and "Waiting for moderation" in own
    client.force_login(reader)
    assert "My first comment." not in client.get(URL).content.decode()


# participation.actions.moderation_decide passes a "reason" value to the
# events participation.post.approved/kept, which have no such placeholder:
# approving fails in the foundation until that is fixed there.
def test_a_held_comment_approved_by_the_provider_s_moderator_is_published(
    client, post, new_reader, reader, provider
):
    client.force_login(new_reader)
    client.post(URL, {"body": "My first comment.", "website": ""})
    case = ModerationCase.objects.get()
    moderator = staff_with_two_step(provider, Role.MODERATOR)
    participation_actions.moderation_decide(
        case_id=case.pk, user=moderator, move="approve", reason=""
    )
    client.force_login(reader)
    assert "My first comment." in client.get(URL).content.decode()


def test_a_report_opens_a_case_in_the_provider_s_queue(client, post, reader, provider):
    author = reader
    client.force_login(author)
    client.post(URL, {"body": "Clinics should open at six.", "website": ""})
    comment = Comment.objects.get()
    from bawaba.participation.blogs.tests.conftest import reader_with_name

    client.force_login(reader_with_name("Reporter"))
    response = client.post(
        f"/en/participate/report/blogs.comment/{comment.pk}/", {"reason": "Off topic."}
    )
    assert response.status_code == 302 and response["Location"] == URL
    case = ModerationCase.objects.get()
    assert case.state == ModerationState.REPORTED and case.organisation == provider

    moderator = staff_with_two_step(provider, Role.MODERATOR)
    client.force_login(moderator)
    queue = client.get("/en/staff/moderation/").content.decode()
    assert case.reference in queue
    other_moderator = staff_with_two_step(OrganisationFactory.create(), Role.MODERATOR)
    client.force_login(other_moderator)
    assert case.reference not in client.get("/en/staff/moderation/").content.decode()

    participation_actions.moderation_decide(
        case_id=case.pk, user=moderator, move="reject", reason="Not about the post."
    )
    comment.refresh_from_db()
    assert comment.state == ContributionState.REMOVED
    client.logout()
    assert "Clinics should open at six." not in client.get(URL).content.decode()


def test_a_blocked_account_cannot_comment(client, post, reader):
    portal = OrganisationFactory.create()
    portal_moderator = staff_with_two_step(portal, Role.PORTAL_MODERATOR)
    participation_actions.account_block(user=reader, by=portal_moderator, reason="Spam.")
    client.force_login(reader)
    page = client.get(URL).content.decode()
    assert "stopped from posting" in page and 'name="body"' not in page
    response = client.post(URL, {"body": "Let me in.", "website": ""})
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_visitors_are_asked_to_sign_in_and_the_unnamed_to_choose_a_name(client, post):
    html = client.get(URL).content.decode()
    assert "to take part" in html and 'name="body"' not in html
    response = client.post(URL, {"body": "Hello"})
    assert response.status_code == 302 and "/login/" in response["Location"]
    from bawaba.accounts.tests.factories import UserFactory

    client.force_login(UserFactory.create())
    assert "Choose your name" in client.get(URL).content.decode()


@pytest.mark.parametrize(
    "data, message",
    [
        ({"body": "", "website": ""}, "Your comment"),
        ({"body": "a\x00b", "website": ""}, "Null characters are not allowed."),
        ({"body": "x" * 10000, "website": ""}, "at most 5000 characters"),
        ({"body": "Buy now", "website": "http://spam.example"}, "Leave the last box empty"),
    ],
)
def test_a_comment_that_breaks_the_rules_is_a_clear_error(client, post, reader, data, message):
    client.force_login(reader)
    response = client.post(URL, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Comment.objects.exists()


def test_a_post_closed_to_comments_takes_none(client, post, reader):
    post.allows_comments = False
    post.save()
    client.force_login(reader)
    assert "This post does not take comments." in client.get(URL).content.decode()
    client.post(URL, {"body": "Hello", "website": ""})
    assert not Comment.objects.exists()
