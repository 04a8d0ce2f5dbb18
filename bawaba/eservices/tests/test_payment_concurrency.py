"""Three payments of one application arriving at the same moment on SQLite
(the database of development and small installations): one is recorded, the
others are told it is already paid, and nobody gets a server error."""

import sqlite3
import threading
import time
from unittest import mock

import pytest
from django.db import connection, connections
from django.test import Client

from bawaba.eservices import payment

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def file_database(tmp_path):
    """The test database copied to a file, which new threads' connections
    open: SQLite's in-memory test database locks per table, not as a file
    on disk does."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's locking is what this test is about")
    path = tmp_path / "concurrent.sqlite3"

    def copy():
        connection.ensure_connection()
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()
        return path

    with mock.patch.dict(connection.settings_dict):
        yield copy, connection.settings_dict


def _in_thread(work, results, barrier):
    def run():
        try:
            barrier.wait()
            results.append(work())
        except Exception as error:  # the test reports what went wrong
            results.append(error)
        finally:
            connections.close_all()

    return threading.Thread(target=run)


def test_three_simultaneous_sandbox_payments_record_one_and_fail_none(
    client, unpaid, file_database
):
    copy, settings_dict = file_database
    path = copy()
    # Every thread opens its own connection to the file from now on.
    settings_dict["NAME"] = str(path)
    original = payment.payment_record

    def slow_record(*args, **kwargs):
        time.sleep(0.3)  # all three are inside their transaction at once
        return original(*args, **kwargs)

    url = f"/en/applications/{unpaid.pk}/pay/sandbox/"

    def pay():
        browser = Client()
        browser.cookies = client.cookies
        return browser.post(url, {"outcome": "pay"}, follow=True)

    results: list = []
    barrier = threading.Barrier(3)
    with mock.patch.object(payment, "payment_record", slow_record):
        threads = [_in_thread(pay, results, barrier) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    errors = [result for result in results if isinstance(result, Exception)]
    assert not errors, errors
    assert [response.status_code for response in results] == [200, 200, 200]
    pages = [response.content.decode() for response in results]
    assert sum("Payment received" in page for page in pages) == 1
    assert sum("This application is not waiting for a payment." in page for page in pages) == 2
    with sqlite3.connect(path) as database:
        paid = database.execute(
            "SELECT count(*) FROM eservices_applicationevent WHERE action = 'paid'"
        ).fetchone()[0]
        state = database.execute(
            "SELECT state FROM eservices_application WHERE id = ?", [unpaid.pk.hex]
        ).fetchone()[0]
    assert (paid, state) == (1, "submitted")
