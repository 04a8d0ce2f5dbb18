"""The finance staff's payments list with many payments:
`make bench-payments-finance`.

Needs PostgreSQL (it says so and stops when it is absent). In its own
database (BENCH_DATABASE_URL, by default bawaba_bench_finance, created afresh
and dropped at the end unless BENCH_KEEP=1, which also reuses the data of a
previous run) it inserts BENCH_PAYMENTS payments (1,000,000 by default) in
batches on the server: 8 providers, the first holding about 80% of them;
application fees (70%) and bills over the last two years; 86% paid, the rest
not paid, expired, cancelled, refunded in part or in full or still open; one
in 500 to be refunded; 5% at the counter; each with its gateway's transaction
id. Then VACUUM ANALYZE.

A member of the first provider's finance staff (two-step verification passed)
asks for /en/staff/payments/ REPEAT times per address (first page, two states,
one kind, one channel, a month a year ago, "to be refunded only", a
transaction id, the pages after 50, 10,000 and 500,000 rows by their cursor),
through Django's test client in this process (every middleware, no network); a
colleague with the finance role in three providers asks for the first page
once more. It prints the median, 95th percentile and slowest time, this
process's median CPU time (which load from other processes on a shared machine
hardly changes; PostgreSQL's own time is not in it) and the number of database
queries per request, next to the ceiling: a bare view answering the same
page's bytes through Django's security and common middleware only, measured in
the same run. The target is a 95th percentile of 100 ms or less; the machine's
cores and load average are printed, since a shared machine makes every figure
worse.
"""

from __future__ import annotations

import datetime
import os
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DATABASE = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bawaba_bench_finance"
)
PAYMENTS = int(os.environ.get("BENCH_PAYMENTS", "1000000"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "50"))
KEEP = os.environ.get("BENCH_KEEP", "") == "1"

PROVIDERS = 8
BATCH = 100_000
TARGET_MS = 100.0
FINANCE = "bench-finance@bawaba.example"
FINANCE_MANY = "bench-finance-many@bawaba.example"

sys.path.insert(0, str(ROOT))

from bench import inprocess  # noqa: E402  # after the project is on the path

# One batch of payments, numbered from %s to %s: the provider from the
# bench_provider table's bounds, started at random over the last two years.
FILL = """
INSERT INTO payments_payment (
    id, reference, idempotency_key, kind, payable_id, organisation_id, account_id,
    payer_id, payer_email, description_ar, description_en, amount_fils, currency, state,
    channel, language, gateway, checkout_id, checkout_url, return_path, transaction_id,
    fee_fils, failure_reason, refunded_fils, needs_refund, receipt_code, created_at,
    updated_at, succeeded_at, revision
)
SELECT
    gen_random_uuid(), 'PAY-B' || lpad(n::text, 8, '0'), 'bench-' || n, kind,
    'B' || n, provider.id, NULL, NULL, '',
    CASE WHEN kind = 'application' THEN 'رسوم طلب' ELSE 'فاتورة' END,
    CASE WHEN kind = 'application' THEN 'Application fee' ELSE 'Bill' END
        || ' B' || lpad(n::text, 8, '0'),
    amount, 'BHD', state, channel, CASE WHEN english THEN 'en' ELSE 'ar' END,
    CASE WHEN channel = 'online' THEN 'sandbox' ELSE '' END,
    CASE WHEN channel = 'online' THEN 'CHK' || n ELSE '' END, '', '',
    CASE WHEN state IN ('created') THEN ''
         WHEN channel = 'counter' THEN 'RCPT-' || lpad(n::text, 10, '0')
         ELSE 'TXN' || lpad(n::text, 12, '0') END,
    CASE WHEN state IN ('succeeded', 'partly_refunded', 'refunded') AND channel = 'online'
         THEN amount / 50 END,
    CASE WHEN state = 'failed' THEN 'declined' ELSE '' END,
    CASE WHEN state = 'refunded' THEN amount
         WHEN state = 'partly_refunded' THEN amount / 2 ELSE 0 END,
    state = 'succeeded' AND flag < 0.002, NULL, started, started + interval '2 minutes',
    CASE WHEN state IN ('succeeded', 'partly_refunded', 'refunded')
         THEN started + interval '1 minute' END,
    1
FROM (
    SELECT n, now() - random() * interval '730 days' AS started, random() AS pick,
        CASE WHEN random() < 0.7 THEN 'application' ELSE 'bill' END AS kind,
        CASE WHEN random() < 0.05 THEN 'counter' ELSE 'online' END AS channel,
        (1 + floor(random() * 400))::int * 250 AS amount, random() < 0.3 AS english,
        random() AS flag, random() AS draw
    FROM generate_series(%s::int, %s::int) AS n
) AS drawn
CROSS JOIN LATERAL (
    SELECT CASE WHEN draw < 0.86 THEN 'succeeded' WHEN draw < 0.93 THEN 'failed'
                WHEN draw < 0.965 THEN 'expired' WHEN draw < 0.975 THEN 'cancelled'
                WHEN draw < 0.99 THEN 'refunded' WHEN draw < 0.995 THEN 'partly_refunded'
                WHEN draw < 0.998 THEN 'in_progress' ELSE 'created' END AS state
) AS decided
JOIN bench_provider AS provider ON drawn.pick >= provider.low AND drawn.pick < provider.high
"""


