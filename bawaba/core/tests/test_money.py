"""Amounts in dinars as staff type them, read as integer fils."""

import pytest

from bawaba.core.money import MAX_FILS, format_dinars, parse_dinars


@pytest.mark.parametrize(
    ("typed", "fils"),
    [
        ("12.500", 12_500),
        ("12.5", 12_500),
        ("12.05", 12_050),
        ("12", 12_000),
        ("0.050", 50),
        (".5", 500),
        ("12.", 12_000),
        (" 12.500 ", 12_500),
        ("١٢٫٥٠٠", 12_500),
        ("١٢٫٥", 12_500),
        ("١٢.٥", 12_500),
        ("۱۲٫۵", 12_500),
        ("1,250", 1_250_000),
        ("1,250.750", 1_250_750),
        ("١٬٢٥٠٫٧٥٠", 1_250_750),
        ("BD 12.500", 12_500),
        ("12.500 د.ب", 12_500),
        ("bhd 3", 3_000),
        ("0", 0),
        ("2147483.647", MAX_FILS),
    ],
)
def test_amounts_typed_in_dinars_are_read_as_fils(typed, fils):
    assert parse_dinars(typed) == fils


@pytest.mark.parametrize(
    "typed",
    [
        "",
        " ",
        ".",
        "abc",
        "12.5000",
        "12.0001",
        "-5",
        "+5",
        "1e3",
        "12,5",
        "1,25,000",
        "12\x00",
        "2147483.648",
        "9" * 30,
        "99999999999999",
        "12..5",
        "1.2.3",
        "१२",
        "١٢٫٥٫٠",
        "NaN",
        "Infinity",
    ],
)
def test_anything_else_is_refused(typed):
    with pytest.raises(ValueError, match=r".+"):
        parse_dinars(typed)


@pytest.mark.parametrize("fils", [0, 1, 50, 12_500, 1_250_750, MAX_FILS])
def test_what_is_shown_reads_back_as_the_same_amount(fils):
    assert parse_dinars(format_dinars(fils, "en")) == fils
    assert parse_dinars(format_dinars(fils, "ar")) == fils
