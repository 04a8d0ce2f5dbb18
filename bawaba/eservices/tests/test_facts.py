"""The fee sentence of an e-service's facts ends in one mark: a quoted question
keeps its own question mark without a full stop after it, and a label that ends
in a full stop does not bring a second one ("..", ".،")."""

import re

import pytest
from django.utils import translation
from django.utils.html import escape

from bawaba.catalogue.tests.factories import ServiceFactory
from bawaba.eservices.facts import definition_facts, fee_text
from bawaba.eservices.tests.samples import SOURCE, published_eservice

# Two marks in a row, with only closing quotes between them.
DOUBLED = re.compile(r"[.?!؟،,][”»\"’]*[.،,]")

BY_CHOICE = {"kind": "by_choice", "question": "q", "amounts_fils": {"a": 5000, "b": 25000}}
PER_UNIT = {"kind": "per_unit", "question": "q", "unit_fils": 2000, "base_fils": 1000}


def _data(english, arabic):
    label = {"en": english, "ar": arabic}
    return {"pages": [{"questions": [{"id": "q", "type": "choice", "label": label}]}]}


@pytest.mark.parametrize(
    ("rule", "english", "arabic", "expected_en", "expected_ar"),
    [
        (
            BY_CHOICE,
            "How long will you stay?",
            "كم ستبقون في البحرين؟",
            "From BD 5.000 to BD 25.000, depending on your answer to “How long will you stay?”",
            "من 5.000 د.ب إلى 25.000 د.ب، بحسب إجابتكم عن «كم ستبقون في البحرين؟»",
        ),
        (
            BY_CHOICE,
            "Length of stay.",
            "مدة الإقامة.",
            "From BD 5.000 to BD 25.000, depending on your answer to “Length of stay”.",
            "من 5.000 د.ب إلى 25.000 د.ب، بحسب إجابتكم عن «مدة الإقامة».",
        ),
        (
            BY_CHOICE,
            "Length of stay",
            "مدة الإقامة",
            "From BD 5.000 to BD 25.000, depending on your answer to “Length of stay”.",
            "من 5.000 د.ب إلى 25.000 د.ب، بحسب إجابتكم عن «مدة الإقامة».",
        ),
        (
            PER_UNIT,
            "Number of copies. ",
            "عدد النسخ.",
            "BD 1.000, plus BD 2.000 for each one in your answer to “Number of copies”.",
            "1.000 د.ب، يضاف إليها 2.000 د.ب عن كل واحد في إجابتكم عن «عدد النسخ».",
        ),
        (
            {**PER_UNIT, "base_fils": 0},
            "How many copies do you need?",
            "كم نسخة تحتاجون؟",
            "BD 2.000 for each one in your answer to “How many copies do you need?”",
            "2.000 د.ب عن كل واحد في إجابتكم عن «كم نسخة تحتاجون؟»",
        ),
    ],
)
def test_the_fee_sentence_ends_in_one_mark(rule, english, arabic, expected_en, expected_ar):
    data = _data(english, arabic)
    for language, expected in (("en", expected_en), ("ar", expected_ar)):
        with translation.override(language):
            text = fee_text(rule, data, language)
        assert text == expected
        assert not DOUBLED.search(text), text


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_start_page_says_the_fee_and_the_documents_without_doubled_marks(client, language):
    # The renewal's question ends in a question mark; give its photo a full stop too.
    source = SOURCE.replace(
        "label: {ar: صورة شخصية حديثة, en: A recent passport-style photo}",
        "label: {ar: صورة شخصية حديثة., en: A recent passport-style photo.}",
    )
    assert source != SOURCE
    service = ServiceFactory.create(slug="renew-smart-card")
    definition = published_eservice(service, source)
    with translation.override(language):
        facts = definition_facts(definition.data, language)
    html = client.get(f"/{language}/services/renew-smart-card/apply/").content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    assert escape(facts.fee) in main
    assert facts.documents == (
        ["A recent passport-style photo"] if language == "en" else ["صورة شخصية حديثة"]
    )
    assert not DOUBLED.search(re.sub(r"<[^>]+>", "", main)), main
