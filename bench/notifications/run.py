"""Measure how fast Celery workers deliver the outbox's email: `make bench-notifications`.

Needs PostgreSQL and Redis. Creates its own database (`bawaba_bench_notify`, dropped at
the end) holding N people (BENCH_MESSAGES, default 2000) and one welcome message each,
written with the hand-over to the workers turned off. Then, for each worker
configuration, it starts the worker against an SMTP sink in this process (aiosmtpd),
hands it every delivery and reports messages per second from the first hand-over to
the last delivery marked sent. Workers use the integration tests' worker settings with
the production retry timings and persistent database connections. Traffic stays on
127.0.0.1.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from email.parser import BytesParser
from email.policy import default as default_policy
from pathlib import Path
from typing import Any
from unittest import mock

ROOT = Path(__file__).resolve().parents[2]
DATABASE = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bawaba_bench_notify"
)
BROKER = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
MESSAGES = int(os.environ.get("BENCH_MESSAGES", "2000"))
# (pool, concurrency) of each measured worker.
WORKERS = [("solo", 1), ("prefork", 2)]

sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "bawaba.notifications.tests.worker_settings"
os.environ["DATABASE_URL"] = DATABASE
os.environ["CELERY_BROKER_URL"] = BROKER
os.environ.setdefault("DATABASE_CONN_MAX_AGE", "60")
for _name, _value in {
    "MAX_ATTEMPTS": "8",
    "RETRY_BASE_SECONDS": "30",
    "RETRY_MAX_SECONDS": "3600",
    "SWEEP_AFTER_SECONDS": "120",
    "LEASE_SECONDS": "300",
}.items():
    os.environ.setdefault(f"NOTIFICATIONS_{_name}", _value)

import django  # noqa: E402  # the path and settings must be set first

django.setup()

import psycopg  # noqa: E402
import redis  # noqa: E402
from aiosmtpd.controller import Controller  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connections, transaction  # noqa: E402
from django.db.models import Max  # noqa: E402
from django.utils import timezone  # noqa: E402
from psycopg import sql  # noqa: E402

from bawaba.accounts.constants import Residency  # noqa: E402
from bawaba.accounts.models import User  # noqa: E402
from bawaba.notifications import actions  # noqa: E402
from bawaba.notifications.models import Delivery, DeliveryState  # noqa: E402
from bawaba.notifications.tests.worker_process import worker_command  # noqa: E402
from config.celery import app as celery_app  # noqa: E402


class Sink:
    """An SMTP server that accepts everything and counts Message-IDs."""

    def __init__(self) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = int(probe.getsockname()[1])
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.message_ids: list[str] = []
        self._lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        headers = BytesParser(policy=default_policy).parsebytes(
            envelope.original_content or envelope.content, headersonly=True
        )
        with self._lock:
            self.message_ids.append(str(headers["Message-ID"]))
        return "250 Message accepted for delivery"


def _database_recreated(drop_only: bool = False) -> None:
    admin, name = DATABASE.rsplit("/", 1)
    with psycopg.connect(admin + "/postgres", autocommit=True) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        if not drop_only:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _write_messages(count: int) -> None:
    User.objects.bulk_create(
        User(
            email=f"bench{number}@bawaba.example",
            name_en=f"Person {number}",
            name_ar="شخص تجريبي",
            residency=Residency.CITIZEN,
            cpr=f"{700000000 + number}",
            preferred_language="en" if number % 2 else "ar",
        )
        for number in range(count)
    )
    with mock.patch.object(actions, "dispatch"), transaction.atomic():
        for person in User.objects.order_by("pk"):
            actions.notify(
                recipient=person, event="account.welcome", idempotency_key=f"bench-{person.pk}"
            )


def _queue_again() -> list[str]:
    Delivery.objects.update(
        state=DeliveryState.QUEUED,
        attempts=0,
        next_attempt_at=timezone.now(),
        lease_expires_at=None,
        sent_at=None,
        last_error="",
        provider_reference="",
    )
    return [str(delivery_id) for delivery_id in Delivery.objects.values_list("id", flat=True)]


def _worker(pool: str, concurrency: int, port: int, log: Any) -> subprocess.Popen[bytes]:
    command = worker_command(pool=pool, concurrency=concurrency)
    environment = {**os.environ, "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(port)}
    return subprocess.Popen(command, cwd=ROOT, env=environment, stdout=log, stderr=log)


def _wait_for(condition: Any, seconds: float, what: str, log: Any) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            log.seek(0)
            sys.exit(f"gave up waiting for {what}; worker output:\n{log.read().decode()[-3000:]}")
        time.sleep(0.2)


def _measure(pool: str, concurrency: int, sink: Sink) -> tuple[int, float]:
    ids = _queue_again()
    sink.message_ids.clear()
    with tempfile.TemporaryFile() as log:
        worker = _worker(pool, concurrency, sink.port, log)
        try:
            _wait_for(lambda: celery_app.control.ping(timeout=0.5), 60, "the worker", log)
            started = timezone.now()
            actions.dispatch(ids)
            _wait_for(
                lambda: Delivery.objects.filter(state=DeliveryState.SENT).count() == len(ids),
                max(120.0, len(ids) / 5),
                "every delivery to be sent",
                log,
            )
        finally:
            worker.terminate()
            worker.wait(timeout=30)
    finished = Delivery.objects.aggregate(last=Max("sent_at"))["last"]
    assert len(sink.message_ids) == len(set(sink.message_ids)) == len(ids), "lost or duplicated"
    return len(ids), (finished - started).total_seconds()


def main() -> None:
    broker = redis.Redis.from_url(BROKER)
    _database_recreated()
    rows = []
    try:
        call_command("migrate", verbosity=0)
        _write_messages(MESSAGES)
        sink = Sink()
        sink.controller.start()
        try:
            for pool, concurrency in WORKERS:
                broker.flushdb()
                messages, seconds = _measure(pool, concurrency, sink)
                rows.append((f"{pool} ×{concurrency}", messages, seconds))
        finally:
            sink.controller.stop()
    finally:
        connections.close_all()
        broker.flushdb()
        _database_recreated(drop_only=True)
    print(f"{MESSAGES} welcome emails, one worker, SMTP sink on 127.0.0.1")
    print("| pool | messages | seconds | messages/s |")
    print("| --- | ---: | ---: | ---: |")
    for name, messages, seconds in rows:
        print(f"| {name} | {messages} | {seconds:.1f} | {messages / seconds:.0f} |")


if __name__ == "__main__":
    main()
