"""Anonymous catalogue pages come from the cache before the session is read
(``PageCacheMiddleware``), with the headers the whole stack gives them."""

import pytest
from django.conf import settings

from bawaba.catalogue.cache import catalogue_changed

PAGE = "/en/services/electronic-visa/"
KEPT = ["Content-Security-Policy", "X-Frame-Options", "Content-Language", "Vary", "Content-Type"]


@pytest.mark.django_db
def test_a_visitor_without_a_session_is_answered_before_the_session_and_database(
    client, catalogue, django_assert_num_queries
):
    rendered = client.get(PAGE)
    assert rendered["X-Bawaba-Cache"] == "miss"
    assert settings.SESSION_COOKIE_NAME not in client.cookies
    with django_assert_num_queries(0):
        cached = client.get(PAGE)
    assert cached["X-Bawaba-Cache"] == "hit"
    assert cached.content == rendered.content
    for header in KEPT:
        assert cached[header] == rendered[header], header
    # The outer middleware still run on the way out.
    assert cached["X-Request-ID"] != rendered["X-Request-ID"]
    assert cached["X-Content-Type-Options"] == "nosniff"
    assert not cached.cookies


@pytest.mark.django_db
def test_each_language_and_query_is_its_own_page(client, catalogue):
    client.get(PAGE)
    assert client.get("/ar/services/electronic-visa/")["X-Bawaba-Cache"] == "miss"
    assert client.get(PAGE + "?from=home")["X-Bawaba-Cache"] == "miss"
    arabic = client.get("/ar/services/electronic-visa/")
    assert arabic["X-Bawaba-Cache"] == "hit"
    assert arabic["Content-Language"] == "ar"


@pytest.mark.django_db
def test_a_change_to_the_catalogue_is_seen_at_once(client, catalogue):
    client.get(PAGE)
    assert client.get(PAGE)["X-Bawaba-Cache"] == "hit"
    catalogue_changed()
    assert client.get(PAGE)["X-Bawaba-Cache"] == "miss"


@pytest.mark.django_db
def test_a_signed_in_person_never_gets_the_visitors_page(client, catalogue, citizen):
    client.get(PAGE)
    client.get(PAGE)
    client.force_login(citizen)
    response = client.get(PAGE)
    assert "X-Bawaba-Cache" not in response
    assert "Sign out" in response.content.decode()


@pytest.mark.django_db
def test_pages_not_marked_cacheable_are_not_kept(client, catalogue):
    for _ in range(2):
        response = client.get("/en/accounts/login/")
        assert "X-Bawaba-Cache" not in response


@pytest.mark.django_db
def test_nothing_is_kept_when_the_page_cache_is_off(client, catalogue, settings):
    settings.CATALOGUE_PAGE_CACHE = False
    for _ in range(2):
        assert "X-Bawaba-Cache" not in client.get(PAGE)


@pytest.mark.django_db
def test_a_visitor_with_a_session_gets_the_one_kept_page(client, catalogue):
    """A page has one cache entry, kept for a visitor without a session cookie;
    an anonymous visitor with one gets it from the view's decorator, and the
    middleware give it their headers on the way out."""
    from django.core.cache import cache

    rendered = client.get(PAGE)
    client.cookies[settings.SESSION_COOKIE_NAME] = "no-such-session"
    again = client.get(PAGE)
    assert again["X-Bawaba-Cache"] == "hit"
    assert again.content == rendered.content
    for header in KEPT:
        assert again[header] == rendered[header], header
    pages = [key for key in cache._cache if "catalogue:page:" in key]  # type: ignore[attr-defined]
    assert len(pages) == 1


@pytest.mark.django_db
def test_a_visitor_with_a_session_renders_a_page_nobody_kept(client, catalogue):
    client.cookies[settings.SESSION_COOKIE_NAME] = "no-such-session"
    assert client.get(PAGE)["X-Bawaba-Cache"] == "miss"


@pytest.mark.django_db
def test_a_search_reads_the_catalogue_version_once(client, catalogue, monkeypatch):
    from django.core.cache import cache

    from bawaba.catalogue.cache import VERSION_KEY

    reads = []
    get = cache.get

    def counting_get(key, *args, **kwargs):
        reads.append(key)
        return get(key, *args, **kwargs)

    monkeypatch.setattr(cache, "get", counting_get)
    assert client.get("/en/search/", {"q": "passport renew"}).status_code == 200
    assert reads.count(VERSION_KEY) == 1
    # The page cache, the search's size and the filters were all read under it.
    assert len(reads) >= 2


@pytest.mark.django_db
def test_values_kept_per_version_are_read_again_after_a_change():
    from django.core.cache import cache

    from bawaba.catalogue.cache import catalogue_cached, catalogue_version

    computed = []

    def compute():
        computed.append(1)
        return len(computed)

    assert catalogue_cached("test:kept", compute, 60) == 1
    assert cache.delete(f"test:kept:{catalogue_version()}")  # gone from the shared cache
    # Still kept in this process's memory for the same version...
    assert catalogue_cached("test:kept", compute, 60) == 1
    catalogue_changed()
    # ...and worked out again once the catalogue changed.
    assert catalogue_cached("test:kept", compute, 60) == 2
    assert catalogue_cached("test:kept", compute, 60) == 2
    # A cache that lost the version (a restart of Redis) starts a new one.
    cache.clear()
    assert catalogue_cached("test:kept", compute, 60) == 3


def test_a_version_memo_forgets_at_a_new_version_and_once_it_weighs_too_much():
    from bawaba.catalogue.cache import VersionMemo

    memo: VersionMemo[str, list[int]] = VersionMemo(5, weigh=lambda value: max(1, len(value)))
    memo.current()
    memo.keep("three", [1, 2, 3])
    memo.keep("none", [])  # weighs one: no key is free
    assert memo.current() == {"three": [1, 2, 3], "none": []}
    catalogue_changed()
    assert memo.current() == {}
    memo.keep("four", [1, 2, 3, 4])
    memo.keep("two", [1, 2])
    # Six over a capacity of five: all forgotten at the next read.
    assert memo.current() == {}
