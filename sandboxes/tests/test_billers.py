"""Billers: lookup, accounts by CPR, payments, fines that need their owner's CPR."""

from __future__ import annotations

import uuid

import pytest

from sandboxes.process import SandboxProcess

from .support import BILLERS, Client

EWA = ("ewa", BILLERS["ewa"])
TRAFFIC = ("traffic", BILLERS["traffic"])
TELECOM = ("telecom", BILLERS["telecom"])


def test_lookup_masks_the_holder_and_lists_items(client: Client) -> None:
    answer = client.get("/billers/ewa/lookup", query={"reference": "EWA1000318"}, auth=EWA)
    assert answer.status == 200
    body = answer.json()
    assert body["reference"] == "EWA1000318"
    assert body["holder"] == "M*** H***"
    assert body["currency"] == "BHD" and body["owner_cpr_required"] is False
    assert body["amount_due"] == sum(item["amount"] for item in body["items"]) > 0
    item = body["items"][0]
    assert {"id", "label_en", "label_ar", "amount"} <= set(item)
    assert "period" in item or "date" in item


def test_telecom_by_mobile_number(client: Client) -> None:
    answer = client.get("/billers/telecom/lookup", query={"reference": "36001234"}, auth=TELECOM)
    assert answer.status == 200 and answer.json()["reference"] == "DT55001234"


@pytest.mark.parametrize(
    ("auth", "status"),
    [(None, 401), (("ewa", "wrong"), 401), (TRAFFIC, 401), (EWA, 200)],
)
def test_biller_auth(client: Client, auth: tuple[str, str] | None, status: int) -> None:
    answer = client.get("/billers/ewa/lookup", query={"reference": "EWA1000201"}, auth=auth)
    assert answer.status == status


def test_unknown_reference_and_unknown_biller(client: Client) -> None:
    answer = client.get("/billers/ewa/lookup", query={"reference": "nope"}, auth=EWA)
    assert answer.status == 404 and answer.json()["error"] == "not_found"
    assert client.get("/billers/gas/lookup", query={"reference": "x"}, auth=EWA).status == 404


def test_a_fine_needs_its_owners_cpr(client: Client) -> None:
    path = "/billers/traffic/lookup"
    found = client.get(path, query={"reference": "TF2026000871", "cpr": "900101234"}, auth=TRAFFIC)
    assert found.status == 200
    assert found.json()["owner_cpr_required"] is True
    assert found.json()["amount_due"] == 50000
    wrong = client.get(path, query={"reference": "TF2026000871", "cpr": "850505678"}, auth=TRAFFIC)
    missing = client.get(path, query={"reference": "TF2026000871"}, auth=TRAFFIC)
    unknown = client.get(path, query={"reference": "TF0", "cpr": "900101234"}, auth=TRAFFIC)
    assert wrong.status == missing.status == unknown.status == 404
    assert wrong.json() == unknown.json()  # no probing


def test_accounts_of_a_person(client: Client) -> None:
    answer = client.get("/billers/ewa/accounts", query={"cpr": "900101234"}, auth=EWA)
    references = [account["reference"] for account in answer.json()["accounts"]]
    assert references == ["EWA1000201", "EWA1000425"]
    nothing_owed = answer.json()["accounts"][1]
    assert nothing_owed["amount_due"] == 0 and nothing_owed["items"] == []
    none = client.get("/billers/ewa/accounts", query={"cpr": "111111111"}, auth=EWA)
    assert none.json() == {"accounts": []}


def test_payments_clear_oldest_items_first_and_are_idempotent(
    client: Client, sandbox: SandboxProcess
) -> None:
    reference = "ACC-" + uuid.uuid4().hex[:8]
    added = client.post(
        "/_sandbox/billers/ewa/accounts",
        json_body={
            "reference": reference,
            "holder": "Fatima Ali",
            "owner_cpr": "900101234",
            "items": [
                {
                    "id": "b",
                    "label_en": "Oct",
                    "label_ar": "أكتوبر",
                    "period": "2026-10",
                    "amount": 3000,
                },
                {
                    "id": "a",
                    "label_en": "Sep",
                    "label_ar": "سبتمبر",
                    "period": "2026-09",
                    "amount": 2000,
                },
            ],
        },
    )
    assert added.status == 200 and added.json()["amount_due"] == 5000

    payment = {
        "payment_reference": "PAY-" + uuid.uuid4().hex[:8],
        "reference": reference,
        "amount": 2500,
        "paid_at": "2026-12-01T10:00:00Z",
    }
    first = client.post("/billers/ewa/payments", json_body=payment, auth=EWA)
    assert first.status == 200
    acknowledgement = first.json()["acknowledgement"]
    assert acknowledgement.startswith("ACK") and acknowledgement[3:].isdigit()
    assert first.json()["payment_reference"] == payment["payment_reference"]
    after = client.get("/billers/ewa/lookup", query={"reference": reference}, auth=EWA).json()
    assert after["amount_due"] == 2500
    assert [(item["id"], item["amount"]) for item in after["items"]] == [("b", 2500)]

    again = client.post("/billers/ewa/payments", json_body=payment, auth=EWA)
    assert again.json()["acknowledgement"] == acknowledgement
    same = client.get("/billers/ewa/lookup", query={"reference": reference}, auth=EWA).json()
    assert same["amount_due"] == 2500

    too_much = client.post(
        "/billers/ewa/payments",
        json_body={**payment, "payment_reference": "PAY-X" + uuid.uuid4().hex[:6], "amount": 2501},
        auth=EWA,
    )
    assert too_much.status == 422 and too_much.json()["error"] == "amount_too_large"


def test_control_account_with_amount_due_only(client: Client) -> None:
    reference = "TF-" + uuid.uuid4().hex[:8]
    client.post(
        "/_sandbox/billers/traffic/accounts",
        json_body={"reference": reference, "amount_due": 20000, "owner_cpr": "850505678"},
    )
    answer = client.get(
        "/billers/traffic/lookup",
        query={"reference": reference, "cpr": "850505678"},
        auth=TRAFFIC,
    )
    assert answer.json()["amount_due"] == 20000


def test_billers_down_answers_503(client: Client, sandbox: SandboxProcess) -> None:
    sandbox.control(billers_down=True)
    try:
        payment = {"payment_reference": "P", "reference": "EWA1000201", "amount": 1}
        assert client.post("/billers/ewa/payments", json_body=payment, auth=EWA).status == 503
        lookup = client.get("/billers/ewa/lookup", query={"reference": "EWA1000201"}, auth=EWA)
        assert lookup.status == 503
        assert client.get("/healthz").status == 200
    finally:
        sandbox.control(billers_down=False)
