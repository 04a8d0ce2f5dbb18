import datetime

import pytest

from bawaba.core.identifiers import age_in_years, cpr_birth_month
from bawaba.core.workingdays import add_working_days, is_working_day, working_days_between

D = datetime.date


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2026, 11, 29), True),  # Sunday
        (D(2026, 12, 3), True),  # Thursday
        (D(2026, 12, 4), False),  # Friday
        (D(2026, 12, 5), False),  # Saturday
        (D(2026, 12, 16), False),  # National Day
        (D(2026, 12, 17), False),  # National Day
        (D(2026, 3, 22), False),  # Eid al-Fitr (a Sunday)
        (D(2026, 1, 1), False),  # New Year's Day (a Thursday)
    ],
)
def test_working_days_are_sunday_to_thursday_without_public_holidays(day, working):
    assert is_working_day(day) is working


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (D(2026, 11, 29), 1, D(2026, 11, 30)),  # Sunday → Monday
        (D(2026, 12, 3), 1, D(2026, 12, 6)),  # Thursday → Sunday, over the weekend
        (D(2026, 12, 14), 3, D(2026, 12, 21)),  # over National Day and the weekend
        (D(2026, 12, 4), 0, D(2026, 12, 6)),  # Friday, zero days → next working day
        (D(2026, 11, 29), 0, D(2026, 11, 29)),
        (D(2026, 11, 29), 5, D(2026, 12, 6)),
    ],
)
def test_adding_working_days(start, days, expected):
    assert add_working_days(start, days) == expected


def test_declared_days_off_count_as_holidays():
    assert add_working_days(D(2026, 11, 29), 1, [D(2026, 11, 30)]) == D(2026, 12, 1)
    assert not is_working_day(D(2026, 11, 30), [D(2026, 11, 30)])


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (D(2026, 11, 29), D(2026, 11, 29), 0),
        (D(2026, 11, 29), D(2026, 12, 6), 5),
        (D(2026, 12, 3), D(2026, 12, 5), 0),  # Thursday to Saturday
        (D(2026, 12, 10), D(2026, 12, 1), 0),
    ],
)
def test_counting_working_days_between_two_dates(start, end, expected):
    assert working_days_between(start, end) == expected


TODAY = D(2026, 11, 29)


@pytest.mark.parametrize(
    ("cpr", "born"),
    [
        ("900101234", D(1990, 1, 1)),
        ("051112345", D(2005, 11, 1)),
        ("261112345", D(2026, 11, 1)),  # born this month
        ("271112345", D(1927, 11, 1)),  # 2027 would be in the future
        ("901301234", None),  # month 13
        ("900001234", None),  # month 0
        ("12345", None),
        ("", None),
    ],
)
def test_the_birth_month_in_a_cpr_number(cpr, born):
    assert cpr_birth_month(cpr, TODAY) == born


@pytest.mark.parametrize(
    ("born", "age"),
    [
        (D(2008, 11, 1), 18),
        (D(2008, 12, 1), 17),
        (D(2008, 11, 30), 17),
        (D(1990, 1, 1), 36),
    ],
)
def test_age_in_whole_years(born, age):
    assert age_in_years(born, TODAY) == age
