"""Signed notifications: signature, retries with back-off, dropping; and the request log."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from sandboxes.notify import sign, verify
from sandboxes.process import SandboxProcess

from .support import MERCHANT, Client, Receiver, wait_for

NewCheckout = Callable[..., dict[str, Any]]


def test_notification_is_signed_over_timestamp_and_body(
    sandbox: SandboxProcess, receiver: Receiver, new_checkout: NewCheckout
) -> None:
    checkout = new_checkout()
    path = urlsplit(checkout["notify_url"]).path
    sandbox.complete(checkout["checkout_id"], "4111111111111111")
    (received,) = wait_for(lambda: receiver.for_path(path))
    assert received.headers["content-type"] == "application/json"
    timestamp = received.headers["x-sandbox-timestamp"]
    signature = received.headers["x-sandbox-signature"]
    assert signature.startswith("sha256=")
    assert verify(MERCHANT[1], timestamp, received.body, signature)
    assert not verify("another-secret", timestamp, received.body, signature)
    assert not verify(MERCHANT[1], str(int(timestamp) + 1), received.body, signature)

    body = json.loads(received.body)
    assert body["event"] == "checkout.updated"
    assert body["delivery_id"].startswith("dlv_")
    assert body["status"] == "succeeded" and body["checkout_id"] == checkout["checkout_id"]
    assert body["sent_at"].endswith("Z")
    assert received.body == json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()

    (record,) = wait_for(
        lambda: [n for n in sandbox.notifications(checkout["order_reference"]) if n["delivered"]]
    )
    assert record["body"].encode() == received.body
    assert record["attempts"] == 1 and record["url"] == checkout["notify_url"]


def test_retries_with_back_off_until_the_receiver_answers(
    sandbox: SandboxProcess, receiver: Receiver, new_checkout: NewCheckout
) -> None:
    checkout = new_checkout()
    path = urlsplit(checkout["notify_url"]).path
    receiver.fail_first[path] = 2
    sandbox.complete(checkout["checkout_id"], "4000000000000002")
    attempts = wait_for(lambda: len(receiver.for_path(path)) >= 3 and receiver.for_path(path))
    assert len(attempts) == 3
    bodies = {attempt.body for attempt in attempts}
    assert len(bodies) == 1  # the same delivery every time
    for attempt in attempts:
        assert verify(
            MERCHANT[1],
            attempt.headers["x-sandbox-timestamp"],
            attempt.body,
            attempt.headers["x-sandbox-signature"],
        )
    # retry_base 0.05: waits of 0.05 s, then 0.1 s.
    assert attempts[1].at - attempts[0].at >= 0.04
    assert attempts[2].at - attempts[1].at >= 0.09
    (record,) = wait_for(
        lambda: [n for n in sandbox.notifications(checkout["order_reference"]) if n["delivered"]]
    )
    assert record["attempts"] == 3


def test_gives_up_after_the_last_retry(
    sandbox: SandboxProcess, receiver: Receiver, new_checkout: NewCheckout
) -> None:
    checkout = new_checkout()
    path = urlsplit(checkout["notify_url"]).path
    receiver.fail_first[path] = 100
    sandbox.complete(checkout["checkout_id"], "4111111111111111")
    (record,) = wait_for(
        lambda: [n for n in sandbox.notifications(checkout["order_reference"]) if n["given_up"]],
        timeout=10,
    )
    assert record["attempts"] == 5 and not record["delivered"]
    assert len(receiver.for_path(path)) == 5
    receiver.fail_first.pop(path)


def test_drop_notifications_records_but_never_sends(
    sandbox: SandboxProcess, receiver: Receiver, new_checkout: NewCheckout
) -> None:
    checkout = new_checkout()
    path = urlsplit(checkout["notify_url"]).path
    sandbox.control(drop_notifications=True)
    try:
        sandbox.complete(checkout["checkout_id"], "4111111111111111")
        (record,) = sandbox.notifications(checkout["order_reference"])
        assert record["dropped"] and not record["delivered"]
        time.sleep(0.3)
        assert receiver.for_path(path) == []
    finally:
        sandbox.control(drop_notifications=False)


def test_sign_matches_a_hand_computed_hmac() -> None:
    expected = hmac.new(b"k", b"1700000000.{}", hashlib.sha256).hexdigest()
    assert sign("k", "1700000000", b"{}") == "sha256=" + expected


def test_log_has_one_line_per_request_and_no_card_numbers(
    sandbox: SandboxProcess, client: Client, new_checkout: NewCheckout
) -> None:
    checkout = new_checkout()
    client.post(
        f"/gateway/pay/{checkout['checkout_id']}",
        form={"card_number": "4111111111111112", "action": "pay"},
    )
    client.get("/healthz", query={"card": "4111 1111 1111 1111"})
    assert sandbox.log_path is not None
    log = sandbox.log_path.read_text()
    assert f"POST /gateway/pay/{checkout['checkout_id']} 200" in log
    assert "4111111111111112" not in log and "4111 1111 1111 1111" not in log
    assert "****1111" in log
