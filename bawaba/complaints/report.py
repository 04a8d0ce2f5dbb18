"""How we are doing: the charter's promises on complaints as numbers (C25,
C26, C29, C31), per provider and over a period, read with a fixed number of
aggregate queries whatever the number of providers or cases.

Each block is one query grouped by provider (``organisation_id``; None is
the portal's triage queue):

- received in the period (``received_at``): by kind and by channel,
  acknowledged on the working day of receipt (C26), referred (C25: the case
  has left triage, that is it is with a provider), compliments (C31);
- of those, reopened by the person (a "reopen" step in the history);
- first response due in the period (``first_response_due_at``) and already
  measurable (answered, or its moment has passed): answered by the moment;
- closed in the period (``decided_at``, withdrawals left out: the person
  ended them, not the provider): closed by the due moment (C29);
- now, whatever the period: open (not closed) and overdue (the provider owes
  the next step, ``OPEN_STATES``, and its due moment has passed).

A rate keeps its numerator and denominator; with nothing to measure its
percentage is None, never a division by zero.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any, Literal

from django.core.cache import cache
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from bawaba.accounts.models import Organisation
from bawaba.complaints.models import (
    Channel,
    Complaint,
    ComplaintEvent,
    ComplaintState,
    Kind,
    Outcome,
)
from bawaba.complaints.workflow import OPEN_STATES

# The longest period the public page and the open data answer for.
MAX_PERIOD_DAYS = 366
DEFAULT_PERIOD_DAYS = 90

ALL: Literal["all"] = "all"


@dataclass(frozen=True)
class Rate:
    """``met`` cases out of ``of`` kept the promise."""

    met: int = 0
    of: int = 0

    @property
    def percent(self) -> int | None:
        if not self.of:
            return None
        return round(100 * self.met / self.of)

    def as_dict(self) -> dict[str, int | None]:
        return {"met": self.met, "of": self.of, "percent": self.percent}


@dataclass(frozen=True)
class Figures:
    received: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    by_channel: dict[str, int] = field(default_factory=dict)
    acknowledged_same_day: Rate = Rate()
    referred: Rate = Rate()
    first_response_on_time: Rate = Rate()
    resolved_on_time: Rate = Rate()
    reopened: Rate = Rate()
    compliments: int = 0
    open_now: int = 0
    overdue_now: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "received": self.received,
            "by_kind": self.by_kind,
            "by_channel": self.by_channel,
            "acknowledged_same_day": self.acknowledged_same_day.as_dict(),
            "referred": self.referred.as_dict(),
            "first_response_on_time": self.first_response_on_time.as_dict(),
            "resolved_on_time": self.resolved_on_time.as_dict(),
            "reopened": self.reopened.as_dict(),
            "compliments": self.compliments,
            "open_now": self.open_now,
            "overdue_now": self.overdue_now,
        }


@dataclass(frozen=True)
class ProviderFigures:
    provider: Organisation
    figures: Figures


def period_bounds(start: datetime.date, end: datetime.date) -> tuple[datetime.datetime, ...]:
    """From the start of ``start`` to the end of ``end`` (both days included),
    in the portal's time zone, as [from, until)."""
    zone = timezone.get_current_timezone()
    since = datetime.datetime.combine(start, datetime.time.min, tzinfo=zone)
    until = datetime.datetime.combine(
        end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
    )
    return since, until


def _scope(organisation_id: int | Literal["all"] | None) -> QuerySet[Complaint]:
    cases = Complaint.objects.all()
    if organisation_id == ALL:
        return cases
    if organisation_id is None:
        return cases.filter(organisation__isnull=True)
    return cases.filter(organisation_id=organisation_id)


def _blocks(
    cases: QuerySet[Complaint],
    *,
    start: datetime.date,
    end: datetime.date,
    now: datetime.datetime,
    grouped: bool,
) -> dict[int | str | None, dict[str, int]]:
    """Each block's counts by provider id (or under the key ``ALL``)."""
    since, until = period_bounds(start, end)
    # Each block counts a column that is never empty in it and that its
    # index holds (models.py), so PostgreSQL reads the index alone.
    blocks: list[tuple[QuerySet[Any], dict[str, Any]]] = [
        (
            cases.filter(received_at__gte=since, received_at__lt=until),
            {
                "received": Count("received_at"),
                **{
                    f"kind_{kind}": Count("received_at", filter=Q(kind=kind))
                    for kind in Kind.values
                },
                **{
                    f"channel_{ch}": Count("received_at", filter=Q(channel=ch))
                    for ch in Channel.values
                },
                "acknowledged": Count("received_at", filter=Q(acknowledged_same_day=True)),
                "referred": Count("received_at", filter=Q(organisation__isnull=False)),
            },
        ),
        (
            cases.filter(first_response_due_at__gte=since, first_response_due_at__lt=until).filter(
                Q(first_response_at__isnull=False) | Q(first_response_due_at__lt=now)
            ),
            {
                "responses_due": Count("first_response_due_at"),
                "responses_on_time": Count(
                    "first_response_due_at",
                    filter=Q(first_response_at__lte=F("first_response_due_at")),
                ),
            },
        ),
        (
            cases.filter(
                state=ComplaintState.CLOSED,
                decided_at__gte=since,
                decided_at__lt=until,
                due_at__isnull=False,
            ).exclude(outcome=Outcome.WITHDRAWN),
            {
                "closed": Count("decided_at"),
                "closed_on_time": Count("decided_at", filter=Q(decided_at__lte=F("due_at"))),
            },
        ),
        (
            cases.exclude(state=ComplaintState.CLOSED),
            {
                "open": Count("state"),
                "overdue": Count("state", filter=Q(state__in=OPEN_STATES, due_at__lt=now)),
            },
        ),
    ]
    # Reopened: counted from the (short) history rather than a subquery per
    # case, which cost most of the time on 100,000 cases.
    reopens = ComplaintEvent.objects.filter(
        action="reopen",
        complaint__received_at__gte=since,
        complaint__received_at__lt=until,
    )
    if cases.query.has_filters():  # one provider's: every case needs no subquery
        reopens = reopens.filter(complaint__in=cases)
    keyed = [("organisation_id", queryset, aggregates) for queryset, aggregates in blocks]
    keyed.append(
        ("complaint__organisation_id", reopens, {"reopened": Count("complaint_id", distinct=True)})
    )
    counts: dict[Any, dict[str, int]] = {}
    for provider_field, queryset, aggregates in keyed:
        if grouped:
            rows = queryset.order_by().values(provider_field).annotate(**aggregates)
            for row in rows:
                values: dict[str, Any] = dict(row)
                key = values.pop(provider_field)
                counts.setdefault(key, {}).update(values)
        else:
            counts.setdefault(ALL, {}).update(queryset.aggregate(**aggregates))
    return counts


