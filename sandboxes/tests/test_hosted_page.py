"""The hosted payment page, driven by real form POSTs as a browser without JavaScript would."""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any

import pytest

from .support import MERCHANT, Client

NewCheckout = Callable[..., dict[str, Any]]
CARD = {"expiry": "12/39", "security_code": "123", "name": "Fatima Ali", "action": "pay"}


class Labels(HTMLParser):
    """Collects label[for] targets and inputs (id → attributes)."""

    def __init__(self) -> None:
        super().__init__()
        self.label_for: set[str] = set()
        self.inputs: dict[str, dict[str, str | None]] = {}
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(str(attributes["id"]))
        if tag == "label" and attributes.get("for"):
            self.label_for.add(str(attributes["for"]))
        if tag == "input":
            self.inputs[str(attributes.get("id"))] = attributes


def parse(html: str) -> Labels:
    parser = Labels()
    parser.feed(html)
    return parser


def state(client: Client, checkout_id: str) -> dict[str, Any]:
    result: dict[str, Any] = client.get(
        f"/gateway/api/checkouts/{checkout_id}", auth=MERCHANT
    ).json()
    return result


def test_arabic_page_is_right_to_left_accessible_and_moves_to_in_progress(
    client: Client, new_checkout: NewCheckout
) -> None:
    checkout = new_checkout(language="ar", amount=1500, merchant_name="بوابة الحكومة")
    page = client.get(f"/gateway/pay/{checkout['checkout_id']}")
    assert page.status == 200
    html = page.text
    assert '<html lang="ar" dir="rtl">' in html
    assert "<bdi>1.500 د.ب</bdi>" in html
    assert "بوابة الحكومة" in html and "Passport renewal fee" in html
    assert "بطاقات الاختبار" in html and "4000 0000 0000 3220" in html
    assert "http://" not in html.split("<main>")[0]  # no external assets
    assert "<script" not in html
    parsed = parse(html)
    for name, token in [
        ("card_number", "cc-number"),
        ("expiry", "cc-exp"),
        ("security_code", "cc-csc"),
        ("name", "cc-name"),
    ]:
        assert name in parsed.label_for
        assert parsed.inputs[name]["autocomplete"] == token
    assert parsed.inputs["card_number"]["inputmode"] == "numeric"
    assert ":focus" in html
    assert state(client, checkout["checkout_id"])["status"] == "in_progress"


def test_english_page(client: Client, new_checkout: NewCheckout) -> None:
    checkout = new_checkout(language="en", amount=12345, description="<script>x</script>")
    html = client.get(f"/gateway/pay/{checkout['checkout_id']}").text
    assert "<script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
    assert '<html lang="en" dir="ltr">' in html
    assert "<bdi>BD 12.345</bdi>" in html
    assert "Cancel and go back" in html and "Test cards" in html


def test_unknown_checkout_is_a_404_page(client: Client) -> None:
    answer = client.get("/gateway/pay/chk_0000")
    assert answer.status == 404 and "<html" in answer.text


def pay(client: Client, checkout_id: str, card_number: str, **fields: str) -> Any:
    return client.post(
        f"/gateway/pay/{checkout_id}", form={**CARD, "card_number": card_number, **fields}
    )


@pytest.mark.parametrize(
    ("card", "status", "reason"),
    [
        ("4111 1111 1111 1111", "succeeded", ""),
        ("4000 0000 0000 0002", "failed", "declined"),
        ("4000000000009995", "failed", "insufficient_funds"),
        ("4000-0000-0000-0119", "failed", "timeout"),
        ("٤١١١ ١١١١ ١١١١ ١١١١", "succeeded", ""),
    ],
)
def test_form_post_outcomes_redirect_to_return_url(
    client: Client, new_checkout: NewCheckout, card: str, status: str, reason: str
) -> None:
    checkout = new_checkout(return_url="https://portal.example/return?lang=ar")
    checkout_id = checkout["checkout_id"]
    client.get(f"/gateway/pay/{checkout_id}")
    answer = pay(client, checkout_id, card)
    assert answer.status == 303
    assert answer.headers["location"] == (
        f"https://portal.example/return?lang=ar&checkout_id={checkout_id}"
    )
    current = state(client, checkout_id)
    assert (current["status"], current["reason"]) == (status, reason)


def test_arabic_indic_digits_in_every_field(client: Client, new_checkout: NewCheckout) -> None:
    checkout = new_checkout()
    answer = pay(
        client,
        checkout["checkout_id"],
        "٤١١١-١١١١-١١١١-١١١١",
        expiry="١٢/٣٩",
        security_code="٣٢١",
    )
    assert answer.status == 303
    assert state(client, checkout["checkout_id"])["status"] == "succeeded"


