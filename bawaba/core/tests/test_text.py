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


@pytest.mark.parametrize(
    ("items", "language", "joined"),
    [(["أ", "ب"], "ar", "أ، ب"), (["a", "b"], "en", "a, b"), ([], "en", ""), (["x"], "ar", "x")],
)
def test_join_list_uses_the_comma_of_the_language(items, language, joined):
    from bawaba.core.text import join_list

    assert join_list(items, language) == joined
