"""Four eyes over HTTP: an editor writes a post (in one language or both)
and sends it; an approver of the same provider who did not write it
publishes it or sends it back with a note, and the author is told. Anyone
else gets a 404 on every staff page; bad input is a clear error."""

from __future__ import annotations

import pytest

from bawaba.catalogue.workflow import RevisionState
from bawaba.notifications.models import Notification
from bawaba.participation.blogs import actions
from bawaba.participation.blogs.models import Post
from bawaba.participation.publishing import PublishingError

pytestmark = pytest.mark.django_db

ENGLISH_ONLY = {"title_en": "Vaccination week", "body_en": "Bring your child's card."}


def _draft(client, editor, provider, data=None, *, send=False):
    client.force_login(editor)
    payload = {**(data or ENGLISH_ONLY), "allows_comments": "on"}
    if send:
        payload["submit"] = "1"
    return client.post(f"/en/staff/blog/new/{provider.slug}/", payload)


def test_an_editor_writes_a_post_in_one_language_and_sends_it_for_review(
    client, editor, approver, provider
):
    response = _draft(client, editor, provider, send=True)
    post = Post.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/en/staff/blog/{post.pk}/"
    assert post.review_state == RevisionState.IN_REVIEW
    assert post.languages == ["en"] and post.slug == "vaccination-week"
    assert Notification.objects.filter(
        recipient=approver, event="participation.review.requested"
    ).exists()


def test_a_draft_with_a_language_begun_but_unfinished_cannot_be_sent(client, editor, provider):
    response = _draft(
        client, editor, provider, {**ENGLISH_ONLY, "title_ar": "أسبوع التطعيم"}, send=True
    )
    assert response.status_code == 400
    assert "Text in Arabic" in response.content.decode()
    post = Post.objects.get()  # the draft is kept
    assert post.review_state == RevisionState.DRAFT
    assert post.review_gaps() == ["Text in Arabic"]


def test_an_empty_post_cannot_be_saved(client, editor, provider):
    response = _draft(client, editor, provider, {"title_en": "  "})
    assert response.status_code == 400
    assert "Write the post in Arabic, in English or in both" in response.content.decode()
    assert not Post.objects.exists()


def test_the_author_cannot_publish_their_own_post_even_as_an_approver(
    client, editor_approver, provider
):
    _draft(client, editor_approver, provider, send=True)
    post = Post.objects.get()
    page = client.get(f"/en/staff/blog/{post.pk}/").content.decode()
    assert "another approver must publish it" in page
    assert 'value="publish"' not in page
    client.post(f"/en/staff/blog/{post.pk}/decide/", {"decision": "publish"})
    post.refresh_from_db()
    assert post.review_state == RevisionState.IN_REVIEW
    with pytest.raises(PublishingError):
        actions.post_publish(post=post, user=editor_approver)


def test_an_approver_publishes_and_the_author_is_told(
    client, editor, approver, provider, django_capture_on_commit_callbacks
):
    _draft(client, editor, provider, send=True)
    post = Post.objects.get()
    client.force_login(approver)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/staff/blog/{post.pk}/decide/", {"decision": "publish"})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.is_published and post.published_by == approver and post.published_at
    assert Notification.objects.filter(
        recipient=editor, event="participation.review.published"
    ).exists()
    assert client.get("/en/blogs/health/vaccination-week/").status_code == 200


def test_an_approver_sends_a_post_back_with_a_note_the_author_reads(
    client, editor, approver, provider
):
    _draft(client, editor, provider, send=True)
    post = Post.objects.get()
    client.force_login(approver)
    empty = client.post(f"/en/staff/blog/{post.pk}/decide/", {"decision": "send_back", "note": ""})
    assert empty.status_code == 400
    client.post(
        f"/en/staff/blog/{post.pk}/decide/",
        {"decision": "send_back", "note": "Say which clinics."},
    )
    post.refresh_from_db()
    assert post.review_state == RevisionState.DRAFT and post.review_note == "Say which clinics."
    told = Notification.objects.get(recipient=editor, event="participation.review.sent_back")
    assert "Say which clinics." in told.body
    client.force_login(editor)
    assert "Say which clinics." in client.get(f"/en/staff/blog/{post.pk}/edit/").content.decode()


def test_another_provider_s_approver_gets_404_on_the_post(
    client, editor, outsider_approver, provider
):
    _draft(client, editor, provider, send=True)
    post = Post.objects.get()
    client.force_login(outsider_approver)
    for url in (f"/en/staff/blog/{post.pk}/", f"/en/staff/blog/{post.pk}/edit/"):
        assert client.get(url).status_code == 404
    assert (
        client.post(f"/en/staff/blog/{post.pk}/decide/", {"decision": "publish"}).status_code == 404
    )
    post.refresh_from_db()
    assert post.review_state == RevisionState.IN_REVIEW
    assert "Vaccination week" not in client.get("/en/staff/blog/").content.decode()


