import pytest
from django.core.exceptions import ValidationError

from bawaba.core.identifiers import (
    normalise_cpr,
    normalise_digits,
    normalise_mobile,
    normalise_passport,
)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("٠١٢٣٤٥٦٧٨٩", "0123456789"),
        ("۰۱۲۳۴۵۶۷۸۹", "0123456789"),
        ("APP-٧K٣Q", "APP-7K3Q"),
        ("no digits", "no digits"),
    ],
)
def test_normalise_digits_turns_arabic_indic_into_western(typed, expected):
    assert normalise_digits(typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("900101234", "900101234"),
        ("٩٠٠١٠١٢٣٤", "900101234"),
        ("900 101 234", "900101234"),
        ("900-101-234", "900101234"),
    ],
)
def test_cpr_accepts_nine_digits_in_any_script(typed, expected):
    assert normalise_cpr(typed) == expected


@pytest.mark.parametrize("typed", ["", "12345678", "1234567890", "90010123A", "abcdefghi"])
def test_cpr_refuses_anything_but_nine_digits(typed):
    with pytest.raises(ValidationError) as error:
        normalise_cpr(typed)
    assert error.value.code == "invalid_cpr"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("36000000", "+97336000000"),
        ("3600 0000", "+97336000000"),
        ("+973 3600 0000", "+97336000000"),
        ("00973 66123456", "+97366123456"),
        ("97333123456", "+97333123456"),
        ("٣٦٠٠٠٠٠٠", "+97336000000"),
        ("+٩٧٣ ٦٦١٢٣٤٥٦", "+97366123456"),
    ],
)
def test_mobile_is_stored_as_plus_973_and_eight_digits(typed, expected):
    assert normalise_mobile(typed) == expected


@pytest.mark.parametrize(
    "typed",
    [
        "17000000",  # a landline
        "3600000",  # seven digits
        "360000000",  # nine digits
        "+971 36000000",  # another country
        "+97317000000",  # a landline with the country code
        "mobile",
    ],
)
def test_mobile_refuses_landlines_and_other_countries(typed):
    with pytest.raises(ValidationError) as error:
        normalise_mobile(typed)
    assert error.value.code == "invalid_mobile"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("c01x00t47", "C01X00T47"), (" N 1234567 ", "N1234567"), ("P١٢٣٤٥٦٧", "P1234567")],
)
def test_passport_is_upper_case_without_spaces(typed, expected):
    assert normalise_passport(typed) == expected


@pytest.mark.parametrize("typed", ["", "A1", "AB/12345", "x" * 21])
def test_passport_refuses_malformed_numbers(typed):
    with pytest.raises(ValidationError):
        normalise_passport(typed)
