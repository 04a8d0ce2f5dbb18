"""The complaints queue and "How we are doing" with many complaints:
`make bench-complaints`.

Needs PostgreSQL. Fills its own database (BENCH_DATABASE_URL, by default
bawaba_bench_complaints) with BENCH_CASES cases (100,000 by default; set it
to 1000000 for a million) received over the last 400 days by 40 providers
(the busiest with about a quarter of them) and the triage queue, 1% of them
reopened, in batches of 10,000. Then it serves each page REPEAT times in
this process through Django's test client (every middleware included, no
network) and prints the median and 95th percentile time and the number of
database queries: the complaints queue's first page for a complaints
officer of the busiest provider and for a complaint manager (every
provider's cases), both signed in with two-step verification; the public
report once with the cache emptied before every request (the figures
computed), once cached (as served: the first request warms the cache). A
second run reuses the data.
"""

from __future__ import annotations

import datetime
import logging
import os
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

BATCH = 10_000
TRIAGE = 0.03
OFFICER = "bench-complaints-officer@bawaba.example"
MANAGER = "bench-complaints-manager@bawaba.example"


def _setup() -> None:
    os.environ["DATABASE_URL"] = DATABASE
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django
    from django.core.management import call_command

    django.setup()
    logging.disable(logging.INFO)  # one log line per request would drown the figures
    call_command("migrate", verbosity=0)


def _staff() -> tuple[Any, Any]:
    """A complaints officer of the busiest provider and a complaint manager,
    each with two-step verification on."""
    from bawaba.accounts.constants import Role
    from bawaba.accounts.models import Organisation, User
    from bawaba.accounts.tests.factories import OrganisationFactory, staff_with_two_step

    officer = User.objects.filter(email=OFFICER).first() or staff_with_two_step(
        Organisation.objects.get(slug="bench-complaints-0"),
        Role.COMPLAINTS_OFFICER,
        email=OFFICER,
    )
    portal = Organisation.objects.filter(slug="bench-portal").first()
    manager = User.objects.filter(email=MANAGER).first() or staff_with_two_step(
        portal or OrganisationFactory.create(slug="bench-portal"),
        Role.COMPLAINT_MANAGER,
        email=MANAGER,
    )
    return officer, manager


def _generate() -> str:
    """The cases; the slug of the busiest provider for its page."""
    from django.db import connection

    from bawaba.accounts.models import Organisation
    from bawaba.accounts.tests.factories import OrganisationFactory
    from bawaba.complaints.models import Complaint, ComplaintEvent

    providers = list(
        Organisation.objects.filter(slug__startswith="bench-complaints-").order_by("pk")
    )
    if len(providers) == PROVIDERS and Complaint.objects.count() >= CASES:
        return providers[0].slug
    while len(providers) < PROVIDERS:
        providers.append(OrganisationFactory.create(slug=f"bench-complaints-{len(providers)}"))
    # 3% wait in triage; a few providers get most of the rest (the first about a quarter).
    weights = [1 / (rank + 1) for rank in range(PROVIDERS)]
    bounds, low = [], TRIAGE
    for provider, weight in zip(providers, weights, strict=True):
        high = low + (1 - TRIAGE) * weight / sum(weights)
        bounds.append((low, high, provider.pk))
        low = high
    with connection.cursor() as cursor:
        # The history refuses deletes: start afresh.
        cursor.execute(
            f"TRUNCATE {ComplaintEvent._meta.db_table}, {Complaint._meta.db_table} CASCADE"
        )
        cursor.execute("CREATE TEMPORARY TABLE bench_provider (low float8, high float8, id bigint)")
        cursor.executemany("INSERT INTO bench_provider VALUES (%s, %s, %s)", bounds)
        cursor.execute("SELECT setseed(0.7)")  # the same cases every time
        for first in range(0, CASES, BATCH):
            cursor.execute(FILL, [first, min(first + BATCH, CASES) - 1])
        cursor.execute(REOPEN)
        cursor.execute("DROP TABLE bench_provider")
        cursor.execute("VACUUM ANALYZE")  # autovacuum may be off: fresh statistics
    return providers[0].slug


