"""Signed notifications to a checkout's notify_url, retried by a background thread.

Body: compact JSON of the checkout's state plus ``event`` ("checkout.updated"),
``delivery_id`` ("dlv_<hex>") and ``sent_at``; the body is fixed when the
notification is queued and every attempt sends exactly those bytes.

Headers::

    Content-Type: application/json
    X-Sandbox-Timestamp: <unix seconds>
    X-Sandbox-Signature: sha256=<hex HMAC-SHA256(merchant secret, "<timestamp>." + body)>

A 2xx answer ends delivery. Anything else (another status, a refused connection,
no answer within 5 s) is retried after ``retry_base * 2**attempt`` seconds
(attempt counts from 0) until ``retries`` attempts were made; each attempt signs
again with a fresh timestamp and is logged in ``delivery_attempts``. With the
control ``drop_notifications`` on, notifications are recorded but never sent.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import sys
import threading
import time
import urllib.error
import urllib.request
from typing import Any

from .settings import Settings
from .store import Store, iso, utcnow


def sign(secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + digest.hexdigest()


def verify(secret: str, timestamp: str, body: bytes, signature: str) -> bool:
    """What a receiver does; used by the tests and handy for the portal's own tests."""
    return hmac.compare_digest(sign(secret, timestamp, body), signature)