def _figures(counts: dict[str, int]) -> Figures:
    received = counts.get("received", 0)
    return Figures(
        received=received,
        by_kind={kind: counts.get(f"kind_{kind}", 0) for kind in Kind.values},
        by_channel={ch: counts.get(f"channel_{ch}", 0) for ch in Channel.values},
        acknowledged_same_day=Rate(counts.get("acknowledged", 0), received),
        referred=Rate(counts.get("referred", 0), received),
        first_response_on_time=Rate(
            counts.get("responses_on_time", 0), counts.get("responses_due", 0)
        ),
        resolved_on_time=Rate(counts.get("closed_on_time", 0), counts.get("closed", 0)),
        reopened=Rate(counts.get("reopened", 0), received),
        compliments=counts.get(f"kind_{Kind.COMPLIMENT}", 0),
        open_now=counts.get("open", 0),
        overdue_now=counts.get("overdue", 0),
    )


def compliance_figures(
    *,
    organisation_id: int | Literal["all"] | None,
    start: datetime.date,
    end: datetime.date,
    now: datetime.datetime,
) -> Figures:
    """One provider's figures (None: the triage queue; ``"all"``: every case)."""
    counts = _blocks(_scope(organisation_id), start=start, end=end, now=now, grouped=False)
    return _figures(counts.get(ALL, {}))


def compliance_figures_by_provider(
    *, start: datetime.date, end: datetime.date, now: datetime.datetime
) -> list[ProviderFigures]:
    """Every active provider that has cases in the period or open now, by
    name, with its figures: five grouped queries and one for the providers."""
    counts = _blocks(Complaint.objects.all(), start=start, end=end, now=now, grouped=True)
    ids = [key for key, row in counts.items() if key is not None and any(row.values())]
    providers = Organisation.objects.filter(pk__in=ids, is_active=True).only(
        "pk", "slug", "name_ar", "name_en"
    )
    result = [ProviderFigures(provider, _figures(counts[provider.pk])) for provider in providers]
    result.sort(key=lambda item: item.provider.name)
    return result


# The public pages read the figures from the cache; beat refreshes the
# default period's before they expire (``tasks.warm_report``), so a reader
# never waits for them to be computed. Other periods are computed on first
# asking and kept as long.
CACHE_SECONDS = 600


def _cache_key(*parts: object) -> str:
    return "complaints:report:" + ":".join(str(part) for part in parts)


def figures_by_provider_cached(
    *, start: datetime.date, end: datetime.date, refresh: bool = False
) -> list[ProviderFigures]:
    key = _cache_key(start.isoformat(), end.isoformat())
    found: list[ProviderFigures] | None = None if refresh else cache.get(key)
    if found is None:
        found = compliance_figures_by_provider(start=start, end=end, now=timezone.now())
        cache.set(key, found, CACHE_SECONDS)
    return found


def provider_figures_cached(
    *, organisation_id: int, start: datetime.date, end: datetime.date, refresh: bool = False
) -> Figures:
    key = _cache_key(organisation_id, start.isoformat(), end.isoformat())
    found: Figures | None = None if refresh else cache.get(key)
    if found is None:
        found = compliance_figures(
            organisation_id=organisation_id, start=start, end=end, now=timezone.now()
        )
        cache.set(key, found, CACHE_SECONDS)
    return found


def default_period(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The period the pages show unless asked for another: the last 90 days."""
    return today - datetime.timedelta(days=DEFAULT_PERIOD_DAYS - 1), today


def report_warm(*, today: datetime.date | None = None) -> int:
    """Compute the default period's figures again, for the list and for each
    provider listed, and keep them in the cache. Returns how many providers."""
    start, end = default_period(today or timezone.localdate())
    providers = figures_by_provider_cached(start=start, end=end, refresh=True)
    for entry in providers:
        provider_figures_cached(
            organisation_id=entry.provider.pk, start=start, end=end, refresh=True
        )
    return len(providers)
