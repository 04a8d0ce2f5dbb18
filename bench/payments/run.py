"""The payment gateway's notifications under load: `make bench-payments`.

Needs PostgreSQL and Redis (it says so and stops when either is absent). In
its own database (`bawaba_bench_payments`, dropped at the end) it makes one
provider with a merchant account (BENCH) on the sandbox gateway, an e-service
and N applications awaiting their fee (BENCH_PAYMENTS, default 2000), each by
its own applicant. Each fee is paid for real: the payment is started and its
checkout made on the sandbox process (sandboxes/, started here with its
notifications dropped, so that it sends none itself) and completed there with
the success card.

Then the portal is served by gunicorn (2 workers) with 2 Celery workers
(prefork, concurrency 2) on Redis, and every notification the sandbox recorded
(its exact body) is delivered to the portal's hook twice, in shuffled order,
signed as the sandbox signs them, by BENCH_SENDERS threads at full speed,
while BENCH_BROWSERS threads ("payers browsing") fetch the home page and the
service's page over and over. It reports the hook's latency, notifications
accepted per second, payments settled per second (from the first delivery to
the last payment recorded as succeeded, each settled by the task that asks
the gateway), the pages' latency idle and under load, and checks that every
payment succeeded exactly once (one success event, one receipt message, one
recorded notification each). It also reports the CPU time each process spent
per payment over that span (read from /proc; the pages browsed meanwhile taken
off at their idle cost), and from it the ceiling the machine's cores allow
when nothing else runs: on a shared machine the wall-clock figures suffer,
the CPU figures much less. Last, an in-process profile: the hook's and the
settling task's database queries and time, the status query's round trip,
and the sandbox's own status-query throughput. Traffic stays on 127.0.0.1.

Knobs: BENCH_SENDERS (16), BENCH_BROWSERS (4; 0 for none), BENCH_POOL and
BENCH_CONCURRENCY (the Celery worker's, prefork and 2), BENCH_DATABASE_URL,
BENCH_REDIS_URL (database 11 by default; emptied before and after).
"""

from __future__ import annotations

import http.client
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import IO, Any
from unittest import mock

ROOT = Path(__file__).resolve().parents[2]
DATABASE = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bawaba_bench_payments"
)
BROKER = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/11")
PAYMENTS = int(os.environ.get("BENCH_PAYMENTS", "2000"))
SENDERS = int(os.environ.get("BENCH_SENDERS", "16"))
BROWSERS = int(os.environ.get("BENCH_BROWSERS", "4"))
# The Celery workers: one worker process of this pool and concurrency.
POOL = os.environ.get("BENCH_POOL", "prefork")
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "2"))
IDLE_SECONDS = float(os.environ.get("BENCH_IDLE_SECONDS", "5"))
# Payments kept aside for the in-process profile at the end.
PROFILED = 20
TARGET = 200
MERCHANT = "BENCH"
SECRET = "bench-merchant-secret"  # noqa: S105  # the sandbox's made-up merchant
SUCCESS_CARD = "4111111111111111"
SERVICE = "bench-payments-passport"
PAGES = ["/en/", f"/en/services/{SERVICE}/", "/ar/"]

sys.path.insert(0, str(ROOT))
from sandboxes.notify import sign  # noqa: E402  # after the path is set
from sandboxes.process import SandboxProcess, free_port  # noqa: E402

PORTAL_PORT = free_port()
SANDBOX_PORT = free_port()
PORTAL = f"http://127.0.0.1:{PORTAL_PORT}"
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.payments.settings"
os.environ["DATABASE_URL"] = DATABASE
os.environ["CELERY_BROKER_URL"] = BROKER
os.environ["PORTAL_URL"] = PORTAL
os.environ["PAYMENTS_SANDBOX_URL"] = f"http://127.0.0.1:{SANDBOX_PORT}"
os.environ["BENCH_MERCHANT_SECRET"] = SECRET


