"""The home page's look, with the demo catalogue and open consultations loaded:
axe-clean in both languages, within its first-view budget, nothing from
another host, the icons drawn from the sprite, no sideways scroll at 390 px."""

from __future__ import annotations

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command

from tests.e2e.conftest import axe_violations

BUDGET = 150 * 1024


@pytest.fixture
def demo(transactional_db):
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    call_command("load_demo_participation", "consultations", stdout=out)
    cache.clear()


def _weigh(page, path: str) -> dict[str, int]:
    sizes: dict[str, int] = {}

    def record(response):
        if "/fonts/" not in response.url:
            sizes[response.url] = len(response.body())

    page.on("response", record)
    page.goto(path, wait_until="networkidle")
    page.remove_listener("response", record)
    return sizes


@pytest.mark.parametrize("language", ["ar", "en"])
def test_home_is_axe_clean_within_budget_and_draws_its_icons_from_the_sprite(page, demo, language):
    sizes = _weigh(page, f"/{language}/")
    assert sum(sizes.values()) < BUDGET, sizes
    assert any(url.endswith("/static/img/icons.svg") for url in sizes), sizes
    for section in ["home-tasks", "home-contact", "home-audiences", "home-life-events"]:
        assert page.locator(f"#{section}").is_visible(), section
    assert page.locator("#home-consultations-title").is_visible()
    # Every icon is decorative and drawn: the sprite's symbol has a size.
    icons = page.locator("main svg.icon")
    assert icons.count() > 20
    assert page.locator('main svg.icon:not([aria-hidden="true"])').count() == 0
    box = page.locator(".icon-card svg.icon").first.bounding_box()
    assert box is not None and box["width"] >= 24
    assert axe_violations(page) == []
    # foreign requests are checked by the page fixture when it closes


def test_arrows_point_the_way_the_page_reads(page, demo):
    page.goto("/ar/")
    arrow = page.locator(".task-link svg.icon").first
    assert "matrix(-1" in arrow.evaluate("node => getComputedStyle(node).transform")
    page.goto("/en/")
    arrow = page.locator(".task-link svg.icon").first
    assert arrow.evaluate("node => getComputedStyle(node).transform") == "none"


@pytest.mark.parametrize("language", ["ar", "en"])
def test_home_fits_a_390_pixel_phone_without_sideways_scroll(browser, live_server, demo, language):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"/{language}/")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the home page scrolls sideways by {overflow}px"
    assert page.locator("#home-search").is_visible()
    context.close()


def test_the_cards_work_without_javascript(page_without_javascript, demo):
    page = page_without_javascript
    page.goto("/en/")
    with page.expect_navigation(wait_until="load"):
        page.locator(".icon-card").first.click(position={"x": 10, "y": 10})
    assert "/en/audiences/" in page.url
