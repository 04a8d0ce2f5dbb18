"""Seed the working calendar: Bahrain's public holidays and Ramadan periods
for 2024–2032 as calculated (Arafat Day included), and the portal-wide
working hours (Sunday–Thursday 07:00–14:15; in Ramadan 08:00–14:00)."""

from django.db import migrations

from bawaba.cases.calendar import DEFAULT_RAMADAN_WEEK, DEFAULT_WEEK
from bawaba.cases.seed import public_holidays, ramadan_periods

YEARS = range(2024, 2033)


def seed(apps, schema_editor):
    Holiday = apps.get_model("cases", "Holiday")
    WorkingHours = apps.get_model("cases", "WorkingHours")
    RamadanPeriod = apps.get_model("cases", "RamadanPeriod")
    for holiday in public_holidays(YEARS):
        Holiday.objects.get_or_create(
            day=holiday.day,
            defaults={
                "name_ar": holiday.name_ar,
                "name_en": holiday.name_en,
                "source": "calculated",
            },
        )
    for first, last in ramadan_periods(YEARS):
        RamadanPeriod.objects.get_or_create(starts_on=first, defaults={"ends_on": last})
    for in_ramadan, week in ((False, DEFAULT_WEEK), (True, DEFAULT_RAMADAN_WEEK)):
        for weekday, hours in enumerate(week):
            if hours is not None:
                WorkingHours.objects.get_or_create(
                    organisation=None,
                    in_ramadan=in_ramadan,
                    weekday=weekday,
                    defaults={"opens": hours[0], "closes": hours[1]},
                )


def unseed(apps, schema_editor):
    apps.get_model("cases", "Holiday").objects.filter(source="calculated").delete()
    apps.get_model("cases", "RamadanPeriod").objects.all().delete()
    apps.get_model("cases", "WorkingHours").objects.filter(organisation=None).delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_calendar")]

    operations = [migrations.RunPython(seed, unseed)]