class Notifier:
    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        self.wake = threading.Condition()
        self.in_flight: set[str] = set()
        self.pending = False
        self.stopping = False
        self.thread = threading.Thread(target=self.run, name="sandbox-notifier", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        with self.wake:
            self.stopping = True
            self.wake.notify_all()

    def queue(self, state: dict[str, Any]) -> str:
        """Record a notification of ``state`` (a checkout's state JSON) and wake the worker."""
        delivery_id = "dlv_" + secrets.token_hex(12)
        payload = {
            **state,
            "event": "checkout.updated",
            "delivery_id": delivery_id,
            "sent_at": iso(utcnow()),
        }
        body = json.dumps(payload, separators=(",", ":"), ensure_ascii=False)
        row = self.store.one(
            "SELECT notify_url FROM checkouts WHERE checkout_id = ?", (state["checkout_id"],)
        )
        url = row["notify_url"] if row else ""
        dropped = 1 if self.store.controls().get("drop_notifications") else 0
        with self.store.transaction() as conn:
            conn.execute(
                "INSERT INTO deliveries (delivery_id, checkout_id, order_reference, merchant_id,"
                " url, body, dropped, next_attempt_at, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    delivery_id,
                    state["checkout_id"],
                    state["order_reference"],
                    state["merchant_id"],
                    url,
                    body,
                    dropped,
                    time.time(),
                    iso(utcnow()),
                ),
            )
        with self.wake:
            self.pending = True
            self.wake.notify_all()
        return delivery_id

    def list_for(self, order_reference: str | None) -> list[dict[str, Any]]:
        if order_reference is None:
            rows = self.store.all("SELECT * FROM deliveries ORDER BY rowid")
        else:
            rows = self.store.all(
                "SELECT * FROM deliveries WHERE order_reference = ? ORDER BY rowid",
                (order_reference,),
            )
        return [
            {
                "delivery_id": row["delivery_id"],
                "url": row["url"],
                "body": row["body"],
                "attempts": row["attempts"],
                "delivered": bool(row["delivered"]),
                "dropped": bool(row["dropped"]),
                "given_up": bool(row["given_up"]),
            }
            for row in rows
        ]

    # The worker --------------------------------------------------------------------------

    def run(self) -> None:
        while True:
            with self.wake:
                if self.stopping:
                    return
                self.pending = False
            due = self.store.all(
                "SELECT delivery_id FROM deliveries WHERE delivered = 0 AND dropped = 0"
                " AND given_up = 0 AND next_attempt_at <= ? ORDER BY next_attempt_at",
                (time.time(),),
            )
            for row in due:
                delivery_id = row["delivery_id"]
                with self.wake:
                    if delivery_id in self.in_flight:
                        continue
                    self.in_flight.add(delivery_id)
                # A lease: the worker does not pick it again while this attempt runs.
                lease = time.time() + self.settings.notify_timeout + 1
                with self.store.transaction() as conn:
                    conn.execute(
                        "UPDATE deliveries SET next_attempt_at = ? WHERE delivery_id = ?",
                        (lease, delivery_id),
                    )
                threading.Thread(
                    target=self.attempt, args=(delivery_id,), name=delivery_id, daemon=True
                ).start()
            interval = self.poll_interval()
            with self.wake:
                if self.stopping:
                    return
                if not self.pending:
                    self.wake.wait(timeout=interval)

    def poll_interval(self) -> float:
        nxt = self.store.one(
            "SELECT MIN(next_attempt_at) AS at FROM deliveries WHERE delivered = 0"
            " AND dropped = 0 AND given_up = 0"
        )
        if nxt is None or nxt["at"] is None:
            return 1.0
        return max(0.01, min(1.0, float(nxt["at"]) - time.time()))

    def attempt(self, delivery_id: str) -> None:
        try:
            self._attempt(delivery_id)
        finally:
            with self.wake:
                self.in_flight.discard(delivery_id)
                self.wake.notify_all()

    def _attempt(self, delivery_id: str) -> None:
        row = self.store.one("SELECT * FROM deliveries WHERE delivery_id = ?", (delivery_id,))
        if row is None or row["delivered"] or row["dropped"] or row["given_up"]:
            return
        if self.store.controls().get("drop_notifications"):
            with self.store.transaction() as conn:
                conn.execute(
                    "UPDATE deliveries SET dropped = 1 WHERE delivery_id = ?", (delivery_id,)
                )
            return
        secret = self.settings.merchants.get(row["merchant_id"], "")
        body = row["body"].encode()
        timestamp = str(int(time.time()))
        status, error = self.post(row["url"], body, timestamp, sign(secret, timestamp, body))
        attempt = row["attempts"]
        delivered = 200 <= status < 300
        retry_at = time.time() + self.settings.retry_base * 2**attempt
        given_up = not delivered and attempt + 1 >= self.settings.retries
        with self.store.transaction() as conn:
            conn.execute(
                "INSERT INTO delivery_attempts (delivery_id, attempt, at, timestamp,"
                " status_code, error) VALUES (?, ?, ?, ?, ?, ?)",
                (delivery_id, attempt + 1, iso(utcnow()), timestamp, status, error),
            )
            conn.execute(
                "UPDATE deliveries SET attempts = attempts + 1, delivered = ?, given_up = ?,"
                " next_attempt_at = ? WHERE delivery_id = ?",
                (int(delivered), int(given_up), retry_at, delivery_id),
            )
        outcome = "delivered" if delivered else ("given up" if given_up else "will retry")
        print(
            f"notify {delivery_id} attempt {attempt + 1} -> {status or error} ({outcome})",
            file=sys.stderr,
            flush=True,
        )

    def post(self, url: str, body: bytes, timestamp: str, signature: str) -> tuple[int, str]:
        if not url.startswith(("http://", "https://")):
            return 0, "not an http(s) url"
        request = urllib.request.Request(  # noqa: S310 - scheme checked above
            url,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json",
                "X-Sandbox-Timestamp": timestamp,
                "X-Sandbox-Signature": signature,
                "User-Agent": "bawaba-sandbox/1",
            },
        )
        try:
            with urllib.request.urlopen(  # noqa: S310
                request, timeout=self.settings.notify_timeout
            ) as response:
                return int(response.status), ""
        except urllib.error.HTTPError as exc:
            return int(exc.code), ""
        except (OSError, ValueError) as exc:
            return 0, type(exc).__name__ + ": " + str(exc)[:200]
