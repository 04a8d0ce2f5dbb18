"""Changes to the working calendar made by code rather than in the admin."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from bawaba.cases.models import Holiday, HolidaySource, RamadanPeriod
from bawaba.cases.seed import public_holidays, ramadan_periods
from bawaba.core.audit import audit_record


@transaction.atomic
def calendar_seed(*, years: Iterable[int]) -> tuple[int, int]:
    """Add the calculated holidays (Arafat Day included) and Ramadan periods of
    ``years``. A day already in the table is left as it is, so a holiday an
    administrator cleared or moved is not brought back. Returns how many
    holidays and Ramadan periods were added."""
    years = sorted(set(years))
    holidays_added = periods_added = 0
    for holiday in public_holidays(years):
        _, created = Holiday.objects.get_or_create(
            day=holiday.day,
            defaults={
                "name_ar": holiday.name_ar,
                "name_en": holiday.name_en,
                "source": HolidaySource.CALCULATED,
            },
        )
        holidays_added += created
    for first, last in ramadan_periods(years):
        overlapping = RamadanPeriod.objects.filter(starts_on__lte=last, ends_on__gte=first)
        if not overlapping.exists():
            RamadanPeriod.objects.create(starts_on=first, ends_on=last)
            periods_added += 1
    audit_record(
        action="cases.calendar.seeded",
        data={"years": years, "holidays": holidays_added, "ramadan": periods_added},
    )
    return holidays_added, periods_added
