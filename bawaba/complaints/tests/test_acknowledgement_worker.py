"""The acknowledgement of a case is sent exactly once, even when the worker
sending it is killed mid-send: real Celery worker, Redis broker and SMTP
server (the notifications app's integration harness), PostgreSQL."""

from __future__ import annotations

import pytest

from bawaba.accounts.tests.factories import UserFactory
from bawaba.complaints.actions import Filing, complaint_file
from bawaba.complaints.models import Complaint, Kind
from bawaba.notifications.models import Delivery, DeliveryState
from bawaba.notifications.tests.test_worker_integration import (  # noqa: F401  # fixtures
    EVENTS,
    broker,
    mail_server,
    workers,
)
from bawaba.notifications.tests.test_worker_integration import (
    _assert_each_sent_exactly_once as assert_each_sent_exactly_once,
)
from bawaba.notifications.tests.test_worker_integration import (
    _everything_sent as everything_sent,
)
from bawaba.notifications.tests.test_worker_integration import _wait_until as wait_until

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_acknowledgements_go_once_when_a_worker_is_killed_mid_send(mail_server, workers):  # noqa: F811
    killed_at = 7

    def kill_the_worker_while_it_sends(arrival: int) -> str | None:
        if arrival == killed_at:
            workers.kill()
            return "451 4.3.0 Try again later"
        return None

    mail_server.on_data = kill_the_worker_while_it_sends
    for number in range(EVENTS):
        person = UserFactory.create(preferred_language="en" if number % 2 else "ar")
        complaint_file(
            filing=Filing(kind=Kind.COMPLAINT, subject=f"Case {number}", details="Waited."),
            person=person,
        )
    assert Complaint.objects.filter(acknowledged_at__isnull=False).count() == EVENTS

    wait_until(
        lambda: workers.current is not None and workers.current.poll() is not None,
        waiting_for="the worker to be killed",
        mail_server=mail_server,
        workers=workers,
    )
    assert Delivery.objects.filter(state=DeliveryState.SENDING).count() == 1

    workers.start()
    wait_until(
        everything_sent(mail_server),
        waiting_for="every acknowledgement after a new worker started",
        mail_server=mail_server,
        workers=workers,
        sweep=True,
    )
    assert_each_sent_exactly_once(mail_server)
    assert mail_server.arrivals == EVENTS + 1
