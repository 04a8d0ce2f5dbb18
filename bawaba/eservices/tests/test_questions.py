import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from bawaba.eservices.questions import PageForm, answer_to_json, sniff

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n" + b"0" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


def _label(en):
    return {"ar": "سؤال", "en": en}


def _page(*questions):
    return {"id": "page", "title": _label("Page"), "questions": list(questions)}


def _form(question, value, answers=None, files=None):
    data = value if isinstance(value, dict) else {question["id"]: value}
    with translation.override("en"):
        form = PageForm(
            data, files or {}, page=_page(question), answers=answers or {}, language="en"
        )
        valid = form.is_valid()
        errors = [str(error) for error in form.errors.get(question["id"], [])]
        return valid, (form.answers() if valid else errors)


def _q(kind, **extra):
    return {"id": "answer", "type": kind, "label": _label("Answer"), "required": True, **extra}


@pytest.mark.parametrize(
    ("question", "value", "expected"),
    [
        (_q("text"), "  Fatima  ", (True, {"answer": "Fatima"})),
        (_q("text"), "", (False, ["Enter “Answer”."])),
        (_q("text", required=False), "", (True, {"answer": None})),
        (
            _q("text", max_length=3),
            "abcd",
            (False, ["Ensure this value has at most 3 characters (it has 4)."]),
        ),
        (
            _q(
                "text", pattern="^[A-Z]{2}$", pattern_message={"ar": "حرفان", "en": "Two capitals."}
            ),
            "ab",
            (False, ["Two capitals."]),
        ),
        (_q("number", min=1, max=10), "٣", (True, {"answer": 3})),
        (_q("number", min=1, max=10), "2.5", (True, {"answer": "2.5"})),
        (
            _q("number", min=1, max=10),
            "11",
            (False, ["Ensure this value is less than or equal to 10."]),
        ),
        (_q("number"), "three", (False, ["Enter a number."])),
        (_q("date"), "2026-11-29", (True, {"answer": "2026-11-29"})),
        (_q("date"), "29/11/2026", (True, {"answer": "2026-11-29"})),
        (_q("date"), "2026-02-30", (False, ["Enter a valid date."])),
        (
            _q(
                "choice",
                options=[
                    {"value": "a", "label": _label("A")},
                    {"value": "b", "label": _label("B")},
                ],
            ),
            "b",
            (True, {"answer": "b"}),
        ),
        (
            _q(
                "choice",
                options=[
                    {"value": "a", "label": _label("A")},
                    {"value": "b", "label": _label("B")},
                ],
            ),
            "c",
            (False, ["Select a valid choice. c is not one of the available choices."]),
        ),
        (
            _q(
                "multiple_choice",
                options=[
                    {"value": "a", "label": _label("A")},
                    {"value": "b", "label": _label("B")},
                ],
            ),
            {"answer": ["a", "b"]},
            (True, {"answer": ["a", "b"]}),
        ),
        (_q("yes_no"), "yes", (True, {"answer": True})),
        (_q("yes_no"), "no", (True, {"answer": False})),
        (
            _q("yes_no"),
            "maybe",
            (False, ["Select a valid choice. maybe is not one of the available choices."]),
        ),
        (_q("email"), "a@bawaba.example", (True, {"answer": "a@bawaba.example"})),
        (_q("email"), "not-an-email", (False, ["Enter a valid email address."])),
        (_q("mobile"), "٣٦٠٠ ٠٠٠١", (True, {"answer": "+97336000001"})),
        (
            _q("mobile"),
            "1234",
            (
                False,
                [
                    "Enter a Bahraini mobile number: 8 digits starting with 3 or 6, "
                    "for example 3600 0000 or +973 3600 0000."
                ],
            ),
        ),
        (_q("cpr"), "900 101 234", (True, {"answer": "900101234"})),
        (
            _q("cpr"),
            "12",
            (False, ["Enter a CPR number of 9 digits, as shown on your smart card."]),
        ),
        (_q("cr_number"), "12345-1", (True, {"answer": "12345-1"})),
        (_q("cr_number"), "١٢٣٤٥", (True, {"answer": "12345"})),
        (
            _q("cr_number"),
            "12-AB",
            (False, ["Enter a commercial registration number, for example 12345 or 12345-1."]),
        ),
        (
            _q("declaration", statement={"ar": "أقر", "en": "I confirm."}),
            "on",
            (True, {"answer": True}),
        ),
        (
            _q("declaration", statement={"ar": "أقر", "en": "I confirm."}),
            "",
            (False, ["Tick the box to confirm “I confirm.”"]),
        ),
        (
            _q("address"),
            {
                "answer_flat": "",
                "answer_building": "١٢٣",
                "answer_road": "45",
                "answer_block": "308",
                "answer_area": "Manama",
            },
            (
                True,
                {
                    "answer": {
                        "flat": "",
                        "building": "123",
                        "road": "45",
                        "block": "308",
                        "area": "Manama",
                    }
                },
            ),
        ),
        (
            _q("address"),
            {
                "answer_flat": "",
                "answer_building": "123",
                "answer_road": "",
                "answer_block": "",
                "answer_area": "",
            },
            (False, ["Enter the building, road and block."]),
        ),
    ],
)
def test_every_question_type_is_checked_on_the_server(question, value, expected):
    assert _form(question, value) == expected