def _absent() -> str:
    """Why the benchmark cannot run here, or ''."""
    import psycopg
    import redis

    try:
        with psycopg.connect(DATABASE.rsplit("/", 1)[0] + "/postgres", connect_timeout=3):
            pass
    except psycopg.Error as error:
        return f"PostgreSQL is not reachable ({str(error).strip()[:120]})"
    try:
        redis.Redis.from_url(BROKER, socket_connect_timeout=3).ping()
    except redis.RedisError as error:
        return f"Redis is not reachable ({error})"
    return ""


def _database_recreated(drop_only: bool = False) -> None:
    import psycopg
    from psycopg import sql

    admin, name = DATABASE.rsplit("/", 1)
    with psycopg.connect(admin + "/postgres", autocommit=True) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        if not drop_only:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _spread(values: list[float]) -> str:
    """The median and 95th percentile of timings in ms."""
    return f"{statistics.median(values):.0f} / {_percentile(values, 0.95):.0f} ms"


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(len(ordered) * share) - 1))]


def _in_threads(items: list[Any], work: Callable[[Any], None], threads: int) -> None:
    """``work`` on every item, from ``threads`` threads each with its own
    database connection (closed at the end)."""
    from django.db import connections

    errors: list[BaseException] = []

    def run(chunk: list[Any]) -> None:
        try:
            for item in chunk:
                work(item)
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    workers = [
        threading.Thread(target=run, args=(items[start::threads],)) for start in range(threads)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    if errors:
        raise errors[0]


class Cpu:
    """CPU seconds (user and system) of process trees, read from /proc, and of
    the PostgreSQL backends connected to the benchmark's database."""

    TICK = os.sysconf("SC_CLK_TCK")

    @classmethod
    def _seconds(cls, pid: int) -> float:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # it exited
            return 0.0
        return (int(fields[11]) + int(fields[12])) / cls.TICK

    @classmethod
    def tree(cls, root: int) -> float:
        parents: dict[int, int] = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                parents[int(entry.name)] = int(stat[1])
        family, grown = {root}, True
        while grown:
            more = {pid for pid, parent in parents.items() if parent in family} - family
            family |= more
            grown = bool(more)
        return sum(cls._seconds(pid) for pid in family)

    @classmethod
    def database(cls) -> float:
        import psycopg

        admin, name = DATABASE.rsplit("/", 1)
        with psycopg.connect(admin + "/postgres") as connection:
            pids = connection.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s", [name]
            ).fetchall()
        return sum(cls._seconds(pid) for (pid,) in pids)

    @staticmethod
    def here() -> float:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime


# -- the data -------------------------------------------------------------------------------


def _applications(count: int) -> tuple[Any, list[Any]]:
    """The provider's merchant account and ``count`` applications awaiting
    their fee, each by its own applicant."""
    from django.utils import timezone

    from bawaba.accounts.constants import Residency
    from bawaba.accounts.models import User
    from bawaba.accounts.tests.factories import OrganisationFactory
    from bawaba.catalogue.tests.factories import ServiceFactory
    from bawaba.eservices.models import Application, ApplicationState
    from bawaba.eservices.references import reference_new
    from bawaba.eservices.tests.samples import published_eservice
    from bawaba.payments.models import ProviderAccount

    provider = OrganisationFactory.create(slug="bench-payments-provider")
    account = ProviderAccount.objects.create(
        organisation=provider, gateway="sandbox", merchant_id=MERCHANT
    )
    definition = published_eservice(
        ServiceFactory.create(provider=provider, slug=SERVICE, fee_fils=2000)
    )
    applicants = User.objects.bulk_create(
        User(
            email=f"bench-payer-{number}@bawaba.example",
            name_en=f"Payer {number}",
            name_ar="دافع تجريبي",
            residency=Residency.CITIZEN,
            cpr=f"{710000000 + number}",
            preferred_language="en" if number % 2 else "ar",
        )
        for number in range(count)
    )
    references: set[str] = set()
    while len(references) < count:
        references.add(reference_new())
    now = timezone.now()
    applications = Application.objects.bulk_create(
        Application(
            reference=reference,
            definition=definition,
            organisation=provider,
            applicant=applicant,
            state=ApplicationState.AWAITING_PAYMENT,
            answers={"full_name": "Bench", "reason": "expiry"},
            language=applicant.preferred_language,
            fee_fils=2000,
            submitted_at=now,
        )
        for reference, applicant in zip(sorted(references), applicants, strict=True)
    )
    return account, applications