# One batch of cases, numbered from %s to %s, received at random over the last
# 400 days: a first response 1 to 40 hours later (due in 24), closed 1 to 25
# days later (due in 15) unless that is still to come; 6 complaints out of 11,
# 2 suggestions, 1 each of the other kinds; 30% by telephone.
FILL = """
INSERT INTO complaints_complaint (
    id, reference, organisation_id, kind, channel, subject, details, received_at,
    acknowledged_at, acknowledged_same_day, first_response_due_at, first_response_at,
    due_at, decided_at, state, outcome, priority, stage, revision, subject_kind,
    subject_id, contact_name, contact_email, contact_mobile, language,
    identity_withheld, consent_to_contact, escalation_level, compliment_for, created_at,
    updated_at
)
SELECT
    gen_random_uuid(), 'CMP-B' || lpad(n::text, 8, '0'), provider.id,
    CASE WHEN kind < 6 THEN 'complaint' WHEN kind < 8 THEN 'suggestion'
         WHEN kind < 9 THEN 'enquiry' WHEN kind < 10 THEN 'grievance' ELSE 'compliment' END,
    CASE WHEN phone THEN 'phone' ELSE 'web' END, 'Bench', 'Bench.', received,
    received, same_day, received + interval '24 hours', received + answered,
    received + interval '15 days', CASE WHEN received + closed < now() THEN received + closed END,
    CASE WHEN received + closed < now() THEN 'closed'
         WHEN open_state < 0.2 THEN 'received' WHEN open_state < 0.8 THEN 'in_progress'
         ELSE 'more_information' END,
    CASE WHEN received + closed < now() THEN 'resolved' ELSE '' END,
    3, '', 0, '', '', '', '', '', 'ar', false, true, 0, '', received, received
FROM (
    SELECT n, now() - random() * interval '400 days' AS received, random() AS pick,
        floor(random() * 11) AS kind, random() < 0.3 AS phone, random() < 0.95 AS same_day,
        (1 + floor(random() * 40)) * interval '1 hour' AS answered,
        (1 + floor(random() * 25)) * interval '1 day' AS closed, random() AS open_state
    FROM generate_series(%s::int, %s::int) AS n
) AS drawn
LEFT JOIN bench_provider AS provider ON drawn.pick >= provider.low AND drawn.pick < provider.high
"""

# 1% of the cases reopened once by the person.
REOPEN = """
INSERT INTO complaints_complaintevent (
    complaint_id, created_at, action, from_state, state, text, visibility
)
SELECT id, received_at + interval '2 days', 'reopen', 'closed', 'in_progress', '', 'person'
FROM complaints_complaint WHERE random() < 0.01
"""


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

    from bawaba.accounts.two_step import two_step_mark_passed
    from bawaba.complaints.models import Complaint

    started = time.perf_counter()
    slug = _generate()
    officer, manager = _staff()
    generated = time.perf_counter() - started
    print(f"{Complaint.objects.count():,} cases ({generated:.0f} s to prepare)")
    staff = []
    for user in (officer, manager):
        client = Client()
        client.force_login(user)
        # Signed in without the form: mark the code as typed, as a real sign-in does.
        session = client.session
        two_step_mark_passed(session=session, user=user)
        session.save()
        staff.append(client)
    print(f"{'page':<34}{'median ms':>10}{'p95 ms':>9}{'queries':>9}")
    queue = "/en/staff/complaints/"
    for client, label in ((staff[0], "queue, officer"), (staff[1], "queue, manager")):
        median, p95, queries = _time(client, queue, lambda: None)
        print(f"{label + ', first page':<34}{median:>10.1f}{p95:>9.1f}{queries:>9}")
    today = timezone.localdate()
    year = f"from={(today - datetime.timedelta(days=365)).isoformat()}&to={today.isoformat()}"
    pages = [
        ("list, last 90 days", "/en/how-we-are-doing/"),
        ("list, last year", f"/en/how-we-are-doing/?{year}"),
        ("one provider, 90 days", f"/ar/how-we-are-doing/{slug}/"),
        ("open data, last year", f"/en/how-we-are-doing/data.json?{year}"),
    ]
    client = Client()
    for label, path in pages:
        for how, before in (("computed", cache.clear), ("as served", lambda: None)):
            median, p95, queries = _time(client, path, before)
            print(f"{label + ', ' + how:<34}{median:>10.1f}{p95:>9.1f}{queries:>9}")


if __name__ == "__main__":
    main()
