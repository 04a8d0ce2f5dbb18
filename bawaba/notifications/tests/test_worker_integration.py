"""The outbox with a real Celery worker, a real Redis broker and a real SMTP server.

The worker runs in its own process (settings: ``worker_settings``) on the test
database; this process publishes tasks to Redis, plays the periodic sweeper,
and runs the SMTP server that counts what it accepted, by Message-ID.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from email.parser import BytesParser
from email.policy import default as default_policy
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import redis
from aiosmtpd.controller import Controller
from django.conf import settings as django_settings
from django.db import connection, transaction
from kombu import pools

from bawaba.accounts.tests.factories import UserFactory
from bawaba.notifications.actions import notify, outbox_sweep
from bawaba.notifications.models import Delivery, DeliveryState
from bawaba.notifications.tests.worker_process import worker_command
from config.celery import app as celery_app
from conftest import require_or_skip

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

BROKER_URL = "redis://127.0.0.1:6379/15"
EVENTS = 100
TIMEOUT = 60.0
SWEEP_EVERY = 1.0
FAST = {
    "MAX_ATTEMPTS": 1000,
    "RETRY_BASE_SECONDS": 0.2,
    "RETRY_MAX_SECONDS": 1.0,
    "SWEEP_AFTER_SECONDS": 2.0,
    "LEASE_SECONDS": 3.0,
}
WORKER = worker_command()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class MailServer:
    """An SMTP server on 127.0.0.1 that records the Message-ID of each message
    it accepts. It can be stopped and started again on the same port, and
    ``on_data`` (given the arrival number) may answer a message itself."""

    def __init__(self) -> None:
        self.port = _free_port()
        self.arrivals = 0
        self.on_data: Callable[[int], str | None] | None = None
        self._accepted: list[str] = []
        self._lock = threading.Lock()
        self._controller: Controller | None = None

    def start(self) -> None:
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    @property
    def accepted(self) -> list[str]:
        with self._lock:
            return list(self._accepted)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self._lock:
            self.arrivals += 1
            arrival = self.arrivals
        if self.on_data is not None:
            answer = self.on_data(arrival)
            if answer is not None:
                return answer
        content = envelope.original_content or envelope.content
        headers = BytesParser(policy=default_policy).parsebytes(content, headersonly=True)
        with self._lock:
            self._accepted.append(str(headers["Message-ID"]))
        return "250 Message accepted for delivery"


class Workers:
    """Celery workers started one after another on the test database; their
    output goes to one log file."""

    def __init__(self, environment: dict[str, str], log: Path) -> None:
        self.environment = environment
        self.log = log
        self.current: subprocess.Popen[bytes] | None = None
        self._started: list[subprocess.Popen[bytes]] = []

    def start(self) -> None:
        with self.log.open("ab") as output:
            self.current = subprocess.Popen(
                WORKER,
                cwd=django_settings.BASE_DIR,
                env=self.environment,
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        self._started.append(self.current)

    def kill(self) -> None:
        assert self.current is not None
        self.current.send_signal(signal.SIGKILL)

    def stop_all(self) -> None:
        for process in self._started:
            if process.poll() is None:
                process.terminate()
        for process in self._started:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def log_tail(self, lines: int = 30) -> str:
        if not self.log.exists():
            return ""
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


def _test_database_url() -> str:
    database = connection.settings_dict
    credentials = quote(database["USER"] or "")
    if database["PASSWORD"]:
        credentials += ":" + quote(database["PASSWORD"])
    host = database["HOST"] or "localhost"
    port = database["PORT"] or "5432"
    return f"postgres://{credentials}@{host}:{port}/{database['NAME']}"


def _reset_broker_connections() -> None:
    pools.reset()
    # Celery keeps its pools once built; they must be built again for the new broker.
    celery_app._pool = None  # type: ignore[attr-defined]
    celery_app.amqp._producer_pool = None  # type: ignore[attr-defined]


@pytest.fixture
def broker() -> Iterator[redis.Redis]:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        require_or_skip("BAWABA_REQUIRE_REDIS", "needs Redis on 127.0.0.1:6379")
    client = redis.Redis.from_url(BROKER_URL, socket_timeout=5)
    client.flushdb()
    saved = (celery_app.conf.task_always_eager, celery_app.conf.broker_url)
    celery_app.conf.update(task_always_eager=False, broker_url=BROKER_URL)
    _reset_broker_connections()
    try:
        yield client
    finally:
        _reset_broker_connections()
        celery_app.conf.update(task_always_eager=saved[0], broker_url=saved[1])
        client.flushdb()
        client.close()


@pytest.fixture
def mail_server(caplog) -> Iterator[MailServer]:
    caplog.set_level(logging.WARNING, logger="mail.log")
    server = MailServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def workers(broker, mail_server, transactional_db, settings, tmp_path) -> Iterator[Workers]:
    settings.NOTIFICATIONS = {**settings.NOTIFICATIONS, **FAST}
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bawaba.notifications.tests.worker_settings",
        "DATABASE_URL": _test_database_url(),
        "CELERY_BROKER_URL": BROKER_URL,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(mail_server.port),
        **{f"NOTIFICATIONS_{name}": str(value) for name, value in FAST.items()},
    }
    started = Workers(environment, tmp_path / "worker.log")
    started.start()
    try:
        yield started
    finally:
        started.stop_all()


def _notify_people(count: int) -> None:
    for number in range(count):
        person = UserFactory.create(preferred_language="en" if number % 2 else "ar")
        with transaction.atomic():
            notify(
                recipient=person,
                event="account.welcome",
                idempotency_key=f"welcome-{person.pk}",
            )


def _situation(mail_server: MailServer, workers: Workers) -> str:
    states = Counter(Delivery.objects.values_list("state", flat=True))
    return (
        f"deliveries by state: {dict(states)}; "
        f"{len(mail_server.accepted)} messages accepted of {mail_server.arrivals} arrived\n"
        f"worker log:\n{workers.log_tail()}"
    )


def _wait_until(
    condition: Callable[[], bool],
    *,
    waiting_for: str,
    mail_server: MailServer,
    workers: Workers,
    sweep: bool = False,
    timeout: float = TIMEOUT,
) -> None:
    deadline = time.monotonic() + timeout
    next_sweep = time.monotonic() + SWEEP_EVERY
    while not condition():
        now = time.monotonic()
        if now > deadline:
            pytest.fail(
                f"waited {timeout:.0f} s for {waiting_for}: {_situation(mail_server, workers)}"
            )
        if sweep and now >= next_sweep:
            outbox_sweep()
            next_sweep = now + SWEEP_EVERY
        time.sleep(0.1)


def _everything_sent(mail_server: MailServer) -> Callable[[], bool]:
    def everything_sent() -> bool:
        return (
            len(set(mail_server.accepted)) >= EVENTS
            and Delivery.objects.filter(state=DeliveryState.SENT).count() == EVENTS
        )

    return everything_sent


def _assert_each_sent_exactly_once(mail_server: MailServer) -> None:
    accepted = mail_server.accepted
    expected = {delivery.message_id for delivery in Delivery.objects.all()}
    assert len(expected) == EVENTS
    assert set(accepted) == expected
    assert len(accepted) == EVENTS, Counter(accepted).most_common(3)
    assert set(Delivery.objects.values_list("state", flat=True)) == {DeliveryState.SENT}


def test_a_hundred_events_send_a_hundred_emails_and_none_twice(mail_server, workers):
    _notify_people(EVENTS)

    _wait_until(
        _everything_sent(mail_server),
        waiting_for=f"{EVENTS} emails",
        mail_server=mail_server,
        workers=workers,
    )

    _assert_each_sent_exactly_once(mail_server)


def test_mail_waits_while_the_mail_server_is_down_and_goes_once_when_it_is_back(
    mail_server, workers
):
    mail_server.stop()
    _notify_people(EVENTS)

    _wait_until(
        lambda: Delivery.objects.filter(attempts__gte=3).count() == EVENTS,
        waiting_for="every delivery to fail three times",
        mail_server=mail_server,
        workers=workers,
    )
    waiting = list(Delivery.objects.all())
    assert {delivery.state for delivery in waiting} <= {
        DeliveryState.QUEUED,
        DeliveryState.SENDING,
    }
    assert all("unreachable" in delivery.last_error for delivery in waiting)
    assert mail_server.arrivals == 0

    mail_server.start()
    _wait_until(
        _everything_sent(mail_server),
        waiting_for="the waiting emails once the server is back",
        mail_server=mail_server,
        workers=workers,
        sweep=True,
    )

    _assert_each_sent_exactly_once(mail_server)


def test_mail_held_by_a_killed_worker_goes_once_through_the_next_worker(mail_server, workers):
    killed_at = 20

    def kill_the_worker_while_it_sends(arrival: int) -> str | None:
        if arrival == killed_at:
            workers.kill()
            return "451 4.3.0 Try again later"
        return None

    mail_server.on_data = kill_the_worker_while_it_sends
    _notify_people(EVENTS)

    _wait_until(
        lambda: workers.current is not None and workers.current.poll() is not None,
        waiting_for="the worker to be killed",
        mail_server=mail_server,
        workers=workers,
    )
    assert len(mail_server.accepted) == killed_at - 1
    held = Delivery.objects.get(state=DeliveryState.SENDING)
    assert Delivery.objects.filter(state=DeliveryState.SENT).count() == killed_at - 1

    workers.start()
    _wait_until(
        _everything_sent(mail_server),
        waiting_for="every email after a new worker started",
        mail_server=mail_server,
        workers=workers,
        sweep=True,
    )

    _assert_each_sent_exactly_once(mail_server)
    assert mail_server.arrivals == EVENTS + 1
    held.refresh_from_db()
    assert held.attempts >= 2
