import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.conf import settings
from django.utils import translation

from bawaba.eservices.definition import DefinitionError, definition_check, definition_load

DEMO = Path(settings.BASE_DIR) / "demo" / "eservices"


def _valid():
    return yaml.safe_load((DEMO / "renew-smart-card.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", sorted(DEMO.glob("*.yaml")), ids=lambda path: path.stem)
def test_every_demo_definition_is_valid(path):
    definition = definition_load(path.read_text(encoding="utf-8"))
    assert definition["service"] == path.stem


def test_json_is_accepted_as_well_as_yaml():
    import json

    assert definition_load(json.dumps(_valid()))["service"] == "renew-smart-card"


def _problems(change):
    data = _valid()
    change(data)
    with translation.override("en"), pytest.raises(DefinitionError) as error:
        definition_check(data)
    return [(problem.path, problem.message) for problem in error.value.problems]


def _set(path, value):
    def change(data):
        target = data
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value

    return change


def _delete(path):
    def change(data):
        target = data
        for part in path[:-1]:
            target = target[part]
        del target[path[-1]]

    return change


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (_delete(["fee"]), [("", "“fee” is missing.")]),
        (
            _set(["pages", 1, "questions", 0, "type"], "radio"),
            [
                (
                    "pages[1].questions[0].type",
                    "Use one of: text, long_text, number, date, choice, multiple_choice, "
                    "yes_no, email, mobile, cpr, cr_number, passport_number, nationality, "
                    "address, file, declaration, group.",
                )
            ],
        ),
        (
            _set(["pages", 0, "questions", 0, "colour"], "red"),
            [("pages[0].questions[0]", "“colour” is not a known field here.")],
        ),
        (_delete(["title", "en"]), [("title", "“en” is missing.")]),
        (_set(["title", "ar"], ""), [("title.ar", "This cannot be empty.")]),
        (
            _set(["sla_working_days"], "three"),
            [("sla_working_days", "This must be a whole number.")],
        ),
        (_set(["sla_working_days"], 0), [("sla_working_days", "This must be at least 1.")]),
        (_set(["fee", "kind"], "fixed"), [("fee", "“amount_fils” is missing.")]),
        (
            _set(["pages", 2, "questions", 0, "document_types"], ["exe"]),
            [("pages[2].questions[0].document_types[0]", "Use one of: pdf, jpeg, png.")],
        ),
        (
            _set(["pages", 1, "questions", 1, "show_if"], {"question": "reason", "is": "x"}),
            [("pages[1].questions[1].show_if", "This is not in any of the allowed forms.")],
        ),
    ],
)
def test_shape_problems_name_the_bad_path(change, expected):
    assert _problems(change) == expected


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            _set(["pages", 1, "id"], "applicant"),
            [("pages[1].id", "Another page has this id.")],
        ),
        (
            _set(["pages", 1, "questions", 0, "id"], "cpr"),
            [
                (
                    "pages[1].questions[1].show_if",
                    "“reason” is not a question asked before this point.",
                ),
                ("pages[1].questions[0].id", "Another question has this id."),
                ("fee.question", "The fee needs a question of type “choice” with this id."),
            ],
        ),
        (
            _set(["pages", 0, "show_if"], {"question": "courier", "equals": True}),
            [("pages[0].show_if", "“courier” is not a question asked before this point.")],
        ),
        (
            _set(["fee", "amounts_fils"], {"expiry": 2000}),
            [
                (
                    "fee.amounts_fils",
                    "Give an amount for each answer of the question, and no other: "
                    "damaged, details_changed, expiry.",
                )
            ],
        ),
        (
            _set(["fee"], {"kind": "per_unit", "question": "reason", "unit_fils": 100}),
            [("fee.question", "The fee needs a question of type “number” with this id.")],
        ),
        (
            _set(["pages", 0, "questions", 1, "prefill"], "email"),
            [("pages[0].questions[1].prefill", "“email” cannot fill a question of type “cpr”.")],
        ),
        (
            _set(["pages", 1, "questions", 1, "min_length"], 600),
            [("pages[1].questions[1].max_length", "This is below “min_length”.")],
        ),
        (
            _set(["pages", 0, "questions", 0, "pattern"], "[a-"),
            [("pages[0].questions[0].pattern", "This is not a valid regular expression.")],
        ),
        (
            _delete(["pages", 1, "questions", 0, "options"]),
            [
                ("pages[1].questions[0]", "“options” is missing."),
                (
                    "fee.amounts_fils",
                    "Give an amount for each answer of the question, and no other: .",
                ),
            ],
        ),
        (
            _set(["output", "body", "en"], "Approved for {cpr"),
            [
                (
                    "output.body.en",
                    "A brace is not closed. Write placeholders as {name}; "
                    "to show a brace itself, type it twice.",
                )
            ],
        ),
        (
            _set(["eligibility", "max_age"], 10),
            [("eligibility.max_age", "The highest age is below the lowest age.")],
        ),
        (
            _set(
                ["workflow", "stages"],
                [
                    {"id": "check", "label": {"ar": "تدقيق", "en": "Check"}},
                    {"id": "check", "label": {"ar": "كشف", "en": "Visit"}},
                ],
            ),
            [("workflow.stages", "Two stages have the same id.")],
        ),
    ],
)
def test_rule_problems_name_the_bad_path(change, expected):
    assert sorted(_problems(change)) == sorted(expected)


