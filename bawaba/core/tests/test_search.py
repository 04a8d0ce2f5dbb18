import pytest
from django.utils import translation


@pytest.mark.django_db
def test_english_search_finds_an_information_page(client):
    html = client.get("/en/search/", {"q": "privacy"}).content.decode()
    assert 'href="/en/privacy/"' in html
    assert "1 result for" in html


@pytest.mark.django_db
def test_arabic_search_tolerates_spelling_variants(client):
    with translation.override("ar"):
        title = translation.gettext("Privacy notice")
    variant = title.replace("ة", "ه").replace("إ", "ا")
    html = client.get("/ar/search/", {"q": variant}).content.decode()
    assert 'href="/ar/privacy/"' in html


@pytest.mark.django_db
def test_no_results_offers_the_contact_centre_and_keeps_the_query(client):
    html = client.get("/en/search/", {"q": "zzzz unknown"}).content.decode()
    assert "No results" in html
    assert "80008001" in html
    assert 'value="zzzz unknown"' in html


@pytest.mark.django_db
def test_search_refuses_post_and_truncates_long_queries(client):
    assert client.post("/en/search/", {"q": "x"}).status_code == 405
    response = client.get("/en/search/", {"q": "a" * 5000})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="' + "a" * 200 + '"' in html
    assert 'value="' + "a" * 201 not in html