def _pay(sandbox: SandboxProcess, account: Any, application: Any) -> str:
    """Start the application's payment, make its checkout on the sandbox and
    pay it there with the success card, as the payer would. Its id."""
    from django.urls import reverse

    from bawaba.notifications.rendering import absolute_url
    from bawaba.payments import actions

    payment = actions.payment_start(
        kind="application",
        payable_id=str(application.pk),
        key="bench",
        payer=application.applicant,
        language=application.language,
    )
    actions.payment_checkout(
        payment=payment,
        return_url=absolute_url(reverse("payments:return", args=[payment.reference])),
        notify_url=absolute_url(reverse("payments_notify", args=[account.public_id])),
    )
    payment.refresh_from_db(fields=["checkout_id"])
    sandbox.complete(payment.checkout_id, SUCCESS_CARD)
    return str(payment.pk)


# -- the processes --------------------------------------------------------------------------


def _portal(log: IO[bytes]) -> subprocess.Popen[bytes]:
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    return subprocess.Popen(  # our own interpreter's gunicorn
        [
            gunicorn,
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{PORTAL_PORT}",
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=log,
        stderr=log,
    )


def _workers(log: IO[bytes]) -> subprocess.Popen[bytes]:
    from bawaba.notifications.tests.worker_process import worker_command

    return subprocess.Popen(  # our own interpreter's celery
        worker_command(pool=POOL, concurrency=CONCURRENCY),
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=log,
        stderr=log,
    )


def _wait_for(condition: Callable[[], Any], seconds: float, what: str, log: IO[bytes]) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            if condition():
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            log.seek(0)
            sys.exit(f"gave up waiting for {what}; output:\n{log.read().decode()[-3000:]}")
        time.sleep(0.2)


def _get(path: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", PORTAL_PORT, timeout=30)
    try:
        connection.request("GET", path)
        answer = connection.getresponse()
        answer.read()
        return answer.status
    finally:
        connection.close()


def _post(path: str, body: bytes, headers: dict[str, str]) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", PORTAL_PORT, timeout=30)
    try:
        connection.request("POST", path, body, headers)
        answer = connection.getresponse()
        answer.read()
        return answer.status
    finally:
        connection.close()


# -- the load -------------------------------------------------------------------------------


class Browsers:
    """Threads fetching public pages until stopped; their latencies in ms."""

    def __init__(self, count: int) -> None:
        self.stopping = threading.Event()
        self.timings: list[float] = []
        self.failures = 0
        self._lock = threading.Lock()
        self.count = count
        self.threads: list[threading.Thread] = []

    def _browse(self, number: int) -> None:
        pages = PAGES[number % len(PAGES) :] + PAGES[: number % len(PAGES)]
        while not self.stopping.is_set():
            for page in pages:
                started = time.perf_counter()
                status = _get(page)
                elapsed = (time.perf_counter() - started) * 1000
                with self._lock:
                    self.timings.append(elapsed)
                    self.failures += status != 200

    def run(self, seconds: float) -> list[float]:
        """Browse for ``seconds`` on their own (the idle figures)."""
        self.start()
        time.sleep(seconds)
        return self.stop()

    def start(self) -> None:
        self.stopping.clear()
        self.timings = []
        self.threads = [
            threading.Thread(target=self._browse, args=(n,), daemon=True) for n in range(self.count)
        ]
        for thread in self.threads:
            thread.start()

    def stop(self) -> list[float]:
        self.stopping.set()
        for thread in self.threads:
            thread.join()
        return list(self.timings)


def _deliver(delivery: tuple[str, bytes]) -> tuple[float, int]:
    """POST one notification body as the sandbox does: signed with a fresh
    timestamp. Its latency in ms and the answer's status."""
    path, body = delivery
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "X-Sandbox-Timestamp": timestamp,
        "X-Sandbox-Signature": sign(SECRET, timestamp, body),
        "User-Agent": "bawaba-sandbox/1",
    }
    started = time.perf_counter()
    status = _post(path, body, headers)
    return (time.perf_counter() - started) * 1000, status


def _succeeded(ids: Iterable[str]) -> int:
    from bawaba.payments.models import Payment

    return Payment.objects.filter(pk__in=list(ids), state="succeeded").count()


# -- the checks and the profile ---------------------------------------------------------------


def _check(ids: list[str], statuses: list[int]) -> list[str]:
    """What went wrong: lost or duplicated outcomes, refused deliveries."""
    from django.db.models import Count

    from bawaba.eservices.models import Application, ApplicationState
    from bawaba.notifications.models import Notification
    from bawaba.payments.models import GatewayNotification, Payment, PaymentEvent

    problems = []
    count = len(ids)
    refused = [status for status in statuses if status != 200]
    if refused:
        problems.append(f"{len(refused)} deliveries answered other than 200: {set(refused)}")
    succeeded = Payment.objects.filter(pk__in=ids, state="succeeded", needs_refund=False).count()
    if succeeded != count:
        problems.append(f"{count - succeeded} payments not succeeded (or flagged for refund)")
    events = PaymentEvent.objects.filter(payment_id__in=ids, action="succeed")
    twice = events.values("payment_id").annotate(n=Count("id")).filter(n__gt=1).count()
    if events.count() != count or twice:
        problems.append(f"{events.count()} success events for {count} payments ({twice} twice)")
    messages = Notification.objects.filter(event="payment.succeeded").count()
    if messages != count:
        problems.append(f"{messages} payment.succeeded messages for {count} payments")
    recorded = GatewayNotification.objects.filter(payment_id__in=ids).count()
    if recorded != count:
        problems.append(f"{recorded} notifications recorded for {count} payments")
    waiting = Application.objects.filter(state=ApplicationState.AWAITING_PAYMENT).count()
    if waiting != PROFILED:
        problems.append(f"{waiting - PROFILED} paid applications still awaiting payment")
    return problems


def _profile(sandbox: SandboxProcess, account: Any, ids: list[str]) -> list[tuple[str, str]]:
    """The hook and the settling task in this process, one payment at a time
    (the workers stopped), and the sandbox's status-query throughput."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bawaba.payments import actions, tasks
    from bawaba.payments.models import Payment

    payments = list(Payment.objects.select_related("account").filter(pk__in=ids))
    bodies = {
        json.loads(row["body"])["order_reference"]: row["body"].encode()
        for row in sandbox.request("GET", "/_sandbox/notifications")
    }
    client = Client()
    path = f"/hooks/payments/{account.public_id}/"
    hook_ms: list[float] = []
    again_ms: list[float] = []
    status_ms: list[float] = []
    settle_ms: list[float] = []
    hook_queries = again_queries = settle_queries = 0
    for payment in payments:
        body = bodies[payment.reference]
        for timings in (hook_ms, again_ms):
            stamp = str(int(time.time()))
            headers = {
                "X-Sandbox-Timestamp": stamp,
                "X-Sandbox-Signature": sign(SECRET, stamp, body),
            }
            with (
                mock.patch.object(tasks.settle, "delay") as queued,
                CaptureQueriesContext(connection) as captured,
            ):
                started = time.perf_counter()
                answer = client.post(path, body, content_type="application/json", headers=headers)
                timings.append((time.perf_counter() - started) * 1000)
            assert answer.status_code == 200, answer.status_code
            if timings is hook_ms:
                assert queued.called, "the hook queued no task"
                hook_queries = len(captured)
            else:
                again_queries = len(captured)
        started = time.perf_counter()
        actions.payment_status(payment)
        status_ms.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            tasks.settle(str(payment.pk), "notification")
            settle_ms.append((time.perf_counter() - started) * 1000)
        settle_queries = len(captured)
    # The sandbox alone: status queries from 8 threads for 3 seconds.
    gateway = Payment.objects.select_related("account").get(pk=ids[0])
    answered = 0
    lock = threading.Lock()
    deadline = time.monotonic() + 3

    def query() -> None:
        nonlocal answered
        while time.monotonic() < deadline:
            actions.payment_status(gateway)
            with lock:
                answered += 1

    threads = [threading.Thread(target=query) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    med = statistics.median
    return [
        ("hook, first delivery", f"{med(hook_ms):.1f} ms, {hook_queries} queries"),
        ("hook, the same again", f"{med(again_ms):.1f} ms, {again_queries} queries"),
        ("status query to the sandbox", f"{med(status_ms):.1f} ms"),
        (
            "settle task (with its status query)",
            f"{med(settle_ms):.1f} ms, {settle_queries} queries",
        ),
        ("sandbox status queries, 8 threads", f"{answered / 3:.0f} per second"),
    ]


# -- the run --------------------------------------------------------------------------------


def main() -> None:
    reason = _absent()
    if reason:
        print(f"bench-payments skipped: {reason}")
        return
    import django

    django.setup()
    import redis
    from django.db import connections

    broker = redis.Redis.from_url(BROKER)
    broker.flushdb()
    _database_recreated()
    try:
        with tempfile.TemporaryDirectory(prefix="bench-payments-") as folder:
            _run(Path(folder))
    finally:
        connections.close_all()
        broker.flushdb()
        _database_recreated(drop_only=True)


def _run(folder: Path) -> None:
    from django.core.management import call_command
    from django.db.models import Max

    from bawaba.payments.models import Payment
    from config.celery import app as celery_app

    call_command("migrate", verbosity=0)
    prepared = time.perf_counter()
    account, applications = _applications(PAYMENTS + PROFILED)
    sandbox = SandboxProcess(
        port=SANDBOX_PORT, data_dir=folder / "sandbox", merchants={MERCHANT: SECRET}
    )
    with sandbox, open(folder / "processes.log", "w+b") as log:
        sandbox.control(drop_notifications=True)
        ids: list[str] = []
        lock = threading.Lock()

        def pay(application: Any) -> None:
            payment_id = _pay(sandbox, account, application)
            with lock:
                ids.append(payment_id)

        _in_threads(applications, pay, 8)
        profiled, ids = ids[:PROFILED], ids[PROFILED:]
        references = set(Payment.objects.filter(pk__in=ids).values_list("reference", flat=True))
        recorded = [
            row
            for row in sandbox.request("GET", "/_sandbox/notifications")
            if json.loads(row["body"])["order_reference"] in references
        ]
        assert len(recorded) == PAYMENTS, f"{len(recorded)} notifications recorded"
        deliveries = [
            (urllib.parse.urlsplit(row["url"]).path, row["body"].encode()) for row in recorded
        ] * 2
        random.Random(7).shuffle(deliveries)  # noqa: S311  # an order, not a secret
        prepared = time.perf_counter() - prepared
        portal = _portal(log)
        workers = _workers(log)
        try:
            _wait_for(lambda: _get("/healthz") == 200, 60, "gunicorn", log)
            _wait_for(lambda: celery_app.control.ping(timeout=0.5), 60, "the workers", log)
            for page in PAGES:
                if _get(page) != 200:
                    sys.exit(f"{page} answered {_get(page)}")

            def snapshot() -> dict[str, float]:
                return {
                    "portal": Cpu.tree(portal.pid),
                    "workers": Cpu.tree(workers.pid),
                    "sandbox": Cpu.tree(sandbox.process.pid if sandbox.process else 0),
                    "database": Cpu.database(),
                    "here": Cpu.here(),
                }

            browsers = Browsers(BROWSERS)
            before_idle = snapshot()
            idle = browsers.run(IDLE_SECONDS if BROWSERS else 0)
            after_idle = snapshot()
            load = os.getloadavg()[0]
            browsers.start()
            started = time.perf_counter()
            first = time.time()
            with ThreadPoolExecutor(SENDERS) as pool:
                answers = list(pool.map(_deliver, deliveries))
            delivered = time.perf_counter() - started
            _wait_for(
                lambda: _succeeded(ids) == len(ids),
                max(300.0, PAYMENTS / 5),
                "every payment to be settled",
                log,
            )
            busy = browsers.stop()
            time_end = time.perf_counter()
            at_end = snapshot()
            load_end = os.getloadavg()[0]
            last = Payment.objects.filter(pk__in=ids).aggregate(last=Max("succeeded_at"))
            settled = last["last"].timestamp() - first
        finally:
            for process in (portal, workers):
                process.terminate()
            for process in (portal, workers):
                process.wait(timeout=60)
        problems = _check(ids, [status for _, status in answers])
        profile = _profile(sandbox, account, profiled)
    hook = [elapsed for elapsed, _ in answers]
    print(
        f"{PAYMENTS} payments (application fees) paid on the sandbox ({prepared:.0f} s to"
        f" prepare); their {len(deliveries)} notifications (each twice, shuffled) sent by"
        f" {SENDERS} threads to gunicorn (2 workers); Celery ({POOL}, concurrency"
        f" {CONCURRENCY}) on Redis; {BROWSERS} threads browsing {', '.join(PAGES)};"
        f" {os.cpu_count()} cores"
    )
    print("| measure | figure |")
    print("| --- | ---: |")
    rows = [
        ("hook answer p50 / p95", _spread(hook)),
        ("notifications accepted per second", f"{len(answers) / delivered:.0f}"),
        ("distinct notifications per second", f"{PAYMENTS / delivered:.0f}"),
        ("payments settled per second", f"{PAYMENTS / settled:.0f}"),
        ("first delivery to last payment settled", f"{settled:.1f} s"),
    ]
    if BROWSERS:
        rows += [
            ("pages p50 / p95, idle", _spread(idle)),
            (
                "pages p50 / p95, under load",
                f"{_spread(busy)} ({len(busy) / (time_end - started):.0f} pages/s)",
            ),
        ]
    for name, figure in rows:
        print(f"| {name} | {figure} |")
    # CPU per payment from the first delivery to the last settled, the pages
    # browsed meanwhile taken off at the idle phase's cost per page.
    per_page = {name: (after_idle[name] - before_idle[name]) / max(len(idle), 1) for name in at_end}
    cpu = {
        name: (at_end[name] - after_idle[name] - per_page[name] * len(busy)) * 1000 / PAYMENTS
        for name in at_end
    }
    total = sum(cpu.values())
    print(
        f"CPU per payment (2 deliveries, 1 settle, its 2 e-mails), ms; load average"
        f" {load:.1f} before, {load_end:.1f} after:"
    )
    print("| portal (hook) | workers | sandbox | PostgreSQL | sender | total | ceiling |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    print(
        f"| {cpu['portal']:.1f} | {cpu['workers']:.1f} | {cpu['sandbox']:.1f}"
        f" | {cpu['database']:.1f} | {cpu['here']:.1f} | {total:.1f}"
        f" | {(os.cpu_count() or 1) * 1000 / total:.0f}/s |"
    )
    print(f"In this process, one payment at a time (the median of {PROFILED}):")
    for name, figure in profile:
        print(f"| {name} | {figure} |")
    if problems:
        sys.exit("FAILED: " + "; ".join(problems))
    print(
        f"Checked: each of the {PAYMENTS} payments succeeded exactly once (one success event,"
        " one receipt message, one recorded notification each; none lost, none flagged for"
        f" refund). Goal {TARGET}/s: accepted"
        f" {'met' if len(answers) / delivered >= TARGET else 'NOT met'}, settled"
        f" {'met' if PAYMENTS / settled >= TARGET else 'NOT met'}."
    )


if __name__ == "__main__":
    main()