def _upload(content, name="photo.png"):
    return SimpleUploadedFile(name, content, content_type="image/png")


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        (PNG, "photo.png", (True, "image/png")),
        (JPEG, "photo.png", (True, "image/jpeg")),  # the content decides, not the name
        (PDF, "photo.png", (False, ["The file must be a JPEG or PNG."])),
        (b"MZ\x90\x00" + b"\x00" * 64, "photo.jpeg", (False, ["The file must be a JPEG or PNG."])),
        (
            PNG + b"\x00" * (2 * 1024 * 1024),
            "big.png",
            (False, ["The file must be no larger than 2 MB."]),
        ),
    ],
)
def test_uploads_are_checked_by_content_and_size(content, name, expected):
    question = _q("file", document_types=["jpeg", "png"], max_size_mb=2)
    with translation.override("en"):
        form = PageForm(
            {}, {"answer": _upload(content, name)}, page=_page(question), answers={}, language="en"
        )
        valid = form.is_valid()
    if expected[0]:
        assert valid
        assert form.uploads()["answer"].content_type == expected[1]
        assert form.answers() == {}
    else:
        assert not valid
        assert [str(error) for error in form.errors["answer"]] == expected[1]


def test_questions_whose_condition_fails_are_not_asked_nor_checked():
    shown_if_lost = _q("text", id="details", show_if={"question": "reason", "equals": "lost"})
    form = PageForm({}, page=_page(shown_if_lost), answers={"reason": "expired"}, language="en")
    assert form.fields == {}
    assert form.is_valid()
    form = PageForm({}, page=_page(shown_if_lost), answers={"reason": "lost"}, language="en")
    assert list(form.fields) == ["details"]
    assert not form.is_valid()


def test_labels_come_in_the_pages_language_and_earlier_answers_fill_the_form():
    question = _q("yes_no")
    form = PageForm(page=_page(question), answers={"answer": False}, language="ar")
    assert form.fields["answer"].label == "سؤال"
    assert form.initial["answer"] == "no"


def test_sniff_reads_only_the_first_bytes():
    assert sniff(SimpleUploadedFile("x", PDF)) == "pdf"
    assert sniff(SimpleUploadedFile("x", b"")) is None
    upload = SimpleUploadedFile("x", PNG)
    sniff(upload)
    assert upload.read(4) == PNG[:4]  # the file is rewound


@pytest.mark.parametrize(
    ("value", "stored"),
    [(None, None), ("", None), (True, True), (["a"], ["a"])],
)
def test_answers_are_stored_as_plain_json(value, stored):
    assert answer_to_json(value) == stored


