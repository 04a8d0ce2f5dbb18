"""The hosted page in a real Chromium: axe-clean in both languages, and payable without
JavaScript. Skipped without Chromium or Playwright (BAWABA_REQUIRE_BROWSER=1 fails instead)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from .support import MERCHANT, Client

pytestmark = pytest.mark.browser
CHROMIUM = os.environ.get("BAWABA_CHROMIUM", "/usr/bin/chromium")
NewCheckout = Callable[..., dict[str, Any]]


def skip_or_fail(reason: str) -> None:
    if os.environ.get("BAWABA_REQUIRE_BROWSER") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        skip_or_fail(f"needs Chromium at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("needs Playwright for Python")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        yield browser
        browser.close()


def axe_violations(page: Any) -> list[dict[str, Any]]:
    import axe_playwright_python

    script = Path(axe_playwright_python.__file__).with_name("axe.min.js").read_text()
    page.evaluate(script)
    result = page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag', values: [
            'wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})"""
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


@pytest.mark.parametrize("language", ["ar", "en"])
def test_hosted_pages_are_axe_clean(
    chromium: Any, new_checkout: NewCheckout, language: str
) -> None:
    checkout = new_checkout(language=language)
    page = chromium.new_page()
    try:
        page.goto(checkout["redirect_url"])
        assert axe_violations(page) == []
        page.fill("#card_number", "4111 1111 1111 1112")
        page.click("button[value=pay]")
        assert page.locator(".error-summary").is_visible()
        assert axe_violations(page) == []
        page.fill("#card_number", "4000 0000 0000 3220")
        page.fill("#expiry", "12/39")
        page.fill("#security_code", "123")
        page.fill("#name", "Fatima Ali")
        page.click("button[value=pay]")
        assert page.url.endswith("/challenge")
        assert axe_violations(page) == []
    finally:
        page.close()


def test_paying_without_javascript(
    chromium: Any, client: Client, new_checkout: NewCheckout, sandbox: Any
) -> None:
    checkout = new_checkout(language="ar", return_url=f"{sandbox.url}/healthz")
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(checkout["redirect_url"])
        page.get_by_label("رقم البطاقة").fill("٤١١١ ١١١١ ١١١١ ١١١١")
        page.get_by_label("تاريخ انتهاء الصلاحية").fill("12/39")
        page.get_by_label("رمز الأمان").fill("123")
        page.get_by_label("الاسم على البطاقة").fill("فاطمة علي")
        page.get_by_role("button", name="دفع").click()
        page.wait_for_url("**/healthz?checkout_id=*")
    finally:
        context.close()
    state = client.get(f"/gateway/api/checkouts/{checkout['checkout_id']}", auth=MERCHANT)
    assert state.json()["status"] == "succeeded"
