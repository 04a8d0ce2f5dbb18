import datetime
from types import SimpleNamespace

import pytest

from bawaba.eservices.conditions import condition_holds
from bawaba.eservices.eligibility import eligibility_problems
from bawaba.eservices.fees import fee_fils
from bawaba.eservices.references import ALPHABET, reference_new, reference_normalise

ANSWERS = {"reason": "lost", "count": 3, "extras": ["express", "courier"], "married": True}


@pytest.mark.parametrize(
    ("condition", "holds"),
    [
        (None, True),
        ({"question": "reason", "equals": "lost"}, True),
        ({"question": "reason", "equals": "damaged"}, False),
        ({"question": "reason", "in": ["damaged", "lost"]}, True),
        ({"question": "extras", "equals": "courier"}, True),  # a multiple-choice answer
        ({"question": "extras", "in": ["gift", "express"]}, True),
        ({"question": "extras", "equals": "gift"}, False),
        ({"question": "married", "equals": True}, True),
        ({"question": "count", "equals": 3}, True),
        ({"question": "unasked", "equals": "x"}, False),
        ({"not": {"question": "unasked", "equals": "x"}}, True),
        (
            {"all": [{"question": "reason", "equals": "lost"}, {"question": "count", "in": [3]}]},
            True,
        ),
        (
            {"all": [{"question": "reason", "equals": "lost"}, {"question": "count", "in": [4]}]},
            False,
        ),
        (
            {
                "any": [
                    {"question": "reason", "equals": "x"},
                    {"question": "married", "equals": True},
                ]
            },
            True,
        ),
    ],
)
def test_show_if_conditions(condition, holds):
    assert condition_holds(condition, ANSWERS) is holds


@pytest.mark.parametrize(
    ("rule", "answers", "fils"),
    [
        ({"kind": "none"}, {}, 0),
        ({"kind": "fixed", "amount_fils": 2000}, {}, 2000),
        ({"kind": "per_unit", "question": "count", "unit_fils": 500}, {"count": 3}, 1500),
        ({"kind": "per_unit", "question": "count", "unit_fils": 500}, {"count": "4"}, 2000),
        (
            {"kind": "per_unit", "question": "count", "unit_fils": 500, "base_fils": 1000},
            {"count": 2},
            2000,
        ),
        ({"kind": "per_unit", "question": "count", "unit_fils": 500}, {"count": -2}, 0),
        ({"kind": "per_unit", "question": "count", "unit_fils": 500}, {"count": 1.5}, 0),
        ({"kind": "per_unit", "question": "count", "unit_fils": 500}, {"count": "x"}, 0),
        ({"kind": "per_unit", "question": "count", "unit_fils": 500}, {}, 0),
        (
            {"kind": "by_choice", "question": "reason", "amounts_fils": {"lost": 5000, "old": 0}},
            {"reason": "lost"},
            5000,
        ),
        (
            {"kind": "by_choice", "question": "reason", "amounts_fils": {"lost": 5000}},
            {"reason": "other"},
            0,
        ),
        ({"kind": "by_choice", "question": "reason", "amounts_fils": {"lost": 5000}}, {}, 0),
    ],
)
def test_fees_in_fils(rule, answers, fils):
    assert fee_fils(rule, answers) == fils


def _person(kind="individual", residency="citizen", cpr="900101234"):
    return SimpleNamespace(kind=kind, residency=residency, cpr=cpr)


TODAY = datetime.date(2026, 11, 29)


