import pytest

from bawaba.core.text import normalise_for_search


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("أحمد", "احمد"),
        ("إقامة", "اقامه"),
        ("آمنة", "امنه"),
        ("مستشفى", "مستشفي"),
        ("شَهَادَة", "شهاده"),
        ("شهـــادة", "شهاده"),
        ("رقم ٣٦", "رقم 36"),
        ("  Privacy   NOTICE! ", "privacy notice"),
        ("", ""),
    ],
)
def test_search_normalisation_folds_spelling_variants(typed, expected):
    assert normalise_for_search(typed) == expected


def test_hamza_and_taa_marbuta_variants_meet():
    assert normalise_for_search("الإقامة") == normalise_for_search("الاقامه")
