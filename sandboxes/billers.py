"""Billers: bills and fines by reference, under ``/billers/<code>/`` (Basic ``code:secret``).

* ``GET lookup?reference=R[&cpr=C]`` → {"reference", "holder" (masked, "F*** A***"),
  "amount_due", "currency", "items", "owner_cpr_required"}. Unknown reference → 404
  ``not_found``; a fine (owner CPR required) whose CPR is missing or different → the
  same 404, so nobody can probe for fine numbers.
* ``GET accounts?cpr=C`` → {"accounts": [lookup JSON, ...]}.
* ``POST payments`` {"payment_reference" (idempotency key), "reference", "amount",
  "paid_at"} → {"acknowledgement": "ACK<digits>", "payment_reference"}; the amount is
  taken off the items, oldest first. More than is owed → 422 ``amount_too_large``.

Demo billers and accounts come from ``billers_seed.json`` on first start (and after a
reset): ``ewa``, ``traffic``, ``telecom`` (by account or mobile number), ``cooling``.
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path
from typing import Any

from .gateway import GatewayError
from .store import Row, Store, iso, utcnow

SEED_PATH = Path(__file__).with_name("billers_seed.json")


def seed_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SEED_PATH.read_text(encoding="utf-8"))
    return data


BILLER_CODES = frozenset(seed_data())


def mask_holder(name: str) -> str:
    return " ".join(word[0] + "***" for word in name.split() if word)


def account_json(row: Row) -> dict[str, Any]:
    items = json.loads(row["items"])
    return {
        "reference": row["reference"],
        "holder": mask_holder(row["holder"]),
        "amount_due": sum(int(item["amount"]) for item in items),
        "currency": "BHD",
        "items": items,
        "owner_cpr_required": bool(row["owner_cpr_required"]),
    }


class Billers:
    def __init__(self, store: Store) -> None:
        self.store = store

    def seed(self, *, force: bool = False) -> None:
        if not force and self.store.meta("billers_seeded"):
            return
        for code, biller in seed_data().items():
            for account in biller["accounts"]:
                self.account_put(
                    code,
                    {**account, "owner_cpr_required": biller["owner_cpr_required"]},
                )
        self.store.set_meta("billers_seeded", iso(utcnow()))

    def account_put(self, code: str, payload: Any) -> Row:
        """Add or replace an account (the seed and ``/_sandbox/billers/<code>/accounts``)."""
        if code not in BILLER_CODES:
            raise GatewayError(404, "not_found", "no such biller")
        if not isinstance(payload, dict) or not isinstance(payload.get("reference"), str):
            raise GatewayError(422, "invalid", "reference: a string")
        items = payload.get("items")
        if items is None:
            amount_due = payload.get("amount_due", 0)
            if isinstance(amount_due, bool) or not isinstance(amount_due, int) or amount_due < 0:
                raise GatewayError(422, "invalid", "amount_due: an integer of fils")
            items = (
                [
                    {
                        "id": payload["reference"] + "-1",
                        "label_en": "Amount due",
                        "label_ar": "المبلغ المستحق",
                        "date": utcnow().date().isoformat(),
                        "amount": amount_due,
                    }
                ]
                if amount_due
                else []
            )
        if not isinstance(items, list) or not all(
            isinstance(item, dict) and isinstance(item.get("amount"), int) for item in items
        ):
            raise GatewayError(422, "invalid", "items: a list of objects with an amount")
        required = payload.get("owner_cpr_required", code == "traffic")
        with self.store.transaction() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO biller_accounts (biller, reference, aliases, holder,"
                " owner_cpr, owner_cpr_required, items) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    code,
                    payload["reference"],
                    json.dumps(list(payload.get("aliases", []))),
                    str(payload.get("holder", "Test Holder")),
                    str(payload.get("owner_cpr", "")),
                    int(bool(required)),
                    json.dumps(items, ensure_ascii=False),
                ),
            )
        row = self._find(code, payload["reference"])
        assert row is not None  # noqa: S101 - just written
        return row

    def _find(self, code: str, reference: str) -> Row | None:
        reference = reference.strip()
        row = self.store.one(
            "SELECT * FROM biller_accounts WHERE biller = ? AND reference = ?", (code, reference)
        )
        if row is not None:
            return row
        for candidate in self.store.all(
            "SELECT * FROM biller_accounts WHERE biller = ? AND aliases != '[]'", (code,)
        ):
            if reference in json.loads(candidate["aliases"]):
                return candidate
        return None

    def lookup(self, code: str, reference: str, cpr: str | None) -> dict[str, Any]:
        row = self._find(code, reference)
        if row is None or (row["owner_cpr_required"] and (cpr or "") != row["owner_cpr"]):
            raise GatewayError(404, "not_found", "no such reference")
        return account_json(row)

    def accounts(self, code: str, cpr: str) -> dict[str, Any]:
        rows = self.store.all(
            "SELECT * FROM biller_accounts WHERE biller = ? AND owner_cpr = ? AND owner_cpr != ''"
            " ORDER BY reference",
            (code, cpr),
        )
        return {"accounts": [account_json(row) for row in rows]}

    def pay(self, code: str, payload: Any) -> dict[str, Any]:
        if not isinstance(payload, dict):
            raise GatewayError(400, "bad_request", "expected a JSON object")
        payment_reference = payload.get("payment_reference")
        reference = payload.get("reference")
        amount = payload.get("amount")
        if not isinstance(payment_reference, str) or not 1 <= len(payment_reference) <= 64:
            raise GatewayError(422, "invalid", "payment_reference: a string of 1 to 64 characters")
        if not isinstance(reference, str):
            raise GatewayError(422, "invalid", "reference: a string")
        if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
            raise GatewayError(422, "invalid", "amount: a positive integer of fils")
        paid_at = str(payload.get("paid_at") or iso(utcnow()))
        with self.store.transaction() as conn:
            existing = conn.execute(
                "SELECT * FROM biller_payments WHERE biller = ? AND payment_reference = ?",
                (code, payment_reference),
            ).fetchone()
            if existing is not None:
                return {
                    "acknowledgement": existing["acknowledgement"],
                    "payment_reference": payment_reference,
                }
            row = self._find(code, reference)
            if row is None:
                raise GatewayError(404, "not_found", "no such reference")
            items = sorted(
                json.loads(row["items"]),
                key=lambda item: str(item.get("period") or item.get("date") or ""),
            )
            owed = sum(int(item["amount"]) for item in items)
            if amount > owed:
                raise GatewayError(422, "amount_too_large", f"at most {owed} fils are owed")
            remaining = amount
            left: list[dict[str, Any]] = []
            for item in items:
                take = min(remaining, int(item["amount"]))
                remaining -= take
                if int(item["amount"]) - take > 0:
                    left.append({**item, "amount": int(item["amount"]) - take})
            acknowledgement = "ACK" + f"{secrets.randbelow(10**12):012d}"
            conn.execute(
                "UPDATE biller_accounts SET items = ? WHERE biller = ? AND reference = ?",
                (json.dumps(left, ensure_ascii=False), code, row["reference"]),
            )
            conn.execute(
                "INSERT INTO biller_payments (biller, payment_reference, reference, amount,"
                " paid_at, acknowledgement, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    code,
                    payment_reference,
                    row["reference"],
                    amount,
                    paid_at,
                    acknowledgement,
                    iso(utcnow()),
                ),
            )
        return {"acknowledgement": acknowledgement, "payment_reference": payment_reference}
