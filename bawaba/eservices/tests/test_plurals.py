"""Every count the e-services show takes the plural form of its number. Arabic
has six: none (0), one (1), two (2), a few (3 to 10: plural), many (11 to 99:
singular in the accusative) and the rest (100 and up: singular)."""

from types import SimpleNamespace

import pytest
from django.utils import translation

from bawaba.eservices.definition import _schema_message
from bawaba.eservices.eligibility import too_old_text, too_young_text
from bawaba.eservices.facts import definition_facts

COUNTS = (0, 1, 2, 3, 11, 100)


def _in(language, render, count):
    with translation.override(language):
        return str(render(count))


@pytest.mark.parametrize(
    ("count", "english", "arabic"),
    [
        (0, "at least 0 years old", "عمركم 0 سنة على الأقل"),
        (1, "at least 1 year old", "عمركم 1 سنة على الأقل"),
        (2, "at least 2 years old", "عمركم 2 سنتين على الأقل"),
        (3, "at least 3 years old", "عمركم 3 سنوات على الأقل"),
        (11, "at least 11 years old", "عمركم 11 سنةً على الأقل"),
        (18, "at least 18 years old", "عمركم 18 سنةً على الأقل"),
        (100, "at least 100 years old", "عمركم 100 سنة على الأقل"),
    ],
)
def test_the_lowest_age_takes_the_plural_form_of_its_number(count, english, arabic):
    assert english in _in("en", too_young_text, count)
    assert arabic in _in("ar", too_young_text, count)


@pytest.mark.parametrize(
    ("count", "english", "arabic"),
    [
        (0, "up to 0 years old", "على 0 سنة."),
        (1, "up to 1 year old", "على 1 سنة."),
        (2, "up to 2 years old", "على 2 سنتين."),
        (3, "up to 3 years old", "على 3 سنوات."),
        (11, "up to 11 years old", "على 11 سنةً."),
        (100, "up to 100 years old", "على 100 سنة."),
    ],
)
def test_the_highest_age_takes_the_plural_form_of_its_number(count, english, arabic):
    assert english in _in("en", too_old_text, count)
    assert _in("ar", too_old_text, count).endswith(arabic)


def _processing_time(days):
    data = {"sla_working_days": days, "fee": {"kind": "none"}, "pages": []}
    return definition_facts(data).processing_time


@pytest.mark.parametrize(
    ("count", "english", "arabic"),
    [
        (0, "0 working days", "0 يوم عمل"),
        (1, "1 working day", "1 يوم عمل"),
        (2, "2 working days", "2 يوما عمل"),
        (3, "3 working days", "3 أيام عمل"),
        (11, "11 working days", "11 يوم عمل"),
        (100, "100 working days", "100 يوم عمل"),
    ],
)
def test_the_processing_time_takes_the_plural_form_of_its_number(count, english, arabic):
    assert _in("en", _processing_time, count) == english
    assert _in("ar", _processing_time, count) == arabic


def _schema(keyword):
    def message(count):
        error = SimpleNamespace(
            validator=keyword, validator_value=count, instance=[], schema={}, message=""
        )
        return _schema_message(error)  # type: ignore[arg-type]  # only these fields are read

    return message


ARABIC_ENTRIES = {
    0: "عنصر",
    1: "عنصر",
    3: "عناصر",
    11: "عنصراً",
    100: "عنصر",
}


@pytest.mark.parametrize("count", COUNTS)
def test_a_definitions_list_limits_take_the_plural_form_of_their_number(count):
    noun = "entry" if count == 1 else "entries"
    assert _in("en", _schema("maxItems"), count) == f"This can have at most {count} {noun}."
    assert _in("en", _schema("minItems"), count) == f"This needs at least {count} {noun}."
    # "أكثر من" is followed by the genitive, the subject of "يلزم" is in the nominative.
    most = {2: "عنصرين"}.get(count) or ARABIC_ENTRIES[count]
    least = {2: "عنصران"}.get(count) or ARABIC_ENTRIES[count]
    assert _in("ar", _schema("maxItems"), count) == f"لا يمكن أن يكون هنا أكثر من {count} {most}."
    assert _in("ar", _schema("minItems"), count) == f"يلزم هنا {count} {least} على الأقل."
