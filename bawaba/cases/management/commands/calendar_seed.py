from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from bawaba.cases.actions import calendar_seed


class Command(BaseCommand):
    help = (
        "Add Bahrain's calculated public holidays (with Arafat Day) and Ramadan periods "
        "for the years given; days already in the calendar are left as they are."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("years", nargs="+", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        holidays, periods = calendar_seed(years=options["years"])
        self.stdout.write(f"{holidays} holidays and {periods} Ramadan periods added.")
