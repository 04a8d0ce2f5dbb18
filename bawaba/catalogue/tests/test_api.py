"""The open data API's contract: shapes, bilingual fields, pagination, caching."""

import pytest

BILINGUAL = {"ar", "en"}


@pytest.mark.django_db
def test_service_list_is_paginated_with_bilingual_fields(client, catalogue):
    response = client.get("/api/v1/services")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 5  # the draft service is not published
    assert body["previous"] is None
    service = next(s for s in body["results"] if s["slug"] == "electronic-visa")
    assert set(service) >= {
        "slug",
        "title",
        "url",
        "provider",
        "audiences",
        "categories",
        "online",
        "fee_fils",
        "processing_time",
        "last_reviewed",
    }
    assert service["title"] == {
        "ar": "التأشيرة الإلكترونية للزوار",
        "en": "Electronic visa for visitors",
    }
    assert set(service["processing_time"]) == BILINGUAL
    assert service["url"] == {
        "ar": "http://testserver/ar/services/electronic-visa/",
        "en": "http://testserver/en/services/electronic-visa/",
    }
    assert service["provider"]["slug"] == "npra"
    assert set(service["provider"]["name"]) == BILINGUAL
    assert service["provider"]["kind"] == "government"
    assert service["audiences"] == ["visitors"]
    assert service["online"] is True
    assert service["fee_fils"] == 2000
    assert service["last_reviewed"] == "2026-09-01"


@pytest.mark.django_db
def test_query_results_come_in_relevance_order(client, catalogue):
    body = client.get("/api/v1/services", {"q": "فيزا"}).json()
    assert body["results"][0]["slug"] == "electronic-visa"
    body = client.get("/api/v1/services", {"q": "renew residence"}).json()
    assert [s["slug"] for s in body["results"][:2]] == [
        "renew-residence-permit",
        "renew-passport",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"audience": "visitors"}, {"electronic-visa"}),
        ({"provider": "gulf-pearl-bank"}, {"personal-loan"}),
        ({"category": "banking"}, {"personal-loan"}),
        ({"online": "false", "q": "conduct"}, {"certificate-of-good-conduct"}),
        ({"online": "true", "q": "conduct"}, set()),
        ({"audience": "no-such-audience"}, set()),
    ],
)
def test_service_list_filters(client, catalogue, params, expected):
    body = client.get("/api/v1/services", params).json()
    assert {s["slug"] for s in body["results"]} == expected


@pytest.mark.django_db
def test_pages_link_to_each_other(client, catalogue):
    body = client.get("/api/v1/services", {"page_size": 2}).json()
    assert body["count"] == 5 and len(body["results"]) == 2
    assert body["next"].startswith("http://testserver/api/v1/services")
    second = client.get(body["next"]).json()
    assert second["previous"] is not None
    assert client.get("/api/v1/services", {"page": 99}).status_code == 404


@pytest.mark.django_db
def test_service_detail_and_404_for_unpublished(client, catalogue):
    body = client.get("/api/v1/services/electronic-visa").json()
    assert body["slug"] == "electronic-visa"
    assert body["documents"] == {"ar": ["البطاقة الذكية"], "en": ["Smart card"]}
    assert set(body["channels"]) == {"online", "in_person"}
    assert client.get("/api/v1/services/draft-service").status_code == 404
    assert client.get("/api/v1/services/nothing").status_code == 404


@pytest.mark.django_db
def test_providers_and_categories(client, catalogue):
    providers = client.get("/api/v1/providers").json()
    kinds = {p["slug"]: p["kind"] for p in providers["results"]}
    assert kinds["gulf-pearl-bank"] == "private"
    assert set(providers["results"][0]["name"]) == BILINGUAL
    categories = client.get("/api/v1/categories").json()
    assert {c["slug"] for c in categories["results"]} == {"travel-and-visas", "banking"}


@pytest.mark.django_db
def test_responses_carry_etag_and_cache_control_and_answer_304(client, catalogue):
    response = client.get("/api/v1/services/electronic-visa")
    etag = response["ETag"]
    assert response["Cache-Control"] == "public, max-age=300"
    again = client.get("/api/v1/services/electronic-visa", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""


@pytest.mark.django_db
def test_the_api_is_read_only_and_needs_no_sign_in(client, catalogue):
    assert client.post("/api/v1/services", {}).status_code == 405
    assert client.delete("/api/v1/services/electronic-visa").status_code == 405


@pytest.mark.django_db
def test_openapi_schema_describes_the_endpoints(client):
    response = client.get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert {"/api/v1/services", "/api/v1/services/{slug}", "/api/v1/providers"} <= {
        path.rstrip("/") for path in schema["paths"]
    } | set(schema["paths"])


@pytest.mark.django_db
def test_services_run_on_the_portal_give_the_portal_apply_page(client, catalogue):
    from django.utils import timezone

    from bawaba.eservices.models import EService

    EService.objects.create(service=catalogue["passport"])
    body = client.get("/api/v1/services/renew-passport").json()
    assert body["eservice"] is True
    assert body["online_url"] == "http://testserver/ar/services/renew-passport/apply/"
    # Elsewhere the provider's own site, and no e-service.
    visa = client.get("/api/v1/services/electronic-visa").json()
    assert visa["eservice"] is False
    assert visa["online_url"] == catalogue["visa"].online_url
    listed = {s["slug"]: s["eservice"] for s in client.get("/api/v1/services").json()["results"]}
    assert listed["renew-passport"] is True and listed["electronic-visa"] is False
    # A retired e-service is no longer applied for on the portal.
    EService.objects.filter(service=catalogue["passport"]).update(retired_at=timezone.now())
    body = client.get("/api/v1/services/renew-passport").json()
    assert body["eservice"] is False
    assert body["online_url"] == catalogue["passport"].online_url


@pytest.mark.django_db
@pytest.mark.parametrize("page_size", ["abc", "0", "-3", "101", "2.5"])
def test_a_bad_page_size_is_a_400_problem(client, catalogue, page_size):
    response = client.get("/api/v1/services", {"page_size": page_size})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 400
    assert "page_size" in problem["errors"]


@pytest.mark.django_db
def test_a_missing_service_is_a_404_problem(client, catalogue):
    response = client.get("/api/v1/services/nothing")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 404


@pytest.mark.django_db
def test_the_schema_says_what_the_api_does(client):
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    components = schema["components"]["schemas"]
    for name in ("Service", "ServiceDetail"):
        properties = components[name]["properties"]
        assert properties["fee_fils"].get("nullable") is True, name
        assert properties["eservice"]["type"] == "boolean", name
    assert components["ServiceDetail"]["properties"]["online_url"]["type"] == "string"
    detail = schema["paths"]["/api/v1/services/{slug}"]["get"]["responses"]
    assert "404" in detail and "application/problem+json" in detail["404"]["content"]
    listing = schema["paths"]["/api/v1/services"]["get"]["responses"]
    assert "400" in listing and "application/problem+json" in listing["400"]["content"]
    assert "429" in listing