def _generate() -> None:
    from django.db import connection

    from bawaba.accounts.models import Organisation
    from bawaba.accounts.tests.factories import OrganisationFactory
    from bawaba.payments.models import Payment

    providers = list(
        Organisation.objects.filter(slug__startswith="bench-finance-").order_by("slug")
    )
    if len(providers) == PROVIDERS and Payment.objects.count() >= PAYMENTS:
        return
    while len(providers) < PROVIDERS:
        providers.append(OrganisationFactory.create(slug=f"bench-finance-{len(providers)}"))
    # The first provider about 80%, the other seven share the rest.
    shares = [0.8] + [0.2 / (PROVIDERS - 1)] * (PROVIDERS - 1)
    bounds, low = [], 0.0
    for provider, share in zip(providers, shares, strict=True):
        bounds.append((low, 1.0 if provider is providers[-1] else low + share, provider.pk))
        low += share
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE payments_paymentevent, payments_refund, payments_payment CASCADE")
        cursor.execute("CREATE TEMPORARY TABLE bench_provider (low float8, high float8, id bigint)")
        cursor.executemany("INSERT INTO bench_provider VALUES (%s, %s, %s)", bounds)
        cursor.execute("SELECT setseed(0.42)")  # the same payments every time
        for first in range(0, PAYMENTS, BATCH):
            cursor.execute(FILL, [first, min(first + BATCH, PAYMENTS) - 1])
        cursor.execute("DROP TABLE bench_provider")
        cursor.execute("VACUUM ANALYZE")  # autovacuum may be off: fresh statistics


def _staff() -> tuple[Any, Any, int]:
    """The first provider's finance staff, a colleague with the finance role
    in three providers (each with two-step verification on), and the first
    provider's id."""
    from bawaba.accounts.constants import Role
    from bawaba.accounts.models import Membership, Organisation, User
    from bawaba.accounts.tests.factories import staff_with_two_step

    providers = list(
        Organisation.objects.filter(slug__startswith="bench-finance-").order_by("slug")
    )
    one = User.objects.filter(email=FINANCE).first() or staff_with_two_step(
        providers[0], Role.FINANCE, email=FINANCE
    )
    many = User.objects.filter(email=FINANCE_MANY).first()
    if many is None:
        many = staff_with_two_step(providers[0], Role.FINANCE, email=FINANCE_MANY)
        for provider in providers[1:3]:
            Membership.objects.create(user=many, organisation=provider, role=Role.FINANCE)
    return one, many, providers[0].pk


def _addresses(organisation_id: int) -> list[tuple[str, str]]:
    """The pages asked for: (label, address)."""
    from django.utils import timezone

    from bawaba.payments.models import Payment
    from bawaba.payments.staff_selectors import cursor_encode

    payments = Payment.objects.filter(organisation_id=organisation_id).order_by(
        "-created_at", "-pk"
    )
    count = payments.count()
    searched = payments.filter(channel="online", state="succeeded").values_list(
        "transaction_id", flat=True
    )[min(1234, count // 2)]
    year_ago = timezone.localdate() - datetime.timedelta(days=365)
    month = f"from={year_ago.isoformat()}&to={(year_ago + datetime.timedelta(days=30)).isoformat()}"
    base = "/en/staff/payments/"
    addresses = [
        ("first page", base),
        ("state: not paid", f"{base}?state=failed"),
        ("state: refunded", f"{base}?state=refunded"),
        ("kind: bill", f"{base}?kind=bill"),
        ("channel: counter", f"{base}?channel=counter"),
        ("a month a year ago", f"{base}?{month}"),
        ("to be refunded only", f"{base}?needs_refund=1"),
        ("transaction id", f"{base}?q={searched}"),
    ]
    # The cursor a page's "Next page" link carries after this many rows.
    for rows in (50, 10_000, 500_000):
        if rows < count:
            after = cursor_encode(payments[rows - 1])
            addresses.append((f"after {rows:,} rows (cursor)", f"{base}?after={after}"))
    return addresses


def main() -> None:
    inprocess.run_in_own_database(DATABASE, keep=KEEP, measure=_measure)


def _measure() -> None:
    from bawaba.payments.models import Payment

    started = time.perf_counter()
    _generate()
    one, many, organisation_id = _staff()
    prepared = time.perf_counter() - started
    total = Payment.objects.count()
    biggest = Payment.objects.filter(organisation_id=organisation_id).count()
    print(
        f"{total:,} payments, {biggest:,} of them the first provider's "
        f"({prepared:.0f} s to prepare); {inprocess.machine()}"
    )
    print(
        f"{REPEAT} requests each after {inprocess.WARM} unmeasured; "
        f"target p95 <= {TARGET_MS:.0f} ms"
    )
    print(inprocess.header("GET /en/staff/payments/"))
    client = inprocess.signed_in(one)
    colleague = inprocess.signed_in(many)
    measured = [(client, label, path) for label, path in _addresses(organisation_id)]
    measured.append((colleague, "three providers, first page", "/en/staff/payments/"))
    first_body = b""
    for who, label, path in measured:
        timings, cpu, queries, body = inprocess.timed(who, path, REPEAT)
        first_body = first_body or body
        print(inprocess.row(label, timings, cpu, queries, TARGET_MS))
    ceiling, ceiling_cpu = inprocess.ceiling(first_body, REPEAT)
    label = f"ceiling ({len(first_body) // 1024} KB bare)"
    print(inprocess.row(label, ceiling, ceiling_cpu, "-", TARGET_MS))
    print("load average now " + " ".join(f"{load:.2f}" for load in os.getloadavg()))


if __name__ == "__main__":
    main()