def test_an_address_is_a_fieldset_with_a_label_for_each_part():
    question = _q("address", id="home")
    with translation.override("en"):
        form = PageForm(page=_page(question), answers={}, language="en")
        html = str(form)
    assert "<legend" in html
    for number, label in enumerate(["Flat (optional)", "Building", "Road", "Block"]):
        assert f'<label class="label" for="id_home_{number}">{label}</label>' in html


@pytest.mark.parametrize("count", ["3", "٣", "3.0"])
def test_a_condition_on_a_number_of_the_same_page_reads_the_number_as_stored(count):
    children = _q("number", id="children", min=0)
    names = _q("long_text", id="names", show_if={"question": "children", "equals": 3})
    form = PageForm(
        {"children": count, "names": "Ali, Sara, Huda"},
        page=_page(children, names),
        answers={},
        language="en",
    )
    assert form.is_valid(), form.errors
    assert form.answers() == {"children": 3, "names": "Ali, Sara, Huda"}


def test_the_approvers_preview_shows_questions_that_depend_on_earlier_pages():
    later = _q("text", id="later", show_if={"question": "earlier", "equals": "yes"})
    asked = PageForm(page=_page(later), answers={}, language="en")
    preview = PageForm(page=_page(later), answers={}, language="en", preview=True)
    assert "later" not in asked.fields
    assert "later" in preview.fields


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("3", (True, {"answer": 3})),
        ("٣", (True, {"answer": 3})),
        ("2.5", (False, ["Enter a whole number."])),
        ("0", (False, ["Ensure this value is greater than or equal to 1."])),
    ],
)
def test_a_whole_number_question_refuses_decimals(value, expected):
    assert _form(_q("number", whole=True, min=1), value) == expected


@pytest.mark.parametrize(
    ("question", "value", "message"),
    [
        (_q("text"), "", "Enter “Answer”."),
        (_q("long_text"), "", "Enter “Answer”."),
        (_q("number"), "", "Enter “Answer”."),
        (_q("date"), "", "Enter “Answer”."),
        (_q("email"), "", "Enter “Answer”."),
        (_q("mobile"), "", "Enter “Answer”."),
        (_q("cpr"), "", "Enter “Answer”."),
        (_q("cr_number"), "", "Enter “Answer”."),
        (_q("passport_number"), "", "Enter “Answer”."),
        (_q("nationality"), "", "Choose “Answer”."),
        (
            _q("choice", options=[{"value": "a", "label": _label("A")}]),
            "",
            "Choose “Answer”.",
        ),
        (
            _q("multiple_choice", options=[{"value": "a", "label": _label("A")}]),
            [],
            "Choose at least one option for “Answer”.",
        ),
        (_q("yes_no"), "", "Choose “Answer”."),
        (_q("file", document_types=["pdf"]), None, "Upload a file for “Answer”."),
        (
            _q("address"),
            {f"answer_{part}": "" for part in ("flat", "building", "road", "block", "area")},
            "Enter “Answer”.",
        ),
        # A label that asks a question is answered, and its own question mark
        # or full stop ends the message.
        (
            _q("text", label=_label("Why do you apply?")),
            "",
            "Enter an answer to “Why do you apply?”",
        ),
        (
            _q("yes_no", label=_label("Are you married?")),
            "",
            "Choose an answer to “Are you married?”",
        ),
        (
            _q(
                "multiple_choice",
                label=_label("Which apply?"),
                options=[{"value": "a", "label": _label("A")}],
            ),
            [],
            "Choose at least one answer to “Which apply?”",
        ),
        # A declaration is named by its statement, the text beside its box.
        (
            _q("declaration", statement={"ar": "أقر", "en": "I confirm."}),
            "",
            "Tick the box to confirm “I confirm.”",
        ),
        (
            _q("declaration", statement={"ar": "أقر", "en": "I confirm"}),
            "",
            "Tick the box to confirm “I confirm”.",
        ),
    ],
)
def test_an_unanswered_required_question_is_named_in_its_message(question, value, message):
    assert _form(question, value) == (False, [message])


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("c01 x00t47", (True, {"answer": "C01X00T47"})),
        (" ab-123 456 ", (True, {"answer": "AB123456"})),
        ("١٢٣٤٥٦٧", (True, {"answer": "1234567"})),
        (
            "AB#12",
            (
                False,
                [
                    "Enter the passport number as printed in your passport: "
                    "5 to 20 letters and digits."
                ],
            ),
        ),
    ],
)
def test_a_passport_number_is_normalised_before_it_is_checked(value, expected):
    assert _form(_q("passport_number"), value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("GB", (True, {"answer": "GB"})),
        ("BH", (True, {"answer": "BH"})),
        (
            "Britain",
            (False, ["Choose a country from the list for “Answer”."]),
        ),
    ],
)
def test_nationality_is_chosen_from_the_list_of_countries(value, expected):
    assert _form(_q("nationality"), value) == expected


