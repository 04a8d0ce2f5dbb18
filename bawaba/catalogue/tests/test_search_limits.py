"""Search costs a bounded amount per request, and one address cannot ask for
uncached searches (or API pages) without end."""

import pytest
from django.test import Client
from django.utils import translation

from bawaba.catalogue.models import Service
from bawaba.catalogue.search import MAX_QUERY_WORDS, query_words, service_search

LONG_QUERY = " ".join(f"w{index:02d}x" for index in range(50))


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("renew passport", 2),
        ("visa visa visa visa", 1),  # a repeat is one word
        (LONG_QUERY, MAX_QUERY_WORDS),
        ("", 0),
    ],
)
def test_a_query_uses_its_first_distinct_words_only(query, words):
    assert len(query_words(query)) == words


@pytest.mark.django_db
def test_fifty_words_cost_no_more_than_the_cap(catalogue, django_assert_max_num_queries):
    # One prefix look-up per word (and its variants), then the index: bounded by
    # the cap, not by what was typed.
    with django_assert_max_num_queries(3 * MAX_QUERY_WORDS + 3):
        service_search(LONG_QUERY, Service.objects.published())
    # The first words still find what they name.
    found = service_search("passport " + LONG_QUERY, Service.objects.published())
    assert found.service_ids


@pytest.fixture
def tight_limits(settings):
    settings.CATALOGUE_RATE_LIMITS = {"search": "3/m/ip"}


@pytest.mark.django_db
def test_uncached_searches_from_one_address_are_limited(catalogue, tight_limits):
    client = Client()
    for number in range(3):
        assert client.get("/ar/search/", {"q": f"visa {number}"}).status_code == 200
    # The same search again comes from the page cache and is not counted.
    assert client.get("/ar/search/", {"q": "visa 0"}).status_code == 200
    response = client.get("/ar/search/", {"q": "visa 99"})
    assert response.status_code == 429
    with translation.override("ar"):
        assert translation.gettext("Too many attempts") in response.content.decode()
    assert Client(REMOTE_ADDR="192.0.2.50").get("/ar/search/", {"q": "x"}).status_code == 200


@pytest.mark.django_db
def test_a_new_window_opens_when_the_last_one_ends(catalogue, settings):
    import time

    settings.CATALOGUE_RATE_LIMITS = {"search": "2/s/ip"}
    client = Client(REMOTE_ADDR="192.0.2.60")
    statuses = [client.get("/en/search/", {"q": f"visa {n}"}).status_code for n in range(3)]
    assert statuses == [200, 200, 429]
    time.sleep(1.1)  # the window lasts the rate's period from its first search
    assert client.get("/en/search/", {"q": "visa 9"}).status_code == 200


@pytest.mark.django_db
def test_the_limit_keeps_no_address_in_the_cache(catalogue, tight_limits):
    from django.core.cache import cache

    Client(REMOTE_ADDR="192.0.2.61").get("/en/search/", {"q": "visa"})
    keys = list(cache._cache)  # type: ignore[attr-defined]  # the tests' local-memory cache
    assert any(":catalogue:limit:search:" in key for key in keys)
    assert not any("192.0.2.61" in key for key in keys)


@pytest.mark.django_db
def test_signed_in_people_are_not_held_by_the_anonymous_search_limit(
    client, catalogue, citizen, tight_limits
):
    client.force_login(citizen)
    for number in range(5):
        assert client.get("/en/search/", {"q": f"visa {number}"}).status_code == 200


@pytest.mark.django_db
def test_the_api_limits_each_address_with_a_problem_document(client, catalogue, monkeypatch):
    monkeypatch.setattr("bawaba.catalogue.api.errors.API_RATE", "3/min")
    for number in range(3):
        assert client.get("/api/v1/services", {"q": f"visa {number}"}).status_code == 200
    response = client.get("/api/v1/services", {"q": "visa"})
    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"
    assert "Retry-After" in response
    problem = response.json()
    assert problem["status"] == 429 and problem["title"] == "Too Many Requests"
    assert problem["detail"]
    assert Client(REMOTE_ADDR="192.0.2.51").get("/api/v1/categories").status_code == 200


@pytest.mark.django_db
def test_a_word_the_catalogue_knows_is_not_read_as_a_typo(catalogue):
    """Typo matching runs only for a word none of whose readings is in the
    vocabulary: a known word reaches no look-alike terms."""
    from bawaba.catalogue.search import EXACT_SCORE, PREFIX_SCORE, _words_matches

    (known,) = _words_matches(query_words("passport"))
    assert set(known.values()) <= {EXACT_SCORE, PREFIX_SCORE}
    (typo,) = _words_matches(query_words("pasport"))
    assert "passport" in typo
    assert 0 < typo["passport"] < PREFIX_SCORE


@pytest.mark.django_db
def test_a_word_is_looked_up_once_until_the_catalogue_changes(catalogue, django_assert_num_queries):
    from bawaba.catalogue.cache import catalogue_changed
    from bawaba.catalogue.search import _words_matches

    first = _words_matches(query_words("passport renewal"))
    with django_assert_num_queries(0):
        assert _words_matches(query_words("renewal passport")) == first[::-1]
    with django_assert_num_queries(1):  # only the new word is read
        _words_matches(query_words("passport visa"))
    catalogue_changed()  # the vocabulary may have changed: read again
    with django_assert_num_queries(1):
        assert _words_matches(query_words("passport renewal")) == first
