"""The case kit's reads: one page of a work queue, scoped by the domain app
to the organisations of the member of staff asking, narrowed by the
filters every queue has, most urgent first and then soonest due, each row
flagged when overdue or due soon. A page costs a bounded number of queries
whatever the queue's size: the count, the page, and the working calendar
(cached) only when a row's "due soon" is read."""

from __future__ import annotations

import datetime
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Generic, TypeVar

from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import F

from bawaba.cases.calendar import BAHRAIN, calendar_for
from bawaba.cases.deadlines import end_of_day, is_due_soon

C = TypeVar("C", bound=models.Model)


@dataclass(frozen=True)
class QueueFilters:
    """What a queue is narrowed to: a state, whose it is ("me", "none", or
    anyone's), overdue only, due by the end of a day. A domain app adds its
    own (a service, a kind) in a subclass and applies them itself."""

    state: str = ""
    assignee: str = ""
    overdue: bool = False
    due_by: datetime.date | None = None


@dataclass
class QueueRow(Generic[C]):
    case: C
    due: datetime.date | datetime.datetime | None
    overdue: bool
    open: bool
    now: datetime.datetime = field(repr=False)

    @cached_property
    def due_soon(self) -> bool:
        """Not overdue yet, but due by the end of the next working day, on
        the case's organisation's working calendar (read on first use)."""
        if not self.open or self.due is None:
            return False
        calendar = calendar_for(getattr(self.case, "organisation_id", None))
        return is_due_soon(calendar, self.due, self.now)


@dataclass(frozen=True)
class QueuePage(Generic[C]):
    page: Page[C]
    rows: list[QueueRow[C]]


def case_overdue(
    due: datetime.date | datetime.datetime | None,
    state: str,
    *,
    now: datetime.datetime,
    open_states: Collection[str],
) -> bool:
    """Past its due day or moment while the organisation still owes the next step."""
    if due is None or state not in open_states:
        return False
    if isinstance(due, datetime.datetime):
        return now > due
    return due < now.astimezone(BAHRAIN).date()


def case_queue(
    cases: models.QuerySet[C],
    *,
    user: Any,
    filters: QueueFilters,
    states: Collection[str],
    open_states: Collection[str],
    now: datetime.datetime,
    page_number: Any = None,
    page_size: int = 50,
    due: str = "due_at",
    then: Sequence[str] = (),
) -> QueuePage[C]:
    """One page of ``cases`` (already scoped to what ``user`` may see):
    narrowed by ``filters`` (a state among ``states``, anything else
    ignored), most urgent first, then soonest due (those without a due
    day or moment last), then ``then`` (the domain's tie-breakers, which
    its index should end with). ``due`` names the case's due field: the
    kit's ``due_at`` (a moment), or a domain's date field for deadlines in
    working days. Overdue and due-by count only cases in ``open_states``,
    where the organisation owes the next step."""
    by_moment = isinstance(cases.model._meta.get_field(due), models.DateTimeField)
    today = now.astimezone(BAHRAIN).date()
    if filters.state in states:
        cases = cases.filter(state=filters.state)
    if filters.assignee == "me":
        cases = cases.filter(assignee=user)
    elif filters.assignee == "none":
        cases = cases.filter(assignee__isnull=True)
    if filters.overdue:
        cases = cases.filter(**{f"{due}__lt": now if by_moment else today})
        cases = cases.filter(state__in=open_states)
    if filters.due_by is not None:
        limit = end_of_day(filters.due_by) if by_moment else filters.due_by
        cases = cases.filter(**{f"{due}__lte": limit}).filter(state__in=open_states)
    cases = cases.order_by("priority", F(due).asc(nulls_last=True), *then)
    page = Paginator(cases, page_size).get_page(page_number)
    rows = []
    for case in page.object_list:
        state, when = getattr(case, "state", ""), getattr(case, due)
        overdue = case_overdue(when, state, now=now, open_states=open_states)
        rows.append(QueueRow(case, when, overdue, state in open_states, now))
    return QueuePage(page, rows)
