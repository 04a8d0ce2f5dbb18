import pytest

from bawaba.core.text import index_letter, normalise_for_search, text_box_errors


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


@pytest.mark.parametrize(
    ("value", "broken"),
    [("", 0), ("x" * 20, 0), ("x" * 21, 1), ("a\x00b", 1), ("\x00" * 21, 1)],
)
def test_a_text_box_keeps_its_length_and_refuses_a_nul(value, broken):
    # The NUL is named first; a text that breaks both rules gets that message alone.
    assert len(text_box_errors(value, 20)) == broken


@pytest.mark.parametrize(
    ("title", "letter"),
    [
        ("البطاقة الذكية: تجديد", "ب"),
        ("الإقامة: تجديد", "ا"),
        ("إصدار شهادة ميلاد", "ا"),
        ("آلية الشكاوى", "ا"),
        ("تجديد جواز السفر", "ت"),
        ("  الـمـرور", "م"),  # tatweel and leading space
        ("الْمَدارس", "م"),  # diacritics
        ("ال عربية", "ا"),  # an "ال" standing alone is not an article
        ("ال", "ا"),
        ("smart card renewal", "S"),
        ("Alien registration", "A"),
        ("", ""),
    ],
)
def test_a_title_is_filed_under_the_letter_after_the_article(title, letter):
    assert index_letter(title) == letter
