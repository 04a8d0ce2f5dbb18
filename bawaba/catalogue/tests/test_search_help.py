"""A search that has nothing to list still helps: the empty search page and
the no-result page offer the most used services and ways to browse, in both
languages, never a blank page."""

import pytest
from django.utils import translation


def _t(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


def _help_is_offered(html: str, language: str, catalogue) -> None:
    assert _t(language, "Most used services") in html
    assert catalogue["visa"].get_absolute_url() in html  # the most used service
    assert f'href="/{language}/audiences/visitors/"' in html
    assert f'href="/{language}/categories/banking/"' in html
    assert f'href="/{language}/services/"' in html  # A to Z


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_empty_search_page_offers_popular_services_and_browsing(client, catalogue, language):
    for params in ({}, {"q": ""}, {"q": "   "}):
        response = client.get(f"/{language}/search/", params)
        assert response.status_code == 200
        html = response.content.decode()
        _help_is_offered(html, language, catalogue)
        assert '<ol class="service-list">' not in html


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_search_without_results_offers_help(client, catalogue, language):
    html = client.get(f"/{language}/search/", {"q": "zzqx qqzz"}).content.decode()
    assert _t(language, "No services match your search") in html
    _help_is_offered(html, language, catalogue)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize("query", ["كيف", "how do I", "شلون وين"])
def test_a_question_with_no_searchable_word_still_gets_help(client, catalogue, language, query):
    response = client.get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200
    _help_is_offered(response.content.decode(), language, catalogue)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_misspelt_query_gets_a_spelling_suggestion(client, catalogue, language):
    html = client.get(f"/{language}/search/", {"q": "qqzzx"}).content.decode()
    assert '<ol class="service-list">' not in html
    # "qqzzx" is nobody's typo: no suggestion, but help all the same.
    assert _t(language, "Did you mean") not in html
    _help_is_offered(html, language, catalogue)
    # A typo the filters leave nothing for: the corrected words are offered.
    params = {"q": "pasportt", "category": "banking"}
    html = client.get(f"/{language}/search/", params).content.decode()
    assert '<ol class="service-list">' not in html
    assert _t(language, "Did you mean") in html
    assert "?q=passport" in html
    _help_is_offered(html, language, catalogue)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "en"])
def test_queries_as_people_type_them_find_the_service(client, catalogue, language):
    for query in ("ڤيزا", "how do I renew my passport", "شلون اجدد الجواز", "tajdeed jawaz"):
        html = client.get(f"/{language}/search/", {"q": query}).content.decode()
        assert '<ol class="service-list">' in html, query


@pytest.mark.django_db
def test_a_search_of_punctuation_only_gets_help_not_every_service(client):
    response = client.get("/en/search/", {"q": "؟؟ ..."})
    assert response.status_code == 200
    assert response.context["total"] == 0
    assert response.context["popular"] is not None
