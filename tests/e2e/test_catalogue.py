"""Finding a service in a real browser, in both languages."""

import pytest
from django.utils import translation

from bawaba.catalogue.tests.conftest import catalogue  # noqa: F401  # the shared fixture
from tests.e2e.conftest import axe_violations, click_and_wait


def _t(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


def test_arabic_search_with_a_spelling_variant_opens_the_service_then_english(
    page,
    catalogue,  # noqa: F811
):
    page.goto("/ar/")
    # No hamza, haa for taa marbuta, and the definite article.
    page.fill("#home-search", "التاشيره")
    click_and_wait(page.locator("main form button[type=submit]"))
    assert "/ar/search/" in page.url
    first = page.locator(".service-list__title a").first
    assert first.inner_text() == "التأشيرة الإلكترونية للزوار"
    click_and_wait(first)
    assert page.url.endswith("/ar/services/electronic-visa/")
    assert page.locator("h1").inner_text() == "التأشيرة الإلكترونية للزوار"
    click_and_wait(page.locator('a[hreflang="en"]').first)
    assert page.url.endswith("/en/services/electronic-visa/")
    assert page.locator("h1").inner_text() == "Electronic visa for visitors"
    assert page.locator("html").get_attribute("dir") == "ltr"


def test_search_filters_work_without_javascript(
    page_without_javascript,
    catalogue,  # noqa: F811
):
    page = page_without_javascript
    page.goto("/en/search/?q=renew")
    page.locator("main summary").click()
    page.select_option("#filter-audience", "visitors")
    click_and_wait(page.locator("main details button[type=submit]"))
    assert "audience=visitors" in page.url
    assert "Renew your passport" not in page.locator("main").inner_text().split("Most used")[0]


@pytest.mark.parametrize("language", ["ar", "en"])
def test_catalogue_pages_have_no_axe_violations(
    page,
    catalogue,  # noqa: F811
    language,
):
    provider = catalogue["visa"].provider.slug
    for path in [
        "/",
        "/search/?q=visa",
        "/search/?q=zzqx",
        "/services/electronic-visa/",
        f"/providers/{provider}/",
        "/providers/",
        "/services/",
        "/audiences/visitors/",
        "/services/electronic-visa/report-a-problem/",
    ]:
        page.goto(f"/{language}{path}")
        assert axe_violations(page) == [], path
