"""axe-core finds no violations; pages work without JavaScript and at 320 px."""

import pytest

from tests.e2e.conftest import axe_violations, click_and_wait

PAGES = ["/", "/accounts/login/", "/accounts/signup/", "/commitments/"]


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("language", ["ar", "en"])
def test_axe_reports_no_violations(page, language, path):
    page.goto(f"/{language}{path}")
    assert axe_violations(page) == []


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_form_with_errors_has_no_axe_violations(page, language):
    page.goto(f"/{language}/accounts/signup/")
    click_and_wait(page.locator("main form button[type=submit]"))
    page.wait_for_selector("[data-error-summary]")
    assert axe_violations(page) == []


def test_home_page_works_without_javascript(page_without_javascript):
    page = page_without_javascript
    page.goto("/en/")
    assert page.locator("h1").is_visible()
    page.fill("#home-search", "privacy")
    click_and_wait(page.locator("main form button[type=submit]"))
    assert "/en/search/?q=privacy" in page.url
    assert page.get_by_role("link", name="Privacy notice").first.is_visible()
    page.goto("/en/")
    click_and_wait(page.locator('a[hreflang="ar"]').first)
    assert page.locator("html").get_attribute("dir") == "rtl"


@pytest.mark.parametrize("language", ["ar", "en"])
def test_pages_fit_a_320_pixel_screen(browser, live_server, transactional_db, language):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 320, "height": 640})
    page = context.new_page()
    for path in PAGES:
        page.goto(f"/{language}{path}")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
    context.close()


def test_home_page_is_under_150_kb_without_fonts_and_calls_no_other_host(page):
    sizes: dict[str, int] = {}

    def record(response):
        if "/fonts/" not in response.url:
            sizes[response.url] = len(response.body())

    page.on("response", record)
    page.goto("/ar/", wait_until="networkidle")
    assert sum(sizes.values()) < 150 * 1024, sizes


def test_keyboard_focus_is_visible_and_the_skip_link_comes_first(page):
    page.goto("/en/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
    assert page.locator(".skip-link").is_visible()
    outline = page.evaluate("getComputedStyle(document.activeElement).backgroundColor")
    assert outline == "rgb(255, 221, 0)"


def test_the_axe_check_does_catch_violations(page):
    """Guards the tests above against passing vacuously."""
    page.goto("/en/")
    page.set_content(
        '<html><body><img src="/static/img/logo.svg"><input type="text"></body></html>'
    )
    found = {violation["id"] for violation in axe_violations(page)}
    assert {"image-alt", "label", "html-has-lang"} <= found


@pytest.mark.parametrize("language", ["ar", "en"])
def test_signed_in_account_pages_have_no_axe_violations(page, language):
    from bawaba.accounts.tests.factories import PASSWORD, UserFactory
    from bawaba.accounts.tests.test_account_pages import CUSTOMER_PAGES

    user = UserFactory.create(mobile="+97336000001")
    page.goto(f"/{language}/accounts/login/")
    page.fill("#id_login", user.email)
    page.fill("#id_password", PASSWORD)
    click_and_wait(page.locator("main form button[type=submit]"))
    for path in CUSTOMER_PAGES:
        page.goto(f"/{language}{path}")
        assert axe_violations(page) == [], path
