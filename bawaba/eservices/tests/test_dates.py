"""Table tests of the date rules a definition can put on a date question."""

import datetime

import pytest

from bawaba.eservices.dates import DateRules, date_rule_broken, months_later

D = datetime.date
TODAY = D(2026, 12, 4)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 12, 4), 6, D(2027, 6, 4)),
        (D(2026, 8, 31), 6, D(2027, 2, 28)),
        (D(2027, 8, 31), 6, D(2028, 2, 29)),
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2026, 12, 31), 1, D(2027, 1, 31)),
        (D(2026, 3, 15), 12, D(2027, 3, 15)),
        (D(2026, 3, 15), 0, D(2026, 3, 15)),
        (D(2026, 5, 31), 25, D(2028, 6, 30)),
    ],
)
def test_months_later_keeps_the_day_or_takes_the_last_of_a_shorter_month(day, months, expected):
    assert months_later(day, months) == expected


PAST = DateRules(not_in_past=True)
FUTURE = DateRules(not_in_future=True)
SIX_MONTHS = DateRules(months_after=6)
VISA = DateRules(not_in_past=True, months_after=6)


@pytest.mark.parametrize(
    ("day", "rules", "other", "expected"),
    [
        (D(2026, 12, 3), PAST, None, "past"),
        (D(2026, 12, 4), PAST, None, None),  # today is allowed
        (D(2026, 12, 5), PAST, None, None),
        (D(2020, 1, 1), PAST, None, "past"),
        (D(2026, 12, 5), FUTURE, None, "future"),
        (D(2026, 12, 4), FUTURE, None, None),
        (D(1990, 1, 1), FUTURE, None, None),
        (D(2027, 6, 9), SIX_MONTHS, D(2026, 12, 10), "months_after"),
        (D(2027, 6, 10), SIX_MONTHS, D(2026, 12, 10), None),  # exactly six months
        (D(2030, 1, 1), SIX_MONTHS, D(2026, 12, 10), None),
        (D(2027, 2, 27), SIX_MONTHS, D(2026, 8, 31), "months_after"),
        (D(2027, 2, 28), SIX_MONTHS, D(2026, 8, 31), None),
        (D(2020, 1, 1), SIX_MONTHS, None, None),  # the other answer is not known yet
        (D(2020, 1, 1), DateRules(), None, None),
        (D(2026, 11, 1), VISA, D(2026, 1, 1), "past"),  # the first broken rule
    ],
)
def test_date_rules(day, rules, other, expected):
    assert date_rule_broken(day, rules, today=TODAY, other=other) == expected
