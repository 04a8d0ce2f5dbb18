"""The calculated calendar the tables start from: Bahrain's public holidays
from the ``holidays`` package, Arafat Day (which the package does not list
for Bahrain), and the periods of Ramadan.

Islamic dates are calculated; the official dates are announced shortly
before and can differ by a day. Administrators then move the day in the
administration site (clear the calculated day, add the announced one).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import NamedTuple

import holidays

ONE_DAY = datetime.timedelta(days=1)
# The longer of the two possible lengths: the Ramadan hours start a day early
# in a 29-day month rather than a day late in a 30-day one, until an
# administrator sets the day the moon-sighting committee announced.
RAMADAN_DAYS = 30
ESTIMATED = "(estimated)"


class SeedHoliday(NamedTuple):
    day: datetime.date
    name_ar: str
    name_en: str


def _first_days(days: Iterable[datetime.date]) -> list[datetime.date]:
    """The first day of each run of consecutive days."""
    chosen = set(days)
    return sorted(day for day in chosen if day - ONE_DAY not in chosen)


def _named(calendar: holidays.HolidayBase, name: str) -> list[datetime.date]:
    return [day for day, names in calendar.items() if name in names]


def public_holidays(years: Iterable[int]) -> list[SeedHoliday]:
    """Bahrain's public holidays in ``years``, with Arafat Day: the day before
    the first day of Eid al-Adha."""
    years = list(years)
    arabic = holidays.country_holidays("BH", years=years, language="ar")
    english = holidays.country_holidays("BH", years=years, language="en_US")
    days = {day: SeedHoliday(day, arabic[day], english[day]) for day in english}
    for eid in _first_days(_named(english, "Eid al-Adha")):
        estimated = ESTIMATED in english[eid]
        arafat = SeedHoliday(
            eid - ONE_DAY,
            "يوم عرفة (تقديري)" if estimated else "يوم عرفة",
            f"Arafat Day {ESTIMATED}" if estimated else "Arafat Day",
        )
        if arafat.day in days:
            other = days[arafat.day]
            arafat = SeedHoliday(
                arafat.day,
                f"{other.name_ar}؛ {arafat.name_ar}",
                f"{other.name_en}; {arafat.name_en}",
            )
        days[arafat.day] = arafat
    return sorted(days.values())


def ramadan_periods(years: Iterable[int]) -> list[tuple[datetime.date, datetime.date]]:
    """Each Ramadan whose Eid al-Fitr falls in ``years``: the ``RAMADAN_DAYS``
    days before the first day of Eid, first and last day included."""
    english = holidays.country_holidays("BH", years=list(years), language="en_US")
    return [
        (eid - RAMADAN_DAYS * ONE_DAY, eid - ONE_DAY)
        for eid in _first_days(_named(english, "Eid al-Fitr"))
    ]
