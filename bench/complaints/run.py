"""How we are doing with many complaints: `python bench/complaints/run.py`.

Needs PostgreSQL. Fills its own database (BENCH_DATABASE_URL, by default
bawaba_bench_complaints) with BENCH_CASES cases (100,000 by default; set it
to 1000000 for a million) received over the last 400 days by 40 providers
and the triage queue, 2% of them reopened, then serves each page REPEAT
times in this process through Django's test client (every middleware
included, no network) and prints the median and 95th percentile time and
the number of database queries: once with the cache emptied before every
request (the figures computed), once cached. A second run reuses the data.
"""

from __future__ import annotations

import datetime
import logging
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DATABASE = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bawaba_bench_complaints"
)
CASES = int(os.environ.get("BENCH_CASES", "100000"))
PROVIDERS = 40
REPEAT = int(os.environ.get("BENCH_REPEAT", "30"))

sys.path.insert(0, str(ROOT))
from bench.postgres import database_ensure  # noqa: E402  # after the path is set


def _setup() -> None:
    os.environ["DATABASE_URL"] = DATABASE
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django
    from django.core.management import call_command

    django.setup()
    logging.disable(logging.INFO)  # one log line per request would drown the figures
    call_command("migrate", verbosity=0)


def _generate() -> str:
    """The cases; the slug of one provider for its page."""
    from django.db import connection
    from django.utils import timezone

    from bawaba.accounts.models import Organisation
    from bawaba.accounts.tests.factories import OrganisationFactory
    from bawaba.complaints.models import (
        Channel,
        Complaint,
        ComplaintEvent,
        ComplaintState,
        Kind,
        Outcome,
    )

    providers = list(Organisation.objects.filter(slug__startswith="bench-complaints-"))
    if len(providers) == PROVIDERS and Complaint.objects.count() >= CASES:
        return providers[0].slug
    with connection.cursor() as cursor:  # the history refuses deletes: start afresh
        cursor.execute(
            f"TRUNCATE {ComplaintEvent._meta.db_table}, {Complaint._meta.db_table} CASCADE"
        )
    while len(providers) < PROVIDERS:
        providers.append(OrganisationFactory.create(slug=f"bench-complaints-{len(providers)}"))
    rng = random.Random(7)  # noqa: S311  # made-up data, not a secret
    now = timezone.now()
    hour = datetime.timedelta(hours=1)
    kinds = (
        [Kind.COMPLAINT] * 6
        + [Kind.SUGGESTION] * 2
        + [
            Kind.ENQUIRY,
            Kind.GRIEVANCE,
            Kind.COMPLIMENT,
        ]
    )
    batch: list[Complaint] = []
    for index in range(CASES):
        received = now - datetime.timedelta(minutes=rng.randint(0, 400 * 24 * 60))
        first_due = received + 24 * hour
        due = received + 15 * 24 * hour
        closed = received + rng.randint(1, 25) * 24 * hour
        is_closed = closed < now
        batch.append(
            Complaint(
                reference=f"CMP-B{index:08d}",
                organisation=None if rng.random() < 0.03 else rng.choice(providers),
                kind=rng.choice(kinds),
                channel=Channel.PHONE if rng.random() < 0.3 else Channel.WEB,
                subject="Bench",
                details="Bench.",
                received_at=received,
                acknowledged_at=received,
                acknowledged_same_day=rng.random() < 0.95,
                first_response_due_at=first_due,
                first_response_at=received + rng.randint(1, 40) * hour,
                due_at=due,
                decided_at=closed if is_closed else None,
                state=ComplaintState.CLOSED if is_closed else ComplaintState.IN_PROGRESS,
                outcome=Outcome.RESOLVED if is_closed else "",
            )
        )
        if len(batch) == 5000:
            _save(batch, rng)
            batch = []
    _save(batch, rng)
    with connection.cursor() as cursor:  # autovacuum may be off: fresh statistics
        cursor.execute("VACUUM ANALYZE")
    return providers[0].slug


def _save(batch: list[Any], rng: random.Random) -> None:
    from bawaba.complaints.models import Complaint, ComplaintEvent, ComplaintState

    saved = Complaint.objects.bulk_create(batch)
    ComplaintEvent.objects.bulk_create(
        ComplaintEvent(complaint=case, action="reopen", state=ComplaintState.IN_PROGRESS)
        for case in saved
        if rng.random() < 0.02
    )


def _time(client: object, path: str, before: Callable[[], None]) -> tuple[float, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings = []
    queries = 0
    for attempt in range(REPEAT + 2):
        before()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path)  # type: ignore[attr-defined]
            elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        if attempt >= 2:  # the first few warm the caches
            timings.append(elapsed)
            queries = len(captured)
    timings.sort()
    return statistics.median(timings), timings[max(int(len(timings) * 0.95) - 1, 0)], queries


def main() -> None:
    database_ensure(DATABASE)
    _setup()
    from django.core.cache import cache
    from django.test import Client
    from django.utils import timezone

    from bawaba.complaints.models import Complaint

    started = time.perf_counter()
    slug = _generate()
    generated = time.perf_counter() - started
    print(f"{Complaint.objects.count():,} cases ({generated:.0f} s to prepare)")
    today = timezone.localdate()
    year = f"from={(today - datetime.timedelta(days=365)).isoformat()}&to={today.isoformat()}"
    pages = [
        ("list, last 90 days", "/en/how-we-are-doing/"),
        ("list, last year", f"/en/how-we-are-doing/?{year}"),
        ("one provider, 90 days", f"/ar/how-we-are-doing/{slug}/"),
        ("open data, last year", f"/en/how-we-are-doing/data.json?{year}"),
    ]
    client = Client()
    print(f"{'page':<34}{'median ms':>10}{'p95 ms':>9}{'queries':>9}")
    for label, path in pages:
        for how, before in (("computed", cache.clear), ("cached", lambda: None)):
            median, p95, queries = _time(client, path, before)
            print(f"{label + ', ' + how:<34}{median:>10.1f}{p95:>9.1f}{queries:>9}")


if __name__ == "__main__":
    main()
