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


def test_a_search_reads_what_it_read_before_once_per_catalogue_version(catalogue):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bawaba.catalogue.search import services_reindex

    assert "personal-loan" not in _top("passport", 10)
    assert _top("passport qwzxv", 10) == _top("passport", 10)  # a word no service carries
    # The same words again: postings, candidates and the words' matches are
    # kept in this process, and nothing is read, not even for the unknown word.
    with CaptureQueriesContext(connection) as captured:
        found = service_search("passport qwzxv", Service.objects.published())
    assert found.service_ids
    assert captured.captured_queries == []
    # A service now says "passport": the index changes, and so does the version.
    loan = Service.objects.get(slug="personal-loan")
    loan.title_en = "Personal loan for passport holders"
    loan.save()
    services_reindex([loan])
    assert "personal-loan" in _top("passport", 10)


def test_a_service_unpublished_leaves_the_results_when_the_catalogue_changes(catalogue):
    from bawaba.catalogue.cache import catalogue_changed

    assert _top("visa", 1) == ["electronic-visa"]
    Service.objects.filter(slug="electronic-visa").update(is_published=False)
    catalogue_changed()
    assert "electronic-visa" not in _top("visa", 10)


def test_a_provider_closed_leaves_the_results_within_the_candidates_timeout(catalogue, monkeypatch):
    """Closing a provider in the accounts' administration changes no catalogue
    version: the candidates kept are read again after their timeout."""
    import time

    from bawaba.accounts.models import Organisation
    from bawaba.catalogue import ranking

    assert _top("visa", 1) == ["electronic-visa"]
    Organisation.objects.filter(slug="npra").update(is_active=False)
    assert _top("visa", 1) == ["electronic-visa"]  # kept, and the page cache would be too
    later = time.monotonic() + ranking.CANDIDATES_TIMEOUT + 1
    monkeypatch.setattr(ranking.time, "monotonic", lambda: later)
    assert "electronic-visa" not in _top("visa", 10)


@pytest.mark.django_db
def test_a_change_inside_a_transaction_changes_the_version_again_once_it_commits(
    django_capture_on_commit_callbacks,
):
    """A process that read the data between the first change and the commit
    kept it under the first new version, which is then already old."""
    from django.db import transaction

    from bawaba.catalogue.cache import catalogue_changed, catalogue_version

    before = catalogue_version()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        catalogue_changed()
        during = catalogue_version()
        assert during != before
    assert catalogue_version() not in (before, during)
