"""The gateway's server-to-server API, driven against the real process."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import time
import uuid
from collections.abc import Callable
from typing import Any

import pytest

from sandboxes.process import SandboxProcess

from .support import MERCHANT, OTHER_MERCHANT, Client

NewCheckout = Callable[..., dict[str, Any]]


def test_health(client: Client) -> None:
    answer = client.get("/healthz")
    assert (answer.status, answer.text) == (200, "ok")


def test_checkout_creation_is_idempotent_by_order_reference(
    client: Client, new_checkout: NewCheckout, sandbox: SandboxProcess
) -> None:
    first = new_checkout(amount=2750, language="ar")
    assert first["checkout_id"].startswith("chk_")
    assert first["status"] == "created"
    assert first["redirect_url"] == f"{sandbox.url}/gateway/pay/{first['checkout_id']}"
    assert first["amount"] == 2750 and first["currency"] == "BHD" and first["language"] == "ar"
    assert first["reason"] == "" and first["transaction_id"] == "" and first["paid_at"] is None

    again = client.post(
        "/gateway/api/checkouts",
        json_body={
            "order_reference": first["order_reference"],
            "amount": 2750,
            "currency": "BHD",
            "description": "Passport renewal fee",
            "return_url": first["return_url"],
            "notify_url": first["notify_url"],
            "language": "ar",
        },
        auth=MERCHANT,
    )
    assert again.status == 200
    assert again.json()["checkout_id"] == first["checkout_id"]

    changed = client.post(
        "/gateway/api/checkouts",
        json_body={
            "order_reference": first["order_reference"],
            "amount": 2751,
            "currency": "BHD",
            "return_url": first["return_url"],
            "notify_url": first["notify_url"],
        },
        auth=MERCHANT,
    )
    assert changed.status == 409
    assert changed.json()["error"] == "conflict"


@pytest.mark.parametrize(
    ("auth", "status"),
    [
        (None, 401),
        (("bawaba", "wrong"), 401),
        (("nobody", "merchant-secret"), 401),
    ],
)
def test_basic_auth_is_required(client: Client, auth: tuple[str, str] | None, status: int) -> None:
    answer = client.get("/gateway/api/checkouts", query={"order_reference": "X"}, auth=auth)
    assert answer.status == status
    assert answer.json()["error"] == "unauthorised"


def test_another_merchant_cannot_see_a_checkout(client: Client, new_checkout: NewCheckout) -> None:
    checkout = new_checkout()
    path = f"/gateway/api/checkouts/{checkout['checkout_id']}"
    assert client.get(path, auth=MERCHANT).status == 200
    assert client.get(path, auth=OTHER_MERCHANT).status == 404


def test_lookup_by_order_reference(client: Client, new_checkout: NewCheckout) -> None:
    checkout = new_checkout()
    found = client.get(
        "/gateway/api/checkouts",
        query={"order_reference": checkout["order_reference"]},
        auth=MERCHANT,
    )
    assert found.status == 200 and found.json()["checkout_id"] == checkout["checkout_id"]
    missing = client.get(
        "/gateway/api/checkouts", query={"order_reference": "no-such"}, auth=MERCHANT
    )
    assert missing.status == 404 and missing.json()["error"] == "not_found"


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"currency": "USD"}, "unsupported_currency"),
        ({"amount": 0}, "invalid"),
        ({"amount": 1.5}, "invalid"),
        ({"order_reference": "x" * 65}, "invalid"),
        ({"return_url": "javascript:alert(1)"}, "invalid"),
        ({"language": "fr"}, "invalid"),
    ],
)
def test_invalid_checkouts_are_refused(client: Client, change: dict[str, Any], code: str) -> None:
    payload = {
        "order_reference": "ORD-" + uuid.uuid4().hex[:8],
        "amount": 1000,
        "currency": "BHD",
        "description": "x",
        "return_url": "https://portal.example/r",
        "notify_url": "https://portal.example/n",
        "language": "en",
        **change,
    }
    answer = client.post("/gateway/api/checkouts", json_body=payload, auth=MERCHANT)
    assert answer.status == 422
    assert answer.json()["error"] == code


@pytest.mark.parametrize(
    ("card", "status", "reason"),
    [
        ("4111 1111 1111 1111", "succeeded", ""),
        ("4000000000000002", "failed", "declined"),
        ("4000-0000-0000-9995", "failed", "insufficient_funds"),
        ("4000000000003220", "succeeded", ""),
        ("4000000000000119", "failed", "timeout"),
        ("5555555555554444", "succeeded", ""),
    ],
)
def test_each_test_card_via_complete(
    sandbox: SandboxProcess,
    client: Client,
    new_checkout: NewCheckout,
    card: str,
    status: str,
    reason: str,
) -> None:
    checkout = new_checkout(amount=20000)
    state = sandbox.complete(checkout["checkout_id"], card)
    assert (state["status"], state["reason"]) == (status, reason)
    if status == "succeeded":
        assert state["transaction_id"].startswith("SBX") and len(state["transaction_id"]) == 13
        assert state["fee"] == 300  # 1.5 % of BD 20.000
        assert state["paid_at"].endswith("Z")
    else:
        assert state["transaction_id"] == "" and state["fee"] == 0
    fetched = client.get(f"/gateway/api/checkouts/{checkout['checkout_id']}", auth=MERCHANT)
    assert fetched.json()["status"] == status


def test_complete_three_d_secure_with_a_wrong_code(
    sandbox: SandboxProcess, new_checkout: NewCheckout
) -> None:
    checkout = new_checkout()
    state = sandbox.complete(checkout["checkout_id"], "4000000000003220", challenge_code="0000")
    assert (state["status"], state["reason"]) == ("failed", "authentication_failed")


def test_complete_refuses_a_luhn_invalid_card_and_a_finished_checkout(
    client: Client, sandbox: SandboxProcess, new_checkout: NewCheckout
) -> None:
    checkout = new_checkout()
    path = f"/_sandbox/checkouts/{checkout['checkout_id']}/complete"
    assert client.post(path, json_body={"card": "4111111111111112"}).status == 422
    sandbox.complete(checkout["checkout_id"], "4111111111111111")
    assert client.post(path, json_body={"card": "4111111111111111"}).status == 409


@pytest.mark.parametrize(
    ("amount", "fee"), [(1000, 50), (3333, 50), (10000, 150), (3367, 51), (5100, 77)]
)
def test_fee_is_one_and_a_half_percent_with_a_minimum(
    sandbox: SandboxProcess, new_checkout: NewCheckout, amount: int, fee: int
) -> None:
    checkout = new_checkout(amount=amount)
    assert sandbox.complete(checkout["checkout_id"], "4111111111111111")["fee"] == fee


def refund(client: Client, checkout_id: str, reference: str, amount: int) -> Any:
    return client.post(
        f"/gateway/api/checkouts/{checkout_id}/refunds",
        json_body={"refund_reference": reference, "amount": amount},
        auth=MERCHANT,
    )


def test_refunds_partial_full_too_large_and_idempotent(
    client: Client, sandbox: SandboxProcess, new_checkout: NewCheckout
) -> None:
    checkout = new_checkout(amount=5000)
    checkout_id = checkout["checkout_id"]
    assert refund(client, checkout_id, "R1", 1000).status == 409  # not paid yet
    sandbox.complete(checkout_id, "4111111111111111")

    first = refund(client, checkout_id, "R1", 1000)
    assert first.status == 201
    body = first.json()
    assert body["refund_id"].startswith("rfd_") and body["status"] == "succeeded"
    assert body["amount"] == 1000 and body["refund_reference"] == "R1"
    state = client.get(f"/gateway/api/checkouts/{checkout_id}", auth=MERCHANT).json()
    assert (state["status"], state["refunded_amount"]) == ("partially_refunded", 1000)

    again = refund(client, checkout_id, "R1", 1000)
    assert again.status == 200 and again.json()["refund_id"] == body["refund_id"]
    state = client.get(f"/gateway/api/checkouts/{checkout_id}", auth=MERCHANT).json()
    assert state["refunded_amount"] == 1000

    too_large = refund(client, checkout_id, "R2", 4001)
    assert too_large.status == 422 and too_large.json()["error"] == "amount_too_large"

    rest = refund(client, checkout_id, "R2", 4000)
    assert rest.status == 201
    state = client.get(f"/gateway/api/checkouts/{checkout_id}", auth=MERCHANT).json()
    assert (state["status"], state["refunded_amount"]) == ("refunded", 5000)
    assert refund(client, checkout_id, "R3", 1).status == 409
    statuses = [
        json.loads(item["body"])["status"]
        for item in sandbox.notifications(checkout["order_reference"])
    ]
    assert statuses == ["succeeded", "partially_refunded", "refunded"]


def test_settlement_report(
    client: Client, sandbox: SandboxProcess, new_checkout: NewCheckout
) -> None:
    paid = new_checkout(amount=10000)
    refunded = new_checkout(amount=4000)
    failed = new_checkout(amount=7000)
    sandbox.complete(paid["checkout_id"], "4111111111111111")
    sandbox.complete(refunded["checkout_id"], "4111111111111111")
    sandbox.complete(failed["checkout_id"], "4000000000000002")
    assert refund(client, refunded["checkout_id"], "R1", 1500).status == 201
    today = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=3)).date().isoformat()

    answer = client.get("/gateway/api/settlements", query={"date": today}, auth=MERCHANT)
    assert answer.status == 200
    assert answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert answer.text.splitlines()[0] == (
        "transaction_id,order_reference,type,amount,fee,status,settled_date"
    )
    mine = {
        (row["order_reference"], row["type"]): row
        for row in rows
        if row["order_reference"]
        in {paid["order_reference"], refunded["order_reference"], failed["order_reference"]}
    }
    assert set(mine) == {
        (paid["order_reference"], "payment"),
        (refunded["order_reference"], "payment"),
        (refunded["order_reference"], "refund"),
    }
    assert mine[(paid["order_reference"], "payment")]["amount"] == "10000"
    assert mine[(paid["order_reference"], "payment")]["fee"] == "150"
    assert mine[(refunded["order_reference"], "refund")]["amount"] == "-1500"
    assert mine[(refunded["order_reference"], "refund")]["fee"] == "0"
    assert mine[(refunded["order_reference"], "refund")]["status"] == "partially_refunded"
    assert all(row["settled_date"] == today for row in mine.values())
    total = sum(int(row["amount"]) for row in mine.values())
    assert total == 10000 + 4000 - 1500

    other_day = client.get("/gateway/api/settlements", query={"date": "2001-01-01"}, auth=MERCHANT)
    assert len(other_day.text.splitlines()) == 1
    other_merchant = client.get(
        "/gateway/api/settlements", query={"date": today}, auth=OTHER_MERCHANT
    )
    assert paid["order_reference"] not in other_merchant.text
    bad = client.get("/gateway/api/settlements", query={"date": "yesterday"}, auth=MERCHANT)
    assert bad.status == 422


def test_down_answers_503(client: Client, sandbox: SandboxProcess) -> None:
    sandbox.control(down=True)
    try:
        answer = client.get("/gateway/api/checkouts", query={"order_reference": "x"}, auth=MERCHANT)
        assert answer.status == 503
        assert client.get("/billers/ewa/lookup", query={"reference": "x"}).status == 503
        assert client.get("/healthz").status == 200
    finally:
        assert sandbox.control(down=False)["down"] is False


def test_gateway_delay(client: Client, sandbox: SandboxProcess) -> None:
    sandbox.control(gateway_delay=0.3)
    try:
        started = time.monotonic()
        client.get("/gateway/api/checkouts", query={"order_reference": "x"}, auth=MERCHANT)
        assert time.monotonic() - started >= 0.3
    finally:
        sandbox.control(gateway_delay=0)
    assert client.get("/_sandbox/control").json()["gateway_delay"] == 0
