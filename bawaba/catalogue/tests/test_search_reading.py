"""How search reads what people type: borrowed Persian letters, Gulf question
words and fillers, Arabizi, loanwords and synonyms (pure functions), and where
results stop being relevant."""

import pytest

from bawaba.catalogue.tests.ranking_rules import Scored, relevant
from bawaba.core.text import ARABIZI_WORDS, analyse, analyse_query, normalise_for_search


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("ڤيزا", "فيزا"),
        ("گولدن", "كولدن"),
        ("پاسپورت", "باسبورت"),
        ("چيك", "جيك"),
        ("ژاكيت", "زاكيت"),
        ("تجدید رخصة السیاقة", "تجديد رخصه السياقه"),
    ],
)
def test_letters_borrowed_from_persian_and_urdu_are_folded(typed, read):
    assert normalise_for_search(typed) == read


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("كيف اجدد البطاقة", 2),
        ("شلون اجدد الجواز", 2),
        ("وين ادفع المخالفات", 2),
        ("ابي اطلع شهادة ميلاد", 3),
        ("ابغى جواز", 1),
        ("how do I renew my passport", 2),
        ("how to get a birth certificate", 2),
        ("I want to pay a fine", 2),
        ("tajdid el bitaqa", 2),
    ],
)
def test_question_words_and_fillers_are_not_searched(typed, words):
    assert len(analyse_query(typed)) == words


@pytest.mark.parametrize(
    ("arabizi", "arabic"),
    [
        ("shahadat", "شهادة"),
        ("milad", "ميلاد"),
        ("tasjeel", "تسجيل"),
        ("madrasa", "مدرسة"),
        ("tajdeed", "تجديد"),
        ("tajdid", "تجديد"),
        ("jawaz", "جواز"),
        ("iqama", "إقامة"),
        ("ta2sheera", "تأشيرة"),
        ("3aqd", "عقد"),
        ("mukhalafat", "مخالفات"),
        ("kahraba", "كهرباء"),
    ],
)
def test_arabizi_words_are_read_as_their_arabic_word(arabizi, arabic):
    assert ARABIZI_WORDS[arabizi] == arabic
    (read,) = analyse_query(arabizi)
    assert analyse(arabic)[0] <= read
    assert arabizi in read  # the Latin word itself is still searched


def test_every_arabizi_spelling_is_a_plain_lower_case_word():
    for spelling, arabic in ARABIZI_WORDS.items():
        assert normalise_for_search(spelling) == spelling
        assert normalise_for_search(arabic)


@pytest.mark.parametrize(
    ("typed", "also"),
    [
        ("گولدن", "جولدن"),  # a hard g: Arabic writes ج for it
        ("چيك", "تشيك"),  # ch: Arabic writes تش
        ("فوركس", "forex"),  # loanword for an English-only keyword
        ("ايفنتس", "events"),
        ("register", "enrol"),
        ("son", "child"),
    ],
)
def test_query_words_reach_their_other_spellings(typed, also):
    (read,) = analyse_query(typed)
    assert also in read


def test_the_index_is_not_widened():
    assert "forex" not in analyse("فوركس")[0]


def _scored(service_id, *per_word):
    return Scored.of(service_id, tuple(per_word), 0)


def test_results_stop_at_half_the_best_strong_relevance():
    scored = [
        _scored(1, 10.0, 10.0, 8.0),  # every word, in the title
        _scored(2, 10.0, 10.0, 0.0),
        _scored(3, 1.0, 8.0, 8.0),  # one word only in the small print
        _scored(4, 3.0, 8.0, 0.0),  # like a bank account for "smart card renewal"
        _scored(5, 1.0, 1.0, 1.0),
    ]
    assert [item.service_id for item in relevant(scored, 3, catalogue=200)] == [1, 2, 3]


def test_a_result_matching_only_a_minor_word_is_dropped():
    # Word 0 ("service") reaches most of the catalogue; word 1 is specific.
    scored = [_scored(1, 10.0, 10.0)] + [_scored(n, 10.0, 0.0) for n in range(2, 60)]
    assert [item.service_id for item in relevant(scored, 2, catalogue=100)] == [1]


def test_when_the_best_result_only_matches_small_print_so_may_the_others():
    scored = [_scored(1, 1.0), _scored(2, 0.75), _scored(3, 0.3)]
    assert [item.service_id for item in relevant(scored, 1, catalogue=100)] == [1, 2]
