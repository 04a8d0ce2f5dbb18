"""The sandbox's own SQLite database (``sandbox.sqlite3`` in the data directory).

One connection shared by every thread, guarded by a re-entrant lock: the sandbox
answers a handful of requests at a time, so a lock is simpler than a pool and
keeps each read-modify-write (idempotency checks, refund totals) atomic.
Merchants and billers' secrets are configuration, not data: ``reset`` keeps them
because they are never stored here.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

BAHRAIN = dt.timezone(dt.timedelta(hours=3), "Asia/Bahrain")

SCHEMA = """
CREATE TABLE IF NOT EXISTS checkouts (
    checkout_id TEXT PRIMARY KEY,
    merchant_id TEXT NOT NULL,
    order_reference TEXT NOT NULL,
    amount INTEGER NOT NULL,
    currency TEXT NOT NULL,
    description TEXT NOT NULL,
    merchant_name TEXT NOT NULL DEFAULT '',
    return_url TEXT NOT NULL,
    notify_url TEXT NOT NULL,
    language TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    transaction_id TEXT NOT NULL DEFAULT '',
    refunded_amount INTEGER NOT NULL DEFAULT 0,
    fee INTEGER NOT NULL DEFAULT 0,
    challenge_pending INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    paid_at TEXT NOT NULL DEFAULT '',
    UNIQUE (merchant_id, order_reference)
);
CREATE TABLE IF NOT EXISTS refunds (
    refund_id TEXT PRIMARY KEY,
    checkout_id TEXT NOT NULL REFERENCES checkouts(checkout_id),
    refund_reference TEXT NOT NULL,
    amount INTEGER NOT NULL,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (checkout_id, refund_reference)
);
CREATE TABLE IF NOT EXISTS deliveries (
    delivery_id TEXT PRIMARY KEY,
    checkout_id TEXT NOT NULL,
    order_reference TEXT NOT NULL,
    merchant_id TEXT NOT NULL,
    url TEXT NOT NULL,
    body TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    delivered INTEGER NOT NULL DEFAULT 0,
    dropped INTEGER NOT NULL DEFAULT 0,
    given_up INTEGER NOT NULL DEFAULT 0,
    next_attempt_at REAL NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS delivery_attempts (
    delivery_id TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    at TEXT NOT NULL,
    timestamp TEXT NOT NULL,
    status_code INTEGER NOT NULL,
    error TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS controls (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS biller_accounts (
    biller TEXT NOT NULL,
    reference TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]',
    holder TEXT NOT NULL,
    owner_cpr TEXT NOT NULL DEFAULT '',
    owner_cpr_required INTEGER NOT NULL DEFAULT 0,
    items TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (biller, reference)
);
CREATE TABLE IF NOT EXISTS biller_payments (
    biller TEXT NOT NULL,
    payment_reference TEXT NOT NULL,
    reference TEXT NOT NULL,
    amount INTEGER NOT NULL,
    paid_at TEXT NOT NULL,
    acknowledgement TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (biller, payment_reference)
);
CREATE TABLE IF NOT EXISTS meta (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

DEFAULT_CONTROLS: dict[str, Any] = {
    "down": False,
    "drop_notifications": False,
    "gateway_delay": 0.0,
    "billers_down": False,
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def iso(moment: dt.datetime) -> str:
    """UTC ISO 8601 with a Z, to the second."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_iso(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)


def bahrain_date(text: str) -> str:
    """The calendar date in Bahrain (UTC+3, no daylight saving) of a stored UTC time."""
    return parse_iso(text).astimezone(BAHRAIN).date().isoformat()


Row = dict[str, Any]


class Store:
    def __init__(self, data_dir: Path) -> None:
        data_dir.mkdir(parents=True, exist_ok=True)
        self.path = data_dir / "sandbox.sqlite3"
        self.lock = threading.RLock()
        self.conn = sqlite3.connect(str(self.path), check_same_thread=False, isolation_level=None)
        self.conn.row_factory = sqlite3.Row
        with self.lock:
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.executescript(SCHEMA)

    def close(self) -> None:
        with self.lock:
            self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Hold the lock and one SQLite transaction; roll back on any error."""
        with self.lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    def one(self, sql: str, params: tuple[Any, ...] = ()) -> Row | None:
        with self.lock:
            row = self.conn.execute(sql, params).fetchone()
        return dict(row) if row is not None else None

    def all(self, sql: str, params: tuple[Any, ...] = ()) -> list[Row]:
        with self.lock:
            rows = self.conn.execute(sql, params).fetchall()
        return [dict(row) for row in rows]

    # Controls -------------------------------------------------------------------------

    def controls(self) -> dict[str, Any]:
        values = dict(DEFAULT_CONTROLS)
        for row in self.all("SELECT name, value FROM controls"):
            values[row["name"]] = json.loads(row["value"])
        return values

    def set_controls(self, changes: dict[str, Any]) -> dict[str, Any]:
        with self.transaction() as conn:
            for name, value in changes.items():
                conn.execute(
                    "INSERT INTO controls (name, value) VALUES (?, ?) "
                    "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                    (name, json.dumps(value)),
                )
        return self.controls()

    # Meta -----------------------------------------------------------------------------

    def meta(self, name: str) -> str | None:
        row = self.one("SELECT value FROM meta WHERE name = ?", (name,))
        return None if row is None else str(row["value"])

    def set_meta(self, name: str, value: str) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO meta (name, value) VALUES (?, ?) "
                "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                (name, value),
            )

    def reset(self) -> None:
        """Forget every checkout, refund, notification, control and biller account."""
        with self.transaction() as conn:
            for table in (
                "checkouts",
                "refunds",
                "deliveries",
                "delivery_attempts",
                "controls",
                "biller_accounts",
                "biller_payments",
                "meta",
            ):
                conn.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
