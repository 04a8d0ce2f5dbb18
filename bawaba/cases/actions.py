"""Changes the case kit makes: a case's move through its transition table,
and changes to the working calendar made by code rather than in the admin."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, Protocol, TypeVar

from django.db import models, transaction

from bawaba.cases.models import Holiday, HolidaySource, RamadanPeriod
from bawaba.cases.seed import public_holidays, ramadan_periods
from bawaba.cases.transitions import TransitionRefused, TransitionTable
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


class Case(Protocol):
    """What ``case_move`` needs of a case: its state and its revision (raised
    on every change, so that a stale form is refused), and saving."""

    state: Any
    revision: Any

    def save(self, *args: Any, **kwargs: Any) -> None: ...


C = TypeVar("C", bound=Case)
E = TypeVar("E")
M = TypeVar("M", bound=models.Model)


def case_lock(queryset: models.QuerySet[M], **lookup: Any) -> M:
    """The one case ``lookup`` finds in ``queryset``, its row locked until the
    transaction ends (only the case's own row, not the rows it joins)."""
    return queryset.select_for_update(of=("self",)).get(**lookup)


def case_move(
    case: C,
    move: str,
    *,
    table: TransitionTable,
    facts: Mapping[str, bool] | None = None,
    refused: Callable[[TransitionRefused], Exception] | None = None,
    record: Callable[[str], E],
    update_fields: list[str] | None = None,
) -> E:
    """Make ``move`` on a ``case`` the caller has locked (``case_lock``), inside
    its transaction: check the move against ``table`` from the current state
    (given the case's ``facts``), set the state it leads to, count a new
    revision, save (only ``update_fields`` besides these, when given) and write
    its history row with ``record(action)``, which returns it.

    A move the table refuses changes nothing and raises ``refused(error)``
    (the domain app's own error, with its message), or TransitionRefused."""
    try:
        state = table.target(move, case.state, facts)
    except TransitionRefused as error:
        if refused is None:
            raise
        raise refused(error) from error
    case.state = state
    case.revision += 1
    if update_fields is None:
        case.save()
    else:
        case.save(update_fields=[*update_fields, "state", "revision"])
    return record(table.event(move))
