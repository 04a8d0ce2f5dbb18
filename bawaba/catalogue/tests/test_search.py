"""Search finds services however people spell them, in either language."""

import pytest

from bawaba.catalogue.models import Service
from bawaba.catalogue.search import service_search, spelling_suggestion


def _top(query: str, n: int = 3) -> list[str]:
    result = service_search(query, Service.objects.published())
    slugs = dict(Service.objects.values_list("pk", "slug"))
    return [slugs[pk] for pk in result.service_ids[:n]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("تأشيرة", "electronic-visa"),  # hamza on alef
        ("تاشيره", "electronic-visa"),  # no hamza, haa for taa marbuta
        ("التأشيرات", "electronic-visa"),  # article and plural
        ("والتأشيرة", "electronic-visa"),  # conjunction + article
        ("بالتأشيرة", "electronic-visa"),  # preposition + article
        ("تَأْشِيرَة", "electronic-visa"),  # diacritics
        ("تأشـــيرة", "electronic-visa"),  # tatweel
        ("فيزا", "electronic-visa"),  # Gulf colloquial, from the keywords
        ("e-visa", "electronic-visa"),
        ("visas", "electronic-visa"),  # English plural
        ("vissa", "electronic-visa"),  # English typo
        ("باسبورت", "renew-passport"),  # colloquial
        ("جوازات", "renew-passport"),
        ("pasport", "renew-passport"),  # typo
        ("renew passports", "renew-passport"),
        ("الاقامه", "renew-residence-permit"),
        ("إقامة", "renew-residence-permit"),
        ("residency", "renew-residence-permit"),
        ("police clearance", "certificate-of-good-conduct"),
        ("شهاده حسن السيره", "certificate-of-good-conduct"),
        ("سلفه", "personal-loan"),
        ("loans", "personal-loan"),
    ],
)
def test_query_finds_the_service_first(catalogue, query, expected):
    assert _top(query, 1) == [expected]


def test_unpublished_services_are_never_found(catalogue):
    assert "draft-service" not in _top("جواز", 10)
    assert "draft-service" not in _top("passport draft", 10)


def test_more_words_matched_ranks_higher_then_popularity(catalogue):
    # Both renewals match "renew"; the residence permit matches both words.
    assert _top("renew residence", 2) == ["renew-residence-permit", "renew-passport"]
    # One word matching several services: the most used comes first.
    assert _top("renew", 2) == ["renew-passport", "renew-residence-permit"]


def test_stopwords_and_empty_queries_find_nothing(catalogue):
    assert _top("the of and") == []
    assert _top("   ") == []
    assert _top("في من على") == []


def test_results_can_be_restricted_to_a_set_of_services(catalogue):
    only_bank = Service.objects.filter(provider__slug="gulf-pearl-bank")
    assert service_search("passport", only_bank).service_ids == []


def test_spelling_suggestion_corrects_typos_only(catalogue):
    assert spelling_suggestion("pasport") == "passport"
    assert spelling_suggestion("passport") is None


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_ranking_is_prepared_once_per_connection(catalogue):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    queries = ["passport renew", "visa", "renew passport fast", "driving licence"]
    for query in queries:
        service_search(query, Service.objects.published())
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            ["WITH q(term, position, quality)%"],
        )
        # One statement per number of words (1, 2 and 3), whatever the words.
        assert cursor.fetchone()[0] == 3
    # Prepared statements are still Django's queries: logged and counted.
    with CaptureQueriesContext(connection) as captured:
        service_search("passport", Service.objects.published())
    assert [q["sql"][:31] for q in captured] == ["WITH q(term, position, quality)"]