def _group(**fields):
    """A change adding a repeating group of family members to the first page."""

    def change(data):
        group: dict[str, Any] = {
            "id": "members",
            "type": "group",
            "label": {"ar": "أفراد الأسرة", "en": "Family members"},
            "questions": [
                {"id": "member_name", "type": "text", "label": {"ar": "الاسم", "en": "Name"}}
            ],
        }
        for key, value in fields.items():
            if key == "extra_question":
                group["questions"].append(value)
            elif key == "page":
                pass
            else:
                group[key] = value
        data["pages"][fields.get("page", 0)]["questions"].append(group)

    return change


def test_a_repeating_group_is_accepted():
    data = _valid()
    _group(item_label={"ar": "فرد", "en": "Member"}, min_items=1, max_items=10)(data)
    assert definition_check(data)["pages"][0]["questions"][-1]["type"] == "group"


def _then(*changes):
    def change(data):
        for each in changes:
            each(data)

    return change


def _condition_on(name):
    def change(data):
        data["pages"][3]["show_if"] = {"question": name, "equals": "x"}

    return change


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            _group(
                extra_question={
                    "id": "pic",
                    "type": "file",
                    "label": {"ar": "أ", "en": "A"},
                    "document_types": ["pdf"],
                }
            ),
            [
                (
                    "pages[0].questions[3].questions[1].type",
                    "A repeating group cannot contain another group, a file upload "
                    "or a declaration.",
                )
            ],
        ),
        (
            _group(
                extra_question={
                    "id": "age",
                    "type": "number",
                    "label": {"ar": "أ", "en": "A"},
                    "show_if": {"question": "full_name", "equals": "x"},
                }
            ),
            [
                (
                    "pages[0].questions[3].questions[1].show_if",
                    "Questions inside a repeating group cannot use “show_if”.",
                )
            ],
        ),
        (
            _group(page=2),
            [
                (
                    "pages[2].questions",
                    "Put file uploads on a page of their own, not with a repeating group.",
                )
            ],
        ),
        (
            _group(min_items=5, max_items=2),
            [("pages[0].questions[3].max_items", "This is below “min_items”.")],
        ),
        (
            _group(min_items=25),
            [
                (
                    "pages[0].questions[3].min_items",
                    "Without “max_items”, a group takes at most 20 entries.",
                )
            ],
        ),
        (
            _then(_group(), _condition_on("members")),
            [
                (
                    "pages[3].show_if",
                    "“members” is a repeating group or inside one: a condition cannot use it.",
                )
            ],
        ),
        (
            _then(_group(), _condition_on("member_name")),
            [
                (
                    "pages[3].show_if",
                    "“member_name” is a repeating group or inside one: a condition cannot use it.",
                )
            ],
        ),
        (
            _set(["pages", 0, "questions", 0, "min_items"], 1),
            [("pages[0].questions[0].min_items", "Only a repeating group has “min_items”.")],
        ),
    ],
)
def test_repeating_group_rules(change, expected):
    assert _problems(change) == expected


