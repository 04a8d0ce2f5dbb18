"""The sandbox gateway's hosted page (sandboxes/, its own process) in a real
Chromium: axe-clean in both languages through its error and 3-D Secure
pages, and payable without JavaScript with Arabic-Indic digits."""

from __future__ import annotations

import base64
import json
import urllib.request
import uuid
from typing import Any

import pytest

from tests.e2e.conftest import axe_violations, click_and_wait

MERCHANT = ("TEST-MERCHANT", "test-secret")  # config/settings/test.py and conftest.py


def _call(sandbox: Any, method: str, path: str, payload: Any = None) -> dict[str, Any]:
    data = None if payload is None else json.dumps(payload).encode()
    request = urllib.request.Request(sandbox.url + path, data=data, method=method)  # noqa: S310
    token = base64.b64encode(":".join(MERCHANT).encode()).decode()
    request.add_header("Authorization", f"Basic {token}")
    request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310  # the local sandbox
        result: dict[str, Any] = json.loads(answer.read())
        return result


def _checkout(sandbox: Any, **overrides: Any) -> dict[str, Any]:
    return _call(
        sandbox,
        "POST",
        "/gateway/api/checkouts",
        {
            "order_reference": "ORD-" + uuid.uuid4().hex[:12],
            "amount": 1500,
            "currency": "BHD",
            "description": "Passport renewal fee",
            "return_url": f"{sandbox.url}/healthz",
            "notify_url": "http://127.0.0.1:9/notify",
            "language": "en",
            **overrides,
        },
    )


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_hosted_pages_are_axe_clean(browser, sandbox, language):
    checkout = _checkout(sandbox, language=language)
    page = browser.new_page()
    try:
        page.goto(checkout["redirect_url"])
        assert page.locator("html").get_attribute("lang") == language
        assert axe_violations(page) == []
        page.fill("#card_number", "4111 1111 1111 1112")  # fails the Luhn check
        click_and_wait(page.locator("button[value=pay]"))
        assert page.locator(".error-summary").is_visible()
        assert axe_violations(page) == []
        page.fill("#card_number", "4000 0000 0000 3220")
        page.fill("#expiry", "12/39")
        page.fill("#security_code", "123")
        page.fill("#name", "Fatima Ali")
        click_and_wait(page.locator("button[value=pay]"))
        assert page.url.endswith("/challenge")
        assert axe_violations(page) == []
    finally:
        page.close()


def test_paying_without_javascript_with_arabic_digits(browser, sandbox):
    checkout = _checkout(sandbox, language="ar")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(checkout["redirect_url"])
        page.get_by_label("رقم البطاقة").fill("٤١١١ ١١١١ ١١١١ ١١١١")
        page.get_by_label("تاريخ انتهاء الصلاحية").fill("12/39")
        page.get_by_label("رمز الأمان").fill("123")
        page.get_by_label("الاسم على البطاقة").fill("فاطمة علي")
        click_and_wait(page.get_by_role("button", name="دفع"))
        page.wait_for_url("**/healthz?checkout_id=*")
    finally:
        context.close()
    state = _call(sandbox, "GET", f"/gateway/api/checkouts/{checkout['checkout_id']}")
    assert state["status"] == "succeeded"