def test_luhn_error_reshows_the_form_with_a_message(
    client: Client, new_checkout: NewCheckout
) -> None:
    checkout = new_checkout(language="ar")
    checkout_id = checkout["checkout_id"]
    answer = pay(client, checkout_id, "4111 1111 1111 1112", name="فاطمة علي")
    assert answer.status == 200
    html = answer.text
    assert "رقم البطاقة غير صحيح" in html
    assert 'class="error-summary"' in html and 'href="#card_number"' in html
    assert "<title>خطأ:" in html
    parsed = parse(html)
    assert parsed.inputs["card_number"]["value"] == "4111 1111 1111 1112"
    assert parsed.inputs["card_number"]["aria-invalid"] == "true"
    assert "card_number-error" in str(parsed.inputs["card_number"]["aria-describedby"])
    assert parsed.inputs["name"]["value"] == "فاطمة علي"
    assert state(client, checkout_id)["status"] == "in_progress"


def test_every_missing_field_is_listed(client: Client, new_checkout: NewCheckout) -> None:
    checkout = new_checkout()
    answer = client.post(f"/gateway/pay/{checkout['checkout_id']}", form={"action": "pay"})
    links = re.findall(r'<li><a href="#([a-z_]+)">', answer.text)
    assert links == ["card_number", "expiry", "security_code", "name"]
    expired = pay(client, checkout["checkout_id"], "4111111111111111", expiry="01/20")
    assert "This card has expired" in expired.text


def test_three_d_secure_challenge_passes_with_1234(
    client: Client, new_checkout: NewCheckout
) -> None:
    checkout = new_checkout(language="ar")
    checkout_id = checkout["checkout_id"]
    answer = pay(client, checkout_id, "4000 0000 0000 3220")
    assert answer.status == 303
    assert answer.headers["location"] == f"/gateway/pay/{checkout_id}/challenge"
    page = client.get(f"/gateway/pay/{checkout_id}/challenge")
    assert page.status == 200 and "رمز التحقق" in page.text
    assert parse(page.text).inputs["code"]["autocomplete"] == "one-time-code"
    assert state(client, checkout_id)["status"] == "in_progress"

    empty = client.post(f"/gateway/pay/{checkout_id}/challenge", form={"code": ""})
    assert empty.status == 200 and "يرجى إدخال رمز التحقق" in empty.text

    done = client.post(f"/gateway/pay/{checkout_id}/challenge", form={"code": "١٢٣٤"})
    assert done.status == 303
    assert done.headers["location"].endswith(f"checkout_id={checkout_id}")
    assert state(client, checkout_id)["status"] == "succeeded"


def test_three_d_secure_challenge_fails_with_another_code(
    client: Client, new_checkout: NewCheckout
) -> None:
    checkout = new_checkout()
    checkout_id = checkout["checkout_id"]
    pay(client, checkout_id, "4000000000003220")
    done = client.post(f"/gateway/pay/{checkout_id}/challenge", form={"code": "9999"})
    assert done.status == 303
    current = state(client, checkout_id)
    assert (current["status"], current["reason"]) == ("failed", "authentication_failed")


def test_challenge_without_a_pending_challenge_goes_back_to_the_form(
    client: Client, new_checkout: NewCheckout
) -> None:
    checkout = new_checkout()
    answer = client.get(f"/gateway/pay/{checkout['checkout_id']}/challenge")
    assert answer.status == 303
    assert answer.headers["location"] == f"/gateway/pay/{checkout['checkout_id']}"


def test_cancel_and_finished_page(client: Client, new_checkout: NewCheckout) -> None:
    checkout = new_checkout(return_url="https://portal.example/return")
    checkout_id = checkout["checkout_id"]
    answer = client.post(f"/gateway/pay/{checkout_id}", form={"action": "cancel"})
    assert answer.status == 303
    assert answer.headers["location"] == (
        f"https://portal.example/return?checkout_id={checkout_id}"
    )
    current = state(client, checkout_id)
    assert (current["status"], current["reason"]) == ("cancelled", "cancelled")

    page = client.get(f"/gateway/pay/{checkout_id}")
    assert page.status == 200
    assert "This payment is already finished" in page.text
    assert f'href="https://portal.example/return?checkout_id={checkout_id}"' in page.text
    assert 'name="card_number"' not in page.text
    # A late form post changes nothing.
    late = pay(client, checkout_id, "4111111111111111")
    assert late.status == 303
    assert state(client, checkout_id)["status"] == "cancelled"