def test_an_approver_who_is_not_an_editor_cannot_write(client, approver, provider):
    client.force_login(approver)
    assert client.get(f"/en/staff/blog/new/{provider.slug}/").status_code == 404


@pytest.mark.parametrize("who", ["anonymous", "citizen", "staff_without_role"])
def test_outsiders_get_404_on_every_staff_page(client, who, editor, provider):
    from bawaba.accounts.tests.factories import UserFactory, staff_with_two_step

    _draft(client, editor, provider)
    post = Post.objects.get()
    client.logout()
    if who == "citizen":
        client.force_login(UserFactory.create())
    elif who == "staff_without_role":
        client.force_login(staff_with_two_step(provider, "case_worker"))
    urls = [
        "/en/staff/blog/",
        f"/en/staff/blog/new/{provider.slug}/",
        f"/en/staff/blog/{post.pk}/",
        f"/en/staff/blog/{post.pk}/edit/",
    ]
    for url in urls:
        response = client.get(url)
        if who == "anonymous":  # asked to sign in first
            assert response.status_code == 302 and "/login/" in response["Location"], url
        else:
            assert response.status_code == 404, url
    decide = client.post(f"/en/staff/blog/{post.pk}/decide/", {"decision": "submit"})
    assert decide.status_code == (302 if who == "anonymous" else 404)
    post.refresh_from_db()
    assert post.review_state == RevisionState.DRAFT


def test_a_post_in_review_can_no_longer_be_edited(client, editor, provider):
    _draft(client, editor, provider, send=True)
    post = Post.objects.get()
    response = client.post(
        f"/en/staff/blog/{post.pk}/edit/", {"title_en": "Changed", "body_en": "x"}
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.title_en == "Vaccination week"


@pytest.mark.parametrize(
    "data, message",
    [
        ({"title_en": "Nul\x00title", "body_en": "Text"}, "Null characters are not allowed."),
        ({"title_en": "Long", "body_en": "x" * 20001}, "at most 20000 characters"),
        ({"title_en": "x" * 10000, "body_en": "Text"}, "at most 200 characters"),
        ({"title_en": "Two\nlines", "body_en": "Text"}, "Write the title on one line."),
    ],
)
def test_bad_input_on_the_edit_page_is_a_clear_error(client, editor, provider, data, message):
    response = _draft(client, editor, provider, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Post.objects.exists()


def test_garbled_ids_and_decisions_are_404s_or_messages_never_500(client, editor, provider):
    _draft(client, editor, provider)
    post = Post.objects.get()
    assert client.get("/en/staff/blog/99999/").status_code == 404
    assert client.get("/en/staff/blog/abc/").status_code == 404
    assert client.get("/en/staff/blog/new/no-such-provider/").status_code == 404
    response = client.post(f"/en/staff/blog/{post.pk}/decide/", {"decision": "\x00nonsense"})
    assert response.status_code == 302
    response = client.get(f"/en/staff/blog/{post.pk}/")
    assert "Choose what to do with the post." in response.content.decode()
    long_note = client.post(
        f"/en/staff/blog/{post.pk}/decide/", {"decision": "send_back", "note": "x" * 10000}
    )
    assert long_note.status_code == 400
    assert "at most 2000 characters" in long_note.content.decode()


def test_the_staff_list_shows_the_provider_s_posts_in_bounded_queries(
    client, editor, provider, django_assert_max_num_queries
):
    for number in range(12):
        _draft(client, editor, provider, {"title_en": f"Draft {number}", "body_en": "Text"})
    client.force_login(editor)
    with django_assert_max_num_queries(15):
        html = client.get("/en/staff/blog/").content.decode()
    assert "Draft 0" in html and "Draft 11" in html and "12 posts" in html


def test_the_review_page_previews_the_post_as_readers_will_see_it(client, editor, provider):
    _draft(
        client, editor, provider, {"title_en": "Markup", "body_en": "<script>x</script>\n\nSecond"}
    )
    post = Post.objects.get()
    html = client.get(f"/en/staff/blog/{post.pk}/").content.decode()
    assert "&lt;script&gt;x&lt;/script&gt;" in html and "<script>x</script>" not in html
    assert "<p>Second</p>" in html


def test_an_approver_who_changed_someone_else_s_draft_cannot_publish_it(
    client, editor, editor_approver, approver, provider
):
    _draft(client, editor, provider)
    post = Post.objects.get()
    # A colleague who is also an approver improves the draft; the editor sends it.
    actions.post_update(
        post=post, user=editor_approver, data={**ENGLISH_ONLY, "title_en": "Vaccines"}
    )
    actions.post_submit(post=post, user=editor)
    with pytest.raises(PublishingError):
        actions.post_publish(post=Post.objects.get(), user=editor_approver)
    # Someone who wrote none of it may.
    actions.post_publish(post=Post.objects.get(), user=approver)
    assert Post.objects.get().review_state == RevisionState.PUBLISHED
