"""Pure helpers, by tables of cases."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sandboxes.billers import mask_holder
from sandboxes.gateway import (
    card_digits,
    card_form_validate,
    fee_for,
    format_amount,
    luhn_ok,
    return_redirect,
)
from sandboxes.server import mask_cards
from sandboxes.settings import Settings, parse_pairs
from sandboxes.store import bahrain_date


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("4111111111111111", True),
        ("4000000000003220", True),
        ("4111111111111112", False),
        ("411111", False),
        ("", False),
    ],
)
def test_luhn(number: str, valid: bool) -> None:
    assert luhn_ok(number) is valid


def test_card_digits_normalises_arabic_indic_spaces_and_dashes() -> None:
    assert card_digits("٤١١١ ١١١١-١١١١ ۱۱۱۱") == "4111111111111111"


@pytest.mark.parametrize(("amount", "fee"), [(1, 50), (3333, 50), (3367, 51), (5100, 77)])
def test_fee(amount: int, fee: int) -> None:
    assert fee_for(amount) == fee


@pytest.mark.parametrize(
    ("fils", "language", "text"),
    [
        (1500, "en", "BD 1.500"),
        (1500, "ar", "1.500 د.ب"),
        (5, "en", "BD 0.005"),
        (-1500, "en", "BD -1.500"),
    ],
)
def test_format_amount(fils: int, language: str, text: str) -> None:
    assert format_amount(fils, language) == text


def test_return_redirect() -> None:
    assert return_redirect("https://a/r", "chk_1") == "https://a/r?checkout_id=chk_1"
    assert return_redirect("https://a/r?x=1", "chk_1") == "https://a/r?x=1&checkout_id=chk_1"


def test_mask_cards_and_holder() -> None:
    assert mask_cards("card 4111 1111 1111 1111 ok") == "card ****1111 ok"
    # The digits inside an identifier are not a card number.
    assert mask_cards("POST /gateway/pay/chk_ab19f980ae0802876441971e") == (
        "POST /gateway/pay/chk_ab19f980ae0802876441971e"
    )
    assert mask_cards("GET /healthz?card=4111111111111111") == "GET /healthz?card=****1111"
    assert mask_cards("SBX0123456789 chk_4111") == "SBX0123456789 chk_4111"
    assert mask_holder("Fatima  Ali") == "F*** A***"


def test_card_form() -> None:
    today = dt.date(2026, 12, 4)
    ok = card_form_validate(
        {
            "card_number": "4111 1111 1111 1111",
            "expiry": "12/26",
            "security_code": "123",
            "name": "A",
        },
        today,
    )
    assert ok.errors == {} and ok.number == "4111111111111111"
    bad = card_form_validate({"card_number": "x", "expiry": "13/30", "security_code": "12"}, today)
    assert bad.errors == {
        "card_number": "error_card_invalid",
        "expiry": "error_expiry_invalid",
        "security_code": "error_code_invalid",
        "name": "error_name_required",
    }
    past = card_form_validate({"expiry": "11/26"}, today)
    assert past.errors is not None and past.errors["expiry"] == "error_expiry_past"


def test_bahrain_date_is_utc_plus_three() -> None:
    assert bahrain_date("2026-12-04T20:59:59Z") == "2026-12-04"
    assert bahrain_date("2026-12-04T21:00:00Z") == "2026-12-05"


def test_settings_from_env_and_command_line() -> None:
    assert parse_pairs(" a=1, b=2 ,") == {"a": "1", "b": "2"}
    with pytest.raises(ValueError):
        parse_pairs("nosecret")
    settings = Settings.build(
        data_dir=Path("."),
        merchants=["b=3"],
        billers=[],
        retry_base=1,
        retries=8,
        environ={"SANDBOX_MERCHANTS": "a=1,b=2", "SANDBOX_BILLERS": "ewa=e"},
    )
    assert settings.merchants == {"a": "1", "b": "3"} and settings.billers == {"ewa": "e"}