def test_the_list_of_countries_is_in_the_pages_language():
    for language, name in (("en", "United Kingdom"), ("ar", "المملكة المتحدة")):
        with translation.override(language):
            form = PageForm(page=_page(_q("nationality")), answers={}, language=language)
            labels = dict(getattr(form.fields["answer"], "choices", []))
        assert name in str(labels["GB"])


@pytest.mark.parametrize(
    ("rule", "days", "expected"),
    [
        ({"not_in_past": True}, -1, ["“Answer” cannot be in the past."]),
        ({"not_in_past": True}, 0, None),
        ({"not_in_past": True}, 30, None),
        ({"not_in_future": True}, 1, ["“Answer” cannot be in the future."]),
        ({"not_in_future": True}, -3650, None),
    ],
)
def test_a_date_can_be_refused_in_the_past_or_the_future(rule, days, expected):
    day = timezone.localdate() + datetime.timedelta(days=days)
    valid, result = _form(_q("date", **rule), day.isoformat())
    assert (valid, result) == (
        (True, {"answer": day.isoformat()}) if expected is None else (False, expected)
    )


def _dates_page():
    return _page(
        {"id": "arrival", "type": "date", "label": _label("Date of arrival"), "required": True},
        _q("date", months_after={"question": "arrival", "months": 6}),
    )


@pytest.mark.parametrize(
    ("arrival", "expiry", "expected"),
    [
        ("2027-01-10", "2027-07-09", False),
        ("2027-01-10", "2027-07-10", True),
        ("2026-08-31", "2027-02-28", True),
        ("2027-01-10", "2026-01-01", False),
    ],
)
def test_a_date_at_least_some_months_after_an_answer_on_the_same_page(arrival, expiry, expected):
    with translation.override("en"):
        form = PageForm(
            {"arrival": arrival, "answer": expiry}, page=_dates_page(), answers={}, language="en"
        )
        assert form.is_valid() is expected
        if not expected:
            message = str(form.errors["answer"][0])
            assert message.startswith(
                "“Answer” must be at least 6 months after “Date of arrival”: "
            )


def test_a_date_at_least_some_months_after_an_answer_on_an_earlier_page():
    arrival = {"id": "arrival", "type": "date", "label": _label("Date of arrival")}
    definition = {"pages": [_page(arrival), _page()]}
    page = _page(_q("date", months_after={"question": "arrival", "months": 6}))
    with translation.override("en"):
        form = PageForm(
            {"answer": "2027-03-01"},
            page=page,
            answers={"arrival": "2027-01-10"},
            language="en",
            definition=definition,
        )
        assert not form.is_valid()
        assert form.errors["answer"] == [
            "“Answer” must be at least 6 months after “Date of arrival”: 10 July 2027 or later."
        ]
        without = PageForm({"answer": "2027-03-01"}, page=page, answers={}, language="en")
        assert without.is_valid()  # nothing to compare with yet


@pytest.mark.parametrize("stored", ["2027-02-30", "not a date", None, ["2027-01-10"]])
def test_a_stored_answer_that_is_not_a_day_leaves_the_months_rule_unchecked(stored):
    page = _page(_q("date", months_after={"question": "arrival", "months": 6}))
    with translation.override("en"):
        form = PageForm(
            {"answer": "2027-03-01"}, page=page, answers={"arrival": stored}, language="en"
        )
        assert form.is_valid()
