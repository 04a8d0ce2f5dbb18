"""Three "Pay" clicks on one application at the same moment on SQLite (the
database of development and small installations), from three tabs: one
payment is made, all three are sent to its page on the gateway, and nobody
gets a server error."""

import sqlite3
import threading
import time
from unittest import mock

import pytest
from django.db import connection, connections
from django.test import Client

from bawaba.payments import actions

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


def test_three_simultaneous_pay_clicks_make_one_payment_and_fail_none(
    client, unpaid, file_database, sandbox
):
    copy, settings_dict = file_database
    path = copy()
    # Every thread opens its own connection to the file from now on.
    settings_dict["NAME"] = str(path)
    original = actions.payment_checkout

    def slow_checkout(*args, **kwargs):
        time.sleep(0.3)  # all three are between creating and checking out at once
        return original(*args, **kwargs)

    def pay(key):
        def click():
            browser = Client()
            browser.cookies = client.cookies
            return browser.post(
                "/en/accounts/payments/start/",
                {"kind": "application", "payable_id": str(unpaid.pk), "key": key},
            )

        return click

    results: list = []
    barrier = threading.Barrier(3)
    with mock.patch.object(actions, "payment_checkout", slow_checkout):
        threads = [_in_thread(pay(f"tab-{n}"), results, barrier) for n in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    errors = [result for result in results if isinstance(result, Exception)]
    assert not errors, errors
    assert [response.status_code for response in results] == [302, 302, 302]
    locations = {response["Location"] for response in results}
    assert len(locations) == 1
    assert locations.pop().startswith(sandbox.url + "/gateway/pay/")
    with sqlite3.connect(path) as database:
        payments = database.execute("SELECT count(*), max(state) FROM payments_payment").fetchone()
    assert payments == (1, "in_progress")
