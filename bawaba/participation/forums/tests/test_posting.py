"""The rules every post keeps, proved through the forum's forms: the honeypot,
the hourly limit, links from new accounts, too long a post, NUL bytes, bidi
controls and markup; and official answers, which only a provider's staff
may give, with a verified badge naming the provider."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from bawaba.accounts.models import Organisation, User
from bawaba.accounts.tests.factories import staff_with_two_step
from bawaba.catalogue.models import Category
from bawaba.participation import actions as participation
from bawaba.participation.forums.models import Reply, Thread
from bawaba.participation.forums.tests.conftest import answer, person, signed_in, start
from bawaba.participation.models import ContributionState, Participant

pytestmark = pytest.mark.django_db


def _new_topic(client: Client, theme: Category, **data: str) -> Any:
    values = {"title": "A topic", "body": "Some text"}
    values.update(data)
    return client.post(f"/en/forums/themes/{theme.slug}/new/", values)


def test_a_filled_honeypot_is_refused_and_nothing_is_saved(theme: Category, member: User) -> None:
    client = signed_in(member)
    response = _new_topic(client, theme, website="http://spam.example")
    assert response.status_code == 200
    assert "Leave the last box empty" in response.content.decode()
    assert not Thread.objects.exists()
    thread = start(member, theme)
    response = client.post(f"/en/forums/topics/{thread.pk}/reply/", {"body": "Hi", "website": "x"})
    assert response.status_code == 200 and not Reply.objects.exists()


def test_the_hourly_limit_stops_an_account_posting_more(
    theme: Category, member: User, settings: Any
) -> None:
    settings.PARTICIPATION = {"POSTS_PER_HOUR": 3}
    client = signed_in(member)
    thread = start(member, theme)
    for number in range(2):
        response = client.post(f"/en/forums/topics/{thread.pk}/reply/", {"body": f"R{number}"})
        assert response.status_code == 302
    response = client.post(f"/en/forums/topics/{thread.pk}/reply/", {"body": "One too many"})
    assert response.status_code == 200
    assert "You have posted a lot in the last hour." in response.content.decode()
    assert Reply.objects.count() == 2
    response = _new_topic(client, theme)
    assert "You have posted a lot in the last hour." in response.content.decode()


def test_over_the_hourly_limit_the_text_is_kept_and_others_may_post(
    theme: Category, member: User, settings: Any
) -> None:
    settings.PARTICIPATION = {"POSTS_PER_HOUR": 2}
    client = signed_in(member)
    thread = start(member, theme)
    # A post refused for its text is not counted against the limit.
    response = client.post(f"/ar/forums/topics/{thread.pk}/reply/", {"body": "   "})
    assert response.status_code == 200
    response = client.post(f"/ar/forums/topics/{thread.pk}/reply/", {"body": "The second"})
    assert response.status_code == 302
    response = client.post(f"/ar/forums/topics/{thread.pk}/reply/", {"body": "Kept as typed"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "نشرتم مشاركات كثيرة خلال الساعة الماضية." in page
    assert "Kept as typed" in page
    assert Reply.objects.count() == 1
    neighbour = person(name="Huda")
    response = signed_in(neighbour).post(
        f"/ar/forums/topics/{thread.pk}/reply/", {"body": "Another account"}
    )
    assert response.status_code == 302
    assert Reply.objects.filter(author=neighbour).exists()


def test_new_accounts_may_put_only_one_link_in_a_post(
    theme: Category, member: User, newcomer: User
) -> None:
    thread = start(member, theme)
    client = signed_in(newcomer)
    body = "See https://one.example and https://two.example"
    response = client.post(f"/en/forums/topics/{thread.pk}/reply/", {"body": body})
    html = response.content.decode()
    assert response.status_code == 200 and "New accounts may put at most 1 link" in html
    assert not Reply.objects.exists()
    # An established account may.
    response = signed_in(member).post(f"/en/forums/topics/{thread.pk}/reply/", {"body": body})
    assert response.status_code == 302


def test_a_post_of_10000_characters_gets_a_clear_error_and_keeps_the_text(
    theme: Category, member: User
) -> None:
    long = "ب" * 10000
    response = _new_topic(signed_in(member), theme, body=long)
    html = response.content.decode()
    assert response.status_code == 200
    assert "at most 5000 characters" in html or "5,000" in html
    assert long in html  # what was typed is still in the box
    assert not Thread.objects.exists()
    thread = start(member, theme)
    response = signed_in(member).post(f"/en/forums/topics/{thread.pk}/reply/", {"body": long})
    assert response.status_code == 200 and long in response.content.decode()


def test_a_title_too_long_gets_a_clear_error(theme: Category, member: User) -> None:
    response = _new_topic(signed_in(member), theme, title="t" * 10000)
    assert response.status_code == 200
    assert response.context["form"].errors["title"]
    assert not Thread.objects.exists()


def test_a_nul_byte_gets_a_clear_error(theme: Category, member: User) -> None:
    client = signed_in(member)
    for data in ({"body": "Hello\x00world"}, {"title": "Bad\x00title"}):
        response = _new_topic(client, theme, **data)
        assert response.status_code == 200
        assert "Null characters are not allowed." in response.content.decode()
    thread = start(member, theme)
    response = client.post(f"/en/forums/topics/{thread.pk}/reply/", {"body": "a\x00b"})
    assert response.status_code == 200 and not Reply.objects.exists()
    response = client.post(f"/en/forums/topics/{thread.pk}/change/", {"title": "x", "body": "\x00"})
    assert response.status_code == 200
    thread.refresh_from_db()
    assert "\x00" not in thread.body


def test_bidi_controls_are_taken_out(theme: Category, member: User) -> None:
    client = signed_in(member)
    _new_topic(client, theme, title="\u202eevil title", body="abc\u202edef\u2066x\u2069")
    thread = Thread.objects.get()
    assert thread.title == "evil title" and thread.body == "abcdefx"
    client.post(f"/en/forums/topics/{thread.pk}/reply/", {"body": "\u202bسلام\u202c"})
    assert Reply.objects.get().body == "سلام"


def test_markup_is_shown_as_text(theme: Category, member: User) -> None:
    client = signed_in(member)
    _new_topic(client, theme, title="<script>alert(1)</script>", body="<script>alert(2)</script>")
    thread = Thread.objects.get()
    client.post(f"/en/forums/topics/{thread.pk}/reply/", {"body": "<img src=x onerror=alert(3)>"})
    for path in (
        f"/en/forums/topics/{thread.pk}/",
        f"/en/forums/themes/{theme.slug}/",
        f"/en/forums/topics/{thread.pk}/reply/?quote={Reply.objects.get().pk}",
    ):
        html = client.get(path).content.decode()
        assert "<script>alert" not in html and "<img src=x" not in html, path
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, path


def test_a_providers_staff_answer_officially_with_the_providers_name(
    theme: Category, provider: Organisation, member: User
) -> None:
    staff = staff_with_two_step(provider, "case_worker")
    Participant.objects.create(user=staff, display_name="Fatima")
    thread = start(member, theme, provider=provider)
    client = signed_in(staff)
    html = client.get(f"/en/forums/topics/{thread.pk}/").content.decode()
    assert "Official answer for Passports Directorate" in html
    response = client.post(
        f"/en/forums/topics/{thread.pk}/reply/",
        {"body": "It takes five working days.", "answer_for": str(provider.pk)},
    )
    assert response.status_code == 302
    reply = Reply.objects.get()
    assert reply.official_organisation == provider
    assert reply.state == ContributionState.PUBLISHED
    page = Client().get(f"/en/forums/topics/{thread.pk}/").content.decode()
    assert "Official answer from Passports Directorate" in page
    # The provider's name is shown in the reader's language, whatever the staff member's.
    assert "إدارة الجوازات" in Client().get(f"/ar/forums/topics/{thread.pk}/").content.decode()
    # As themselves, the same member of staff posts under their own name.
    client.post(f"/en/forums/topics/{thread.pk}/reply/", {"body": "Personally", "answer_for": ""})
    personal = Reply.objects.get(body="Personally")
    assert personal.official_organisation is None and personal.author_name == "Fatima"


def test_nobody_else_can_claim_an_official_answer(
    theme: Category, provider: Organisation, other_provider: Organisation, member: User
) -> None:
    thread = start(member, theme, provider=provider)
    citizen = signed_in(person(name="Citizen"))
    html = citizen.get(f"/en/forums/topics/{thread.pk}/").content.decode()
    assert "Official answer for" not in html and 'name="answer_for"' not in html
    response = citizen.post(
        f"/en/forums/topics/{thread.pk}/reply/",
        {"body": "I am the ministry", "answer_for": str(provider.pk)},
    )
    # The choice is not offered: a tampered form is refused with a message.
    assert response.status_code == 200
    assert "You cannot answer for this provider." in response.content.decode()
    assert not Reply.objects.exists()
    response = citizen.post(
        f"/en/forums/themes/{theme.slug}/new/",
        {"title": "Official", "body": "Text", "answer_for": str(provider.pk)},
    )
    assert "You cannot answer for this provider." in response.content.decode()
    assert Thread.objects.count() == 1

    staff = staff_with_two_step(provider, "case_worker")
    Participant.objects.create(user=staff, display_name="Fatima")
    response = signed_in(staff).post(
        f"/en/forums/topics/{thread.pk}/reply/",
        {"body": "For another provider", "answer_for": str(other_provider.pk)},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["answer_for"]
    response = signed_in(staff).post(
        f"/en/forums/topics/{thread.pk}/reply/", {"body": "Garbled", "answer_for": "9" * 40}
    )
    assert response.status_code == 200
    assert not Reply.objects.exists()


def test_an_official_topic_is_started_for_a_provider(
    theme: Category, provider: Organisation
) -> None:
    staff = staff_with_two_step(provider, "editor")
    Participant.objects.create(user=staff, display_name="Fatima")
    response = _new_topic(signed_in(staff), theme, answer_for=str(provider.pk))
    assert response.status_code == 302
    thread = Thread.objects.get()
    assert thread.official_organisation == provider
    html = Client().get(f"/en/forums/themes/{theme.slug}/").content.decode()
    assert "Official" in html


def test_an_answer_to_a_topic_in_waiting_is_refused(
    theme: Category, newcomer: User, member: User
) -> None:
    thread = start(newcomer, theme)
    response = signed_in(newcomer).post(f"/en/forums/topics/{thread.pk}/reply/", {"body": "Bump"})
    assert response.status_code == 404
    assert (
        signed_in(member).post(f"/en/forums/topics/{thread.pk}/reply/", {"body": "Hi"}).status_code
        == 404
    )
    with pytest.raises(Exception, match="once the topic is published"):
        answer(newcomer, thread)


@pytest.mark.parametrize(
    ("language", "provider_name"), [("ar", "إدارة الجوازات"), ("en", "Passports Directorate")]
)
def test_the_topics_author_is_told_of_an_official_answer_in_their_language(
    theme: Category, provider: Organisation, language: str, provider_name: str
) -> None:
    from bawaba.notifications.models import Notification

    author = person(name="Maryam", preferred_language=language)
    thread = start(author, theme, provider=provider, title="Renewing a passport")
    staff = staff_with_two_step(provider, "case_worker")
    Participant.objects.create(user=staff, display_name="Fatima")
    answer(author, thread, "A bump of my own")
    answer(person(name="Other"), thread, "Not official")
    assert not Notification.objects.filter(recipient=author).exists()
    reply = answer(staff, thread, "Five working days.", official_organisation=provider)
    message = Notification.objects.get(recipient=author, event="forums.official_answer")
    assert message.language == language
    assert provider_name in message.body and "Renewing a passport" in message.body
    assert message.link == f"/{language}/forums/replies/{reply.pk}/"
    # An official answer in one's own topic tells nobody.
    own = start(
        staff, theme, provider=provider, title="Staff topic", official_organisation=provider
    )
    answer(staff, own, "Answer", official_organisation=provider)
    assert Notification.objects.filter(event="forums.official_answer").count() == 1


def test_the_edit_rule_takes_a_block_read_once_for_a_page(
    theme: Category, member: User, portal_moderator: User, django_assert_num_queries: Any
) -> None:
    thread = start(member, theme)
    assert participation.contribution_editable(thread, member)
    with django_assert_num_queries(0):
        assert participation.contribution_editable(thread, member, blocked=False)
        assert not participation.contribution_editable(thread, member, blocked=True)
    participation.account_block(user=member, by=portal_moderator, reason="Spam.")
    assert not participation.contribution_editable(thread, member)
