"""What the in-process page benchmarks share: a PostgreSQL database of their
own, a test client signed in (two-step verification counted as passed),
timing one address REPEAT times after WARM unmeasured requests (wall clock,
this process's CPU time, queries), and the ceiling: a bare view answering
the same bytes through Django's security and common middleware only,
measured in the same run."""

from __future__ import annotations

import logging
import os
import statistics
import time
import warnings
from collections.abc import Callable
from types import ModuleType
from typing import Any

WARM = 3


def database_absent(url: str) -> str:
    """Why the benchmark cannot run here, or ''."""
    import psycopg

    try:
        with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", connect_timeout=3):
            pass
    except psycopg.Error as error:
        return f"PostgreSQL is not reachable ({str(error).strip()[:120]})"
    return ""


def database_reset(url: str, *, drop: bool, keep: bool) -> None:
    """Drop the benchmark's database (``drop``), or create it unless it
    exists (made afresh unless ``keep``)."""
    import psycopg
    from psycopg import sql

    admin, name = url.rsplit("/", 1)
    with psycopg.connect(admin + "/postgres", autocommit=True) as connection:
        if drop or not keep:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
        if drop:
            return
        found = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if found is None:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def run_in_own_database(url: str, *, keep: bool, measure: Callable[[], None]) -> None:
    """Run ``measure`` with Django set up on the benchmark's own database
    (made afresh unless ``keep``, and dropped afterwards unless ``keep``);
    say so and do nothing when PostgreSQL is not reachable."""
    absent = database_absent(url)
    if absent:
        print(f"Skipped: {absent}.")
        return
    database_reset(url, drop=False, keep=keep)
    try:
        django_setup(url)
        measure()
    finally:
        from django.db import connections

        connections.close_all()
        if not keep:
            database_reset(url, drop=True, keep=keep)


def django_setup(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django
    from django.core.management import call_command

    django.setup()
    # Static files come from the finders; there is no collected directory here.
    warnings.filterwarnings("ignore", "No directory at")
    logging.disable(logging.INFO)  # one log line per request would drown the figures
    call_command("migrate", verbosity=0)


def signed_in(user: Any) -> Any:
    """A test client signed in as ``user``, the two-step code counted as typed."""
    from django.test import Client

    from bawaba.accounts.two_step import two_step_mark_passed

    client = Client()
    client.force_login(user)
    session = client.session
    two_step_mark_passed(session=session, user=user)
    session.save()
    return client


def timed(client: Any, path: str, repeat: int) -> tuple[list[float], list[float], int, bytes]:
    """``repeat`` wall-clock timings in ms (after WARM unmeasured requests),
    this process's CPU time of each in ms, the queries of one request and
    the last answer's bytes."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings: list[float] = []
    cpu: list[float] = []
    queries = 0
    body = b""
    for attempt in range(WARM + repeat):
        with CaptureQueriesContext(connection) as captured:
            started, processed = time.perf_counter(), time.process_time()
            response = client.get(path)
            elapsed = (time.perf_counter() - started) * 1000
            spent = (time.process_time() - processed) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        if attempt >= WARM:
            timings.append(elapsed)
            cpu.append(spent)
            queries = len(captured)
            body = response.content
    return timings, cpu, queries, body


def ceiling(body: bytes, repeat: int) -> tuple[list[float], list[float]]:
    """The same bytes from a bare view through Django's security and common
    middleware only: what the framework costs on this machine now."""
    from django.http import HttpRequest, HttpResponse
    from django.test import Client, override_settings
    from django.urls import path

    def bare(request: HttpRequest) -> HttpResponse:
        return HttpResponse(body, content_type="text/html; charset=utf-8")

    urls = ModuleType("bench_ceiling")  # a urlconf: hashable, unlike a namespace
    urls.urlpatterns = [path("ceiling/", bare)]  # type: ignore[attr-defined]
    middleware = [
        "django.middleware.security.SecurityMiddleware",
        "django.middleware.common.CommonMiddleware",
    ]
    with override_settings(ROOT_URLCONF=urls, MIDDLEWARE=middleware):
        timings, cpu, _queries, _body = timed(Client(), "/ceiling/", repeat)
    return timings, cpu


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(len(ordered) * share + 0.5) - 1))]


def row(
    label: str, timings: list[float], cpu: list[float], queries: int | str, target: float
) -> str:
    p95 = percentile(timings, 0.95)
    return (
        f"{label:<34}{statistics.median(timings):>8.1f}{p95:>8.1f}{max(timings):>8.1f}"
        f"{statistics.median(cpu):>9.1f}{queries:>9}{'' if p95 <= target else '  over':<6}"
    )


def header(title: str) -> str:
    return f"{title:<34}{'p50 ms':>8}{'p95 ms':>8}{'max ms':>8}{'cpu p50':>9}{'queries':>9}"


def machine() -> str:
    return f"{os.cpu_count()} cores, load average " + " ".join(
        f"{load:.2f}" for load in os.getloadavg()
    )
