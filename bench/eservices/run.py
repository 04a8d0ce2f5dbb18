"""The provider's queue and "Your applications" with many applications:
`make bench-eservices`.

Needs PostgreSQL. Fills its own database (BENCH_DATABASE_URL, by default
bawaba_bench_eservices) with BENCH_APPLICATIONS applications (100,000 by
default) sent to one provider, 300 of them by one applicant, then serves each
page REPEAT times in this process through Django's test client (every
middleware included, no network) and prints the median and 95th percentile
time and the number of database queries. A second run reuses the data.
"""

from __future__ import annotations

import datetime
import logging
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATABASE = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bawaba_bench_eservices"
)
APPLICATIONS = int(os.environ.get("BENCH_APPLICATIONS", "100000"))
MINE = 300
REPEAT = int(os.environ.get("BENCH_REPEAT", "50"))

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


def _generate() -> tuple[object, object]:
    """The provider's case worker and the applicant with many applications."""
    from django.db import connection
    from django.utils import timezone

    from bawaba.accounts.models import Organisation, User
    from bawaba.accounts.tests.factories import (
        OrganisationFactory,
        UserFactory,
        staff_with_two_step,
    )
    from bawaba.catalogue.tests.factories import ServiceFactory
    from bawaba.eservices.models import Application, ApplicationState, EServiceDefinition
    from bawaba.eservices.references import reference_new
    from bawaba.eservices.tests.samples import published_eservice

    provider = Organisation.objects.filter(slug="bench-provider").first()
    if provider is not None and Application.objects.count() >= APPLICATIONS:
        worker = User.objects.get(email="bench-worker@bawaba.example")
        applicant = User.objects.get(email="bench-applicant@bawaba.example")
        return worker, applicant
    Application.objects.all().delete()
    provider = provider or OrganisationFactory.create(slug="bench-provider")
    definition = EServiceDefinition.objects.filter(eservice__service__provider=provider).first()
    if definition is None:
        definition = published_eservice(ServiceFactory.create(provider=provider))
    worker = User.objects.filter(email="bench-worker@bawaba.example").first() or (
        staff_with_two_step(provider, "case_worker", email="bench-worker@bawaba.example")
    )
    applicant = User.objects.filter(email="bench-applicant@bawaba.example").first() or (
        UserFactory.create(email="bench-applicant@bawaba.example")
    )
    others = list(User.objects.filter(email__startswith="bench-other-"))
    if not others:
        others = User.objects.bulk_create(
            UserFactory.build(email=f"bench-other-{n}@bawaba.example") for n in range(1000)
        )
    states = [
        (ApplicationState.AWAITING_PAYMENT, 5),
        (ApplicationState.SUBMITTED, 20),
        (ApplicationState.IN_REVIEW, 40),
        (ApplicationState.MORE_INFORMATION, 10),
        (ApplicationState.AWAITING_APPROVAL, 5),
        (ApplicationState.APPROVED, 15),
        (ApplicationState.REJECTED, 5),
    ]
    choices = [state for state, weight in states for _ in range(weight)]
    today = timezone.localdate()
    now = timezone.now()
    rng = random.Random(7)  # noqa: S311  # made-up data, not a secret
    references: set[str] = set()
    while len(references) < APPLICATIONS:
        references.add(reference_new())
    batch: list[Application] = []
    for index, reference in enumerate(sorted(references)):
        state = rng.choice(choices)
        waiting = state == ApplicationState.AWAITING_PAYMENT
        batch.append(
            Application(
                reference=reference,
                definition=definition,
                organisation=provider,
                applicant=applicant if index < MINE else rng.choice(others),
                state=state,
                answers={"full_name": "Bench", "reason": "expiry"},
                fee_fils=2000,
                submitted_at=now - datetime.timedelta(minutes=index),
                due_on=None if waiting else today + datetime.timedelta(days=rng.randint(-20, 20)),
            )
        )
        if len(batch) == 5000:
            Application.objects.bulk_create(batch)
            batch = []
    Application.objects.bulk_create(batch)
    with connection.cursor() as cursor:  # autovacuum may be off: fresh statistics
        cursor.execute("VACUUM ANALYZE")
    return worker, applicant


def _time(client: object, path: str) -> tuple[float, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings = []
    queries = 0
    for attempt in range(REPEAT + 3):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path)  # type: ignore[attr-defined]
            elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        if attempt >= 3:  # the first few warm the caches
            timings.append(elapsed)
            queries = len(captured)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1], queries


def main() -> None:
    database_ensure(DATABASE)
    _setup()
    from django.test import Client

    from bawaba.eservices.models import Application

    started = time.perf_counter()
    worker, applicant = _generate()
    generated = time.perf_counter() - started
    total = Application.objects.count()
    print(f"{total:,} applications ({generated:.0f} s to prepare)")
    staff = Client()
    staff.force_login(worker)  # type: ignore[arg-type]
    # Signed in without the form: mark the code as typed, as a real sign-in does.
    from bawaba.accounts.two_step import two_step_mark_passed

    session = staff.session
    two_step_mark_passed(session=session, user=worker)
    session.save()
    mine = Client()
    mine.force_login(applicant)  # type: ignore[arg-type]
    pages = [
        (staff, "queue, first page", "/en/staff/applications/"),
        (staff, "queue, overdue", "/en/staff/applications/?overdue=1"),
        (staff, "queue, one state", "/en/staff/applications/?state=more_information"),
        (staff, "queue, page 500", "/en/staff/applications/?page=500"),
        (staff, "queue, due by a date", "/en/staff/applications/?due_by=2026-12-31"),
        (mine, "your applications", "/en/applications/"),
        (mine, "your applications, page 10", "/en/applications/?page=10"),
    ]
    print(f"{'page':<30}{'median ms':>10}{'p95 ms':>9}{'queries':>9}")
    for client, label, path in pages:
        median, p95, queries = _time(client, path)
        print(f"{label:<30}{median:>10.1f}{p95:>9.1f}{queries:>9}")


if __name__ == "__main__":
    main()