@pytest.mark.parametrize(
    ("text", "where"),
    [("service: [unclosed", "line 1, column 19"), ("pages:\n\t- id: x", "line 2, column 1")],
)
def test_text_that_is_not_yaml_says_where(text, where):
    with translation.override("en"), pytest.raises(DefinitionError) as error:
        definition_load(text)
    assert error.value.problems[0].path == where


# Under 500 bytes that expand to nine values to the power of nine.
NESTED_ALIASES = "\n".join(
    [
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
        *(
            f"{name}: &{name} [{','.join([f'*{before}'] * 9)}]"
            for before, name in zip("abcdefgh", "bcdefghi", strict=True)
        ),
        "service: x",
    ]
)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        (NESTED_ALIASES, "line 1, column 4"),
        ("title: &t {ar: ا, en: A}\nintroduction: *t", "line 1, column 8"),
        ("pages:\n  - &page {id: a}\n  - <<: *page", "line 2, column 5"),
    ],
)
def test_anchors_and_aliases_are_refused_before_anything_is_expanded(text, where):
    started = time.monotonic()
    with translation.override("en"), pytest.raises(DefinitionError) as error:
        definition_load(text)
    assert time.monotonic() - started < 0.5
    [problem] = error.value.problems
    assert problem.path == where
    assert problem.message == (
        "Anchors and aliases (“&” and “*”) are not allowed in a definition: "
        "write each part out in full."
    )


def test_problems_are_worded_in_arabic_on_arabic_pages():
    data = _valid()
    del data["fee"]
    with translation.override("ar"), pytest.raises(DefinitionError) as error:
        definition_check(data)
    assert "fee" in error.value.problems[0].message
    assert any("\u0600" <= ch <= "\u06ff" for ch in error.value.problems[0].message)


@pytest.mark.parametrize("value", [None, [], "text", 3])
def test_a_definition_that_is_not_a_mapping_is_refused(value):
    with translation.override("en"), pytest.raises(DefinitionError) as error:
        definition_check(value)
    assert error.value.problems == [error.value.problems[0]]
    assert error.value.problems[0].message == "This must be a set of named fields."


def _without(*names):
    def change(data):
        for name in names:
            data.pop(name)

    return change


def _more_stages(count):
    def change(data):
        data["workflow"]["stages"] = [
            {"id": f"stage_{n}", "label": {"ar": "مرحلة", "en": "Stage"}} for n in range(count)
        ]

    return change


def _duplicate_reason(data):
    data["decision_reasons"].append(dict(data["decision_reasons"][0]))


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            _without("fee", "sla_working_days"),
            [("", "“fee” is missing."), ("", "“sla_working_days” is missing.")],
        ),
        (_more_stages(9), [("workflow.stages", "This can have at most 8 entries.")]),
        (
            _set(["pages", 0, "questions", 0, "min"], 1),
            [("pages[0].questions[0].min", "“min” does not apply to a question of type “text”.")],
        ),
        (
            _set(["pages", 2, "questions", 0, "pattern"], "^x$"),
            [
                (
                    "pages[2].questions[0].pattern",
                    "“pattern” does not apply to a question of type “file”.",
                )
            ],
        ),
        (
            _set(["output", "body", "en"], "Approved for {cpr_number}."),
            [
                (
                    "output.body.en",
                    "“{cpr_number}” is not a question of this definition "
                    "(nor {name} or {reference}).",
                )
            ],
        ),
        (
            _set(["output", "body", "ar"], "صورة {photo}"),
            [
                (
                    "output.body.ar",
                    "“{photo}” is not a question of this definition (nor {name} or {reference}).",
                )
            ],
        ),
        (_duplicate_reason, [("decision_reasons", "Two reasons have the same id.")]),
        (
            _set(["fee"], {"kind": "per_unit", "question": "reason", "unit_fils": 1}),
            [("fee.question", "The fee needs a question of type “number” with this id.")],
        ),
        (
            _set(["pages", 1, "questions", 1, "whole"], True),
            [
                (
                    "pages[1].questions[1].whole",
                    "“whole” does not apply to a question of type “long_text”.",
                )
            ],
        ),
    ],
)
def test_more_rule_problems(change, expected):
    assert sorted(_problems(change)) == sorted(expected)


