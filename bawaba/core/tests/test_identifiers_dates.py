import datetime

import pytest

from bawaba.core.identifiers import age_in_years, cpr_birth_month

D = datetime.date


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
