"""Real-browser tests: Playwright drives the system's Chromium against a live server.

Never downloads a browser. Without Chromium (or Playwright) the tests are skipped
with a printed reason; BAWABA_REQUIRE_BROWSER=1 (set by .ci/run) fails them instead.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import require_or_skip

CHROMIUM = os.environ.get("BAWABA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

# The Playwright sync API runs an event loop in this thread; the live server's
# database work happens in its own thread, so Django's async guard does not apply.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        require_or_skip("BAWABA_REQUIRE_BROWSER", f"needs Chromium at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require_or_skip("BAWABA_REQUIRE_BROWSER", "needs Playwright for Python")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class ForeignRequests(list[str]):
    """Every request the page made to a host other than the live server."""


@pytest.fixture
def foreign_requests() -> ForeignRequests:
    return ForeignRequests()


def _context(browser, live_server, foreign_requests, **options):
    context = browser.new_context(base_url=live_server.url, **options)
    server_host = urlsplit(live_server.url).hostname

    def watch(request):
        from django.conf import settings

        host = urlsplit(request.url).hostname
        # The sandbox of the external parties (the payment gateway's hosted
        # page) is a process of the test run, not a third-party host.
        ours = request.url.startswith(settings.PAYMENTS_SANDBOX_URL)
        if request.url.startswith(("http://", "https://")) and host != server_host and not ours:
            foreign_requests.append(request.url)

    context.on("request", watch)
    return context


@pytest.fixture
def page(browser, live_server, foreign_requests, transactional_db):
    context = _context(browser, live_server, foreign_requests)
    page = context.new_page()
    yield page
    context.close()
    assert not foreign_requests, f"requests to other hosts: {foreign_requests}"


@pytest.fixture
def page_without_javascript(browser, live_server, foreign_requests, transactional_db):
    context = _context(browser, live_server, foreign_requests, java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


def click_and_wait(locator, *, wait_until: str = "load") -> None:
    """Click something that loads a page (a link, a form's button) and return once
    that page has loaded.

    A bare ``click()`` returns as soon as the click is dispatched: what comes next
    could read the page before it (still loaded, so ``wait_for_load_state`` passes
    at once), or the database before the server has handled the request. A page
    that answers a form with the same address (its errors) is waited for too,
    which ``wait_for_url`` cannot do.
    """
    with locator.page.expect_navigation(wait_until=wait_until):
        locator.click()


def sign_in(context, live_server, user) -> None:
    """Sign ``user`` in to the browser ``context`` without the sign-in form (and
    its two-step code): a session made by Django's test client, as a cookie."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def axe_violations(page) -> list[dict]:
    """Run axe-core (shipped inside the axe-playwright-python package) on the page."""
    import axe_playwright_python

    script = Path(axe_playwright_python.__file__).with_name("axe.min.js").read_text()
    page.evaluate(script)
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: [
                'wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'
            ]}
        })"""
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]