def test_a_fee_per_unit_needs_a_whole_number_question():
    def change(data):
        data["pages"][1]["questions"].append(
            {"id": "copies", "type": "number", "label": {"ar": "النسخ", "en": "Copies"}}
        )
        data["fee"] = {"kind": "per_unit", "question": "copies", "unit_fils": 500}

    assert _problems(change) == [
        ("fee.question", "A fee per unit counts whole units: add “whole: true” to the question.")
    ]


def test_the_refusal_of_aliases_is_worded_in_arabic_on_arabic_pages():
    with translation.override("ar"), pytest.raises(DefinitionError) as error:
        definition_load(NESTED_ALIASES)
    message = error.value.problems[0].message
    assert "&" in message and "*" in message
    assert any("\u0600" <= ch <= "\u06ff" for ch in message)
    assert error.value.problems[0].path.endswith("4")


def _date_question(**rules):
    """Adds a date question with ``rules`` to the reason page of the demo."""

    def change(data):
        data["pages"][1]["questions"].append(
            {"id": "when", "type": "date", "label": {"ar": "متى", "en": "When"}, **rules}
        )

    return change


def _add_date(page, question_id):
    def change(data):
        data["pages"][page]["questions"].append(
            {"id": question_id, "type": "date", "label": {"ar": "تاريخ", "en": "Date"}}
        )

    return change


def _both(*changes):
    def change(data):
        for each in changes:
            each(data)

    return change


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            _date_question(months_after={"question": "reason", "months": 6}),
            [
                (
                    "pages[1].questions[2].months_after.question",
                    "“reason” is not a date question asked before this one.",
                )
            ],
        ),
        (
            _both(
                _date_question(months_after={"question": "later", "months": 6}),
                _add_date(3, "later"),
            ),
            [
                (
                    "pages[1].questions[2].months_after.question",
                    "“later” is not a date question asked before this one.",
                )
            ],
        ),
        (
            _date_question(months_after={"question": "when", "months": 0}),
            [("pages[1].questions[2].months_after.months", "This must be at least 1.")],
        ),
        (
            _set(["pages", 1, "questions", 0, "not_in_past"], True),
            [
                (
                    "pages[1].questions[0].not_in_past",
                    "“not_in_past” does not apply to a question of type “choice”.",
                )
            ],
        ),
        (
            _set(["pages", 0, "questions", 0, "prefill"], "nationality"),
            [
                (
                    "pages[0].questions[0].prefill",
                    "“nationality” cannot fill a question of type “text”.",
                )
            ],
        ),
    ],
)
def test_date_rules_and_new_question_types_are_checked(change, expected):
    assert _problems(change) == expected


def test_date_rules_on_an_earlier_date_are_accepted():
    data = _valid()
    _both(
        _add_date(0, "arrival"),
        _date_question(not_in_past=True, months_after={"question": "arrival", "months": 6}),
    )(data)
    assert definition_check(data) is data


def test_a_file_limit_above_the_portals_is_refused(settings):
    settings.UPLOAD_MAX_BYTES = 10 * 1024 * 1024
    problems = _problems(_set(["pages", 2, "questions", 0, "max_size_mb"], 11))
    assert problems == [
        (
            "pages[2].questions[0].max_size_mb",
            "The portal takes files of up to 10 MB: write a smaller number or leave it out.",
        )
    ]
