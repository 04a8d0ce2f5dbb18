"""A search with nothing to list helps in a real browser: the no-result page
and the empty search page, in both languages, with no axe violations and
without JavaScript."""

import pytest

from bawaba.catalogue.tests.conftest import catalogue  # noqa: F401  # the shared fixture
from tests.e2e.conftest import axe_violations, click_and_wait


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_help_pages_have_no_axe_violations(
    page,
    catalogue,  # noqa: F811
    language,
):
    for path in [
        "/search/?q=zzqx+qqzz",
        "/search/?q=pasportt&category=banking",  # a spelling suggestion
        "/search/?q=",
        "/search/?q=%D9%83%D9%8A%D9%81",  # "كيف" alone: no word to search
    ]:
        page.goto(f"/{language}{path}")
        assert page.locator("#search-help-popular").count() == 1, path
        assert axe_violations(page) == [], path


def test_browsing_from_the_no_result_page_works_without_javascript(
    page_without_javascript,
    catalogue,  # noqa: F811
):
    page = page_without_javascript
    page.goto("/en/search/?q=zzqx")
    click_and_wait(page.locator("#search-help-categories + ul a").first)
    assert "/en/categories/" in page.url
    page.goto("/ar/search/")
    click_and_wait(page.locator("#search-help-popular + ul a").first)
    assert page.url.endswith("/ar/services/electronic-visa/")
