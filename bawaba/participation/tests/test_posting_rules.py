"""The rules every post keeps, as tables: text (length, NUL, bidi controls),
links for new accounts, what counts as a new account, the hourly limit."""

import datetime
import time

import pytest
from django.utils import timezone

from bawaba.accounts.tests.factories import UserFactory
from bawaba.participation import posting


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("  hello  ", "hello"),
        ("a\r\nb\rc", "a\nb\nc"),
        # Embeddings, overrides and isolates go; the right-to-left mark stays.
        ("abc\u202edcba", "abcdcba"),
        ("\u2067مرحبا\u2069", "مرحبا"),
        ("مرحبا\u200f", "مرحبا\u200f"),
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),
    ],
)
def test_body_clean_takes_out_the_controls_that_turn_text_around(typed, stored):
    assert posting.body_clean(typed) == stored


@pytest.mark.parametrize(
    ("typed", "errors"),
    [
        ("Fine", 0),
        ("x" * posting.POST_MAX_LENGTH, 0),
        ("x" * 10_000, 1),
        ("nul\x00byte", 1),
        ("   \n  ", 1),
        ("\u202e", 1),
    ],
)
def test_body_errors(typed, errors):
    assert len(posting.body_errors(typed)) == errors


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("no links here", 0),
        ("see https://example.com and http://a.b/c", 2),
        ("www.example.com", 1),
        ("cheap-pills.ru now", 1),
        ("the ministry's site is moh.gov.bh", 0),
    ],
)
def test_links_are_counted(text, count):
    assert posting.links_in(text) == count


@pytest.mark.django_db
@pytest.mark.parametrize(("days", "new"), [(0, True), (6, True), (7, False), (400, False)])
def test_an_account_is_new_for_its_first_week(days, new):
    user = UserFactory.create(date_joined=timezone.now() - datetime.timedelta(days=days, minutes=1))
    assert posting.is_new_account(user) is new


@pytest.mark.django_db
def test_new_accounts_may_post_one_link_and_others_more():
    newcomer = UserFactory.create()
    regular = UserFactory.create(date_joined=timezone.now() - datetime.timedelta(days=30))
    two_links = "https://a.example and https://b.example"
    assert posting.link_errors(newcomer, "https://a.example") == []
    assert posting.link_errors(newcomer, two_links)
    assert posting.link_errors(regular, two_links) == []


@pytest.mark.django_db
def test_the_hourly_limit_counts_posts_per_account(settings, monkeypatch):
    settings.PARTICIPATION = {"POSTS_PER_HOUR": 3}
    user = UserFactory.create(date_joined=timezone.now() - datetime.timedelta(days=30))
    other = UserFactory.create(date_joined=timezone.now() - datetime.timedelta(days=30))
    for _ in range(3):
        # Looking does not count: only a post made does.
        assert not posting.over_post_limit(user)
        assert not posting.over_post_limit(user)
        posting.post_counted(user)
    assert posting.over_post_limit(user)
    assert not posting.over_post_limit(other)
    an_hour_on = time.time() + 3601
    monkeypatch.setattr(time, "time", lambda: an_hour_on)
    assert not posting.over_post_limit(user)


@pytest.mark.django_db
def test_new_accounts_have_a_lower_hourly_limit(settings):
    settings.PARTICIPATION = {"POSTS_PER_HOUR": 3, "NEW_ACCOUNT_POSTS_PER_HOUR": 1}
    newcomer = UserFactory.create()
    posting.post_counted(newcomer)
    assert posting.over_post_limit(newcomer)