@pytest.mark.parametrize(
    ("rules", "person", "expected"),
    [
        (None, _person(), []),
        ({"account_kinds": ["individual"]}, _person(), []),
        (
            {"account_kinds": ["individual"]},
            _person(kind="business_representative"),
            ["This service is only for individuals."],
        ),
        (
            {"account_kinds": ["business_representative"]},
            _person(),
            ["This service is only for business representatives."],
        ),
        ({}, _person(kind="staff", residency=""), ["Staff accounts cannot apply for services."]),
        (
            {"residency": ["citizen", "resident"]},
            _person(residency="visitor", cpr=""),
            ["This service is only for citizens and residents."],
        ),
        ({"residency": ["visitor"]}, _person(residency="visitor", cpr=""), []),
        ({"min_age": 18}, _person(cpr="081112345"), []),  # 18 this month
        (
            {"min_age": 18},
            _person(cpr="081212345"),
            ["You must be at least 18 years old to use this service."],
        ),
        (
            {"max_age": 25},
            _person(cpr="900101234"),
            ["This service is for people up to 25 years old."],
        ),
        (
            {"min_age": 15},
            _person(residency="visitor", cpr=""),
            ["This service checks your age from your CPR number, and your account has none."],
        ),
    ],
)
def test_eligibility_with_a_plain_explanation(rules, person, expected):
    from django.utils import translation

    with translation.override("en"):
        assert eligibility_problems(rules, person, today=TODAY) == expected


def test_eligibility_is_explained_in_arabic_too():
    problems = eligibility_problems(
        {"account_kinds": ["individual"]}, _person(kind="business_representative"), today=TODAY
    )
    assert problems and all(any("\u0600" <= ch <= "\u06ff" for ch in p) for p in problems)


def test_new_references_are_well_formed_and_pass_their_own_check():
    seen = set()
    for _ in range(500):
        reference = reference_new()
        assert reference.startswith("APP-") and len(reference) == 13
        assert reference_normalise(reference) == reference
        seen.add(reference)
    assert len(seen) == 500


@pytest.mark.parametrize(
    "typed",
    ["app-{a}-{b}", " APP {a} {b} ", "{a}{b}", "APP{a}{b}"],
)
def test_references_are_read_however_they_are_typed(typed):
    reference = reference_new()
    a, b = reference[4:8], reference[9:]
    assert reference_normalise(typed.format(a=a, b=b)) == reference


def test_confusable_letters_are_read_as_the_digits_they_look_like():
    reference = "APP-0000-000" + reference_normalise_check("0000000")
    assert reference_normalise(reference.replace("0", "O")) == reference


def reference_normalise_check(body):
    from bawaba.eservices.references import _check_character

    return _check_character(body)


def test_every_single_wrong_character_and_neighbour_swap_is_caught():
    reference = reference_new()
    code = reference.replace("APP-", "").replace("-", "")
    for position in range(len(code)):
        for character in ALPHABET:
            if character == code[position]:
                continue
            typo = code[:position] + character + code[position + 1 :]
            assert reference_normalise(typo) is None, typo
    for position in range(len(code) - 1):
        swapped = code[:position] + code[position + 1] + code[position] + code[position + 2 :]
        # Luhn mod 32 misses one swap: "0" and "Z" side by side (as 0 and 9 in base 10).
        if swapped != code and {code[position], code[position + 1]} != {"0", "Z"}:
            assert reference_normalise(swapped) is None, swapped


@pytest.mark.parametrize(
    "code",
    ["FFW0ZTKT", "FFWZ0TKT", "0Z00000" + reference_normalise_check("0Z00000")],
)
def test_the_one_swap_the_check_misses_is_0_and_z(code):
    # Both orders are valid references; every other neighbour swap is caught.
    assert reference_normalise(code) is not None


@pytest.mark.parametrize("text", ["", "APP-", "APP-1234-567", "APP-1234-56789", "APP-12U4-5678"])
def test_malformed_references_are_refused(text):
    assert reference_normalise(text) is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            {
                "reason": "It is damaged",
                "courier": "Yes",
                "cpr": "900101234",
                "full_name": "Maryam Ahmed",
            },
        ),
        (
            "ar",
            {"reason": "تالفة", "courier": "نعم", "cpr": "900101234", "full_name": "مريم أحمد"},
        ),
    ],
)
def test_a_documents_text_shows_answers_as_people_read_them(eservice, language, expected):
    from bawaba.accounts.tests.factories import UserFactory
    from bawaba.eservices.issuing import document_values
    from bawaba.eservices.tests.samples import application_for

    applicant = UserFactory.create(cpr="900101234", name_en="Maryam Ahmed", name_ar="مريم أحمد")
    application = application_for(
        eservice.definitions.get(),
        applicant=applicant,
        answers={"cpr": "900101234", "reason": "damaged", "courier": True, "address": None},
    )
    assert document_values(application, language) == expected
