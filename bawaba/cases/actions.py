"""Changes the case kit makes: a case locked and moved through its transition
table (``case_lock``, ``case_transition``), assignment, and changes to the
working calendar made by code rather than in the admin."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, Protocol, TypeVar

from django.db import models, transaction

from bawaba.cases.models import Holiday, HolidaySource, RamadanPeriod
from bawaba.cases.seed import public_holidays, ramadan_periods
from bawaba.cases.transitions import SYSTEM, TransitionRefused, TransitionTable
from bawaba.core.audit import audit_record
from bawaba.core.identifiers import normalise_digits


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
    """What the kit's actions need of a case: its state and its revision
    (raised on every change, so that a stale form is refused), and saving."""

    state: Any
    revision: Any

    def save(self, *args: Any, **kwargs: Any) -> None: ...


C = TypeVar("C", bound=Case)
C_contra = TypeVar("C_contra", contravariant=True)
E = TypeVar("E")
E_co = TypeVar("E_co", covariant=True)
M = TypeVar("M", bound=models.Model)


class CaseKind(Protocol[C_contra, E_co]):
    """What a domain app tells the kit about its kind of case: its transition
    table, the facts its targets depend on, which kinds of actor a person is
    on one case (the table's APPLICANT, REVIEW, APPROVE, STAFF), how it writes
    a history row, and its own errors, whose messages the person reads."""

    table: TransitionTable

    def facts(self, case: C_contra) -> Mapping[str, bool]: ...

    def actor_kinds(self, user: Any, case: C_contra) -> frozenset[str]: ...

    def colleagues(self, case: C_contra) -> models.QuerySet[Any]:
        """The staff who may be given the case now."""
        ...

    def record(
        self, case: C_contra, action: str, actor: Any, from_state: str, **row: Any
    ) -> E_co: ...

    def refused(self, case: C_contra) -> Exception:
        """The move is not allowed from where the case stands now."""
        ...

    def forbidden(self, case: C_contra) -> Exception:
        """The person's role does not allow the move."""
        ...

    def stale(self, case: C_contra) -> Exception:
        """Someone acted on the case since the person opened it."""
        ...


def case_lock(
    queryset: models.QuerySet[M] | models.Manager[M],
    *,
    revision: int | None = None,
    stale: Callable[[M], Exception] | None = None,
    **lookup: Any,
) -> M:
    """The one case ``lookup`` finds in ``queryset``, its row locked until the
    transaction ends (only the case's own row, not the rows it joins). With
    ``revision``, the revision the person was looking at: when the case has
    changed since, ``stale(case)`` is raised and nothing is done."""
    case = queryset.select_for_update(of=("self",)).get(**lookup)
    if revision is not None and getattr(case, "revision", None) != revision:
        raise stale(case) if stale is not None else CaseChanged(revision)
    return case


class CaseChanged(Exception):
    """The case's revision is not the one the person was looking at."""

    def __init__(self, revision: int) -> None:
        super().__init__(f"the case has changed since revision {revision}")


def case_colleague(kind: CaseKind[C, Any], case: C, value: Any) -> Any:
    """The colleague a form names by id (its digits in any script) among
    those who may be given ``case`` (``kind.colleagues``), or None when the
    value names nobody who may: a garbled value included."""
    try:
        pk = int(normalise_digits(str(value or "")).strip())
    except ValueError:
        return None
    if not 0 < pk < 2**63:
        return None
    return kind.colleagues(case).filter(pk=pk).first()


def case_may(kind: CaseKind[C, Any], user: Any, case: C, move: str) -> bool:
    """Whether ``user`` may make ``move`` on ``case`` by its role (the table's
    actor for the move); the portal's own moves (SYSTEM) are nobody's."""
    if move not in kind.table:
        return False
    actor = kind.table[move].actor
    return actor != SYSTEM and actor in kind.actor_kinds(user, case)


def case_transition(
    kind: CaseKind[C, E],
    case: C,
    move: str,
    *,
    actor: Any,
    update_fields: list[str] | None = None,
    tell: Callable[[], object] | None = None,
    **row: Any,
) -> E:
    """Make ``move`` on a ``case`` locked by ``case_lock``, inside its
    transaction: the one way a case changes state. It checks the move against
    the kind's table from the current state and, unless the move is the
    portal's own (SYSTEM), that ``actor``'s role allows it; sets the state it
    leads to; counts a new revision; saves (only ``update_fields`` besides
    these, when given); writes the history row (``kind.record``, with the
    state before and the ``row`` values); and, when the table says the
    person is told, calls ``tell`` to hand the message to the outbox, in the
    same transaction (the outbox sends it after the commit).

    A refused move changes nothing and raises the kind's own error."""
    if move not in kind.table:
        raise kind.refused(case)
    definition = kind.table[move]
    if definition.actor != SYSTEM and definition.actor not in kind.actor_kinds(actor, case):
        raise kind.forbidden(case)
    from_state = case.state
    event = case_move(
        case,
        move,
        table=kind.table,
        facts=kind.facts(case),
        refused=lambda _error: kind.refused(case),
        record=lambda action: kind.record(case, action, actor, from_state, **row),
        update_fields=update_fields,
    )
    if definition.notifies and tell is not None:
        tell()
    return event


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
