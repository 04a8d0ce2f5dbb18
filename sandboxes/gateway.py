"""The payment gateway: checkouts, the card outcomes, refunds and the settlement report.

Protocol (see SANDBOX_SPEC.md for the whole text):

* ``POST /gateway/api/checkouts`` (Basic ``merchant_id:secret``) creates a checkout;
  ``order_reference`` is the idempotency key (same again → 200 the same checkout;
  another amount → 409). Amounts are integer fils, currency always ``BHD``.
* ``GET /gateway/api/checkouts/<id>`` and ``?order_reference=X`` answer the state JSON.
* ``GET /gateway/pay/<id>`` is the hosted payment page (``pages.py``); opening it
  moves ``created`` → ``in_progress``.
* A final outcome sets status/reason (and transaction_id, fee, paid_at on success),
  queues a signed notification (``notify.py``) and redirects the payer (303) to
  ``return_url`` + ``?``/``&`` + ``checkout_id=<id>``.
* ``POST /gateway/api/checkouts/<id>/refunds`` with ``refund_reference`` as the key.
* ``GET /gateway/api/settlements?date=YYYY-MM-DD`` → CSV of the Bahrain date.

Test cards (any expiry in the future, any 3-digit security code, any name):

====================  ==============================================================
4111 1111 1111 1111   succeeded
4000 0000 0000 0002   failed, reason ``declined``
4000 0000 0000 9995   failed, reason ``insufficient_funds``
4000 0000 0000 3220   3-D Secure challenge: code 1234 → succeeded, else
                      failed ``authentication_failed``
4000 0000 0000 0119   failed, reason ``timeout`` (the bank did not answer in time)
other Luhn-valid      succeeded
Luhn-invalid          the form shows an error
====================  ==============================================================

The fee the gateway keeps on a success is 1.5 % rounded half up, at least 50 fils.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import secrets
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from .notify import Notifier
from .store import Row, Store, bahrain_date, iso, utcnow

SUCCEED = "4111111111111111"
TEST_CARDS: dict[str, tuple[str, str]] = {
    "4111111111111111": ("succeeded", ""),
    "4000000000000002": ("failed", "declined"),
    "4000000000009995": ("failed", "insufficient_funds"),
    "4000000000003220": ("challenge", ""),
    "4000000000000119": ("failed", "timeout"),
}
CHALLENGE_CODE = "1234"
FINAL = {"succeeded", "failed", "cancelled", "partially_refunded", "refunded"}
OPEN = {"created", "in_progress"}

ARABIC_INDIC = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


class GatewayError(Exception):
    def __init__(self, status: int, code: str, detail: str = "") -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.detail = detail

    def body(self) -> dict[str, str]:
        return {"error": self.code, "detail": self.detail}


# Pure helpers ---------------------------------------------------------------------------


def fee_for(amount: int) -> int:
    """1.5 % rounded half up, at least 50 fils."""
    return max(50, (amount * 15 + 500) // 1000)


def normalise_digits(text: str) -> str:
    """Arabic-Indic (and Persian) digits to ASCII digits."""
    return text.translate(ARABIC_INDIC)


def card_digits(text: str) -> str:
    """A typed card number without spaces and dashes, digits normalised."""
    return re.sub(r"[\s\-]", "", normalise_digits(text))


def luhn_ok(number: str) -> bool:
    if not number.isdigit() or not 12 <= len(number) <= 19:
        return False
    total = 0
    for index, char in enumerate(reversed(number)):
        digit = int(char)
        if index % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def mask_card(number: str) -> str:
    return "*" * max(0, len(number) - 4) + number[-4:]


def card_outcome(number: str) -> tuple[str, str]:
    """(``succeeded``|``failed``|``challenge``, reason) of a Luhn-valid number."""
    return TEST_CARDS.get(number, ("succeeded", ""))


def return_redirect(return_url: str, checkout_id: str) -> str:
    separator = "&" if "?" in return_url else "?"
    return f"{return_url}{separator}checkout_id={checkout_id}"


def format_amount(fils: int, language: str) -> str:
    """BD 1.500 in English, 1.500 د.ب in Arabic (Western digits, three decimals)."""
    sign = "-" if fils < 0 else ""
    fils = abs(fils)
    number = f"{sign}{fils // 1000}.{fils % 1000:03d}"
    return f"{number} د.ب" if language == "ar" else f"BD {number}"


@dataclass
class CardForm:
    """What the payer typed, the normalised card number, and errors by field name."""

    card_number: str = ""
    expiry: str = ""
    security_code: str = ""
    name: str = ""
    number: str = ""
    errors: dict[str, str] | None = None


def card_form_validate(fields: dict[str, str], today: dt.date) -> CardForm:
    """Check the hosted page's form; error values are message keys of ``pages.TEXT``."""
    form = CardForm(
        card_number=fields.get("card_number", "").strip(),
        expiry=fields.get("expiry", "").strip(),
        security_code=fields.get("security_code", "").strip(),
        name=fields.get("name", "").strip(),
    )
    errors: dict[str, str] = {}
    number = card_digits(form.card_number)
    if not number:
        errors["card_number"] = "error_card_required"
    elif not luhn_ok(number):
        errors["card_number"] = "error_card_invalid"
    form.number = number
    expiry = normalise_digits(form.expiry).replace(" ", "")
    match = re.fullmatch(r"(\d{1,2})\s*[/\-]?\s*(\d{2})", expiry)
    if not expiry:
        errors["expiry"] = "error_expiry_required"
    elif not match or not 1 <= int(match.group(1)) <= 12:
        errors["expiry"] = "error_expiry_invalid"
    else:
        month, year = int(match.group(1)), 2000 + int(match.group(2))
        if (year, month) < (today.year, today.month):
            errors["expiry"] = "error_expiry_past"
    code = normalise_digits(form.security_code)
    if not code:
        errors["security_code"] = "error_code_required"
    elif not re.fullmatch(r"\d{3,4}", code):
        errors["security_code"] = "error_code_invalid"
    if not form.name:
        errors["name"] = "error_name_required"
    form.errors = errors
    return form


def valid_url(value: Any) -> bool:
    if not isinstance(value, str) or len(value) > 2000:
        return False
    parts = urlsplit(value)
    return parts.scheme in {"http", "https"} and bool(parts.netloc)


# State JSON -------------------------------------------------------------------------------

STATE_FIELDS = (
    "checkout_id",
    "merchant_id",
    "order_reference",
    "amount",
    "currency",
    "status",
    "reason",
    "transaction_id",
    "refunded_amount",
    "fee",
    "updated_at",
    "paid_at",
)


def checkout_state(row: Row) -> dict[str, Any]:
    state = {name: row[name] for name in STATE_FIELDS}
    state["paid_at"] = row["paid_at"] or None
    return state


def checkout_full(row: Row, base_url: str) -> dict[str, Any]:
    """The state JSON plus what the merchant sent and where to send the payer."""
    return {
        **checkout_state(row),
        "description": row["description"],
        "merchant_name": row["merchant_name"],
        "return_url": row["return_url"],
        "notify_url": row["notify_url"],
        "language": row["language"],
        "created_at": row["created_at"],
        "redirect_url": f"{base_url}/gateway/pay/{row['checkout_id']}",
    }


def refund_json(row: Row) -> dict[str, Any]:
    return {
        "refund_id": row["refund_id"],
        "refund_reference": row["refund_reference"],
        "amount": row["amount"],
        "status": row["status"],
        "created_at": row["created_at"],
    }


# Actions --------------------------------------------------------------------------------


class Gateway:
    def __init__(self, store: Store, notifier: Notifier) -> None:
        self.store = store
        self.notifier = notifier

    def checkout_get(self, checkout_id: str, merchant_id: str | None = None) -> Row:
        row = self.store.one("SELECT * FROM checkouts WHERE checkout_id = ?", (checkout_id,))
        if row is None or (merchant_id is not None and row["merchant_id"] != merchant_id):
            raise GatewayError(404, "not_found", "no such checkout")
        return row

    def checkout_get_by_reference(self, merchant_id: str, order_reference: str) -> Row:
        row = self.store.one(
            "SELECT * FROM checkouts WHERE merchant_id = ? AND order_reference = ?",
            (merchant_id, order_reference),
        )
        if row is None:
            raise GatewayError(404, "not_found", "no such checkout")
        return row

    def checkout_create(self, merchant_id: str, payload: Any) -> tuple[Row, bool]:
        if not isinstance(payload, dict):
            raise GatewayError(400, "bad_request", "expected a JSON object")
        reference = payload.get("order_reference")
        amount = payload.get("amount")
        if not isinstance(reference, str) or not 1 <= len(reference) <= 64:
            raise GatewayError(422, "invalid", "order_reference: a string of 1 to 64 characters")
        if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
            raise GatewayError(422, "invalid", "amount: a positive integer of fils")
        if payload.get("currency") != "BHD":
            raise GatewayError(422, "unsupported_currency", "currency must be BHD")
        description = payload.get("description", "")
        if not isinstance(description, str) or len(description) > 500:
            raise GatewayError(422, "invalid", "description: a string of at most 500 characters")
        for name in ("return_url", "notify_url"):
            if not valid_url(payload.get(name)):
                raise GatewayError(422, "invalid", f"{name}: an http(s) URL")
        merchant_name = payload.get("merchant_name", "")
        if not isinstance(merchant_name, str) or len(merchant_name) > 200:
            raise GatewayError(422, "invalid", "merchant_name: a string of at most 200 characters")
        language = payload.get("language", "en")
        if language not in {"ar", "en"}:
            raise GatewayError(422, "invalid", "language: ar or en")
        now = iso(utcnow())
        with self.store.transaction() as conn:
            existing = conn.execute(
                "SELECT * FROM checkouts WHERE merchant_id = ? AND order_reference = ?",
                (merchant_id, reference),
            ).fetchone()
            if existing is not None:
                if existing["amount"] != amount:
                    raise GatewayError(
                        409, "conflict", "this order_reference has a checkout of another amount"
                    )
                return dict(existing), False
            checkout_id = "chk_" + secrets.token_hex(12)
            conn.execute(
                "INSERT INTO checkouts (checkout_id, merchant_id, order_reference, amount,"
                " currency, description, merchant_name, return_url, notify_url, language, status,"
                " created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'created', ?, ?)",
                (
                    checkout_id,
                    merchant_id,
                    reference,
                    amount,
                    "BHD",
                    description,
                    merchant_name,
                    payload["return_url"],
                    payload["notify_url"],
                    language,
                    now,
                    now,
                ),
            )
        return self.checkout_get(checkout_id), True

    def checkout_open(self, checkout_id: str) -> Row:
        """The payer opened the hosted page: created → in_progress."""
        with self.store.transaction() as conn:
            conn.execute(
                "UPDATE checkouts SET status = 'in_progress', updated_at = ?"
                " WHERE checkout_id = ? AND status = 'created'",
                (iso(utcnow()), checkout_id),
            )
        return self.checkout_get(checkout_id)

    def _finish(self, checkout_id: str, status: str, reason: str) -> Row:
        now = iso(utcnow())
        with self.store.transaction() as conn:
            row = conn.execute(
                "SELECT * FROM checkouts WHERE checkout_id = ?", (checkout_id,)
            ).fetchone()
            if row is None:
                raise GatewayError(404, "not_found", "no such checkout")
            if row["status"] not in OPEN:
                raise GatewayError(409, "already_finished", "this checkout is already finished")
            if status == "succeeded":
                transaction_id = "SBX" + f"{secrets.randbelow(10**10):010d}"
                conn.execute(
                    "UPDATE checkouts SET status = ?, reason = '', transaction_id = ?, fee = ?,"
                    " paid_at = ?, updated_at = ?, challenge_pending = 0 WHERE checkout_id = ?",
                    (status, transaction_id, fee_for(row["amount"]), now, now, checkout_id),
                )
            else:
                conn.execute(
                    "UPDATE checkouts SET status = ?, reason = ?, updated_at = ?,"
                    " challenge_pending = 0 WHERE checkout_id = ?",
                    (status, reason, now, checkout_id),
                )
        finished = self.checkout_get(checkout_id)
        self.notifier.queue(checkout_state(finished))
        return finished

    def checkout_pay(self, checkout_id: str, number: str) -> tuple[Row, bool]:
        """Pay with a Luhn-valid card; (row, True) when a 3-D Secure challenge is needed."""
        outcome, reason = card_outcome(number)
        if outcome == "challenge":
            with self.store.transaction() as conn:
                updated = conn.execute(
                    "UPDATE checkouts SET challenge_pending = 1, status = 'in_progress',"
                    " updated_at = ? WHERE checkout_id = ? AND status IN"
                    " ('created', 'in_progress')",
                    (iso(utcnow()), checkout_id),
                ).rowcount
            if not updated:
                self.checkout_get(checkout_id)
                raise GatewayError(409, "already_finished", "this checkout is already finished")
            return self.checkout_get(checkout_id), True
        return self._finish(checkout_id, outcome, reason), False

    def checkout_challenge(self, checkout_id: str, code: str) -> Row:
        row = self.checkout_get(checkout_id)
        if not row["challenge_pending"]:
            raise GatewayError(409, "no_challenge", "no 3-D Secure challenge is waiting")
        if normalise_digits(code.strip()) == CHALLENGE_CODE:
            return self._finish(checkout_id, "succeeded", "")
        return self._finish(checkout_id, "failed", "authentication_failed")

    def checkout_cancel(self, checkout_id: str) -> Row:
        return self._finish(checkout_id, "cancelled", "cancelled")

    def checkout_complete(self, checkout_id: str, payload: Any) -> Row:
        """``/_sandbox/checkouts/<id>/complete``: as if the payer used the page.

        ``{"card": number}`` (the 3-D Secure card takes ``"challenge_code"``, default
        1234) or ``{"action": "cancel"}``.
        """
        if not isinstance(payload, dict):
            raise GatewayError(400, "bad_request", "expected a JSON object")
        self.checkout_get(checkout_id)
        if payload.get("action") == "cancel":
            return self.checkout_cancel(checkout_id)
        number = card_digits(str(payload.get("card", "")))
        if not luhn_ok(number):
            raise GatewayError(422, "invalid_card", "card: a Luhn-valid number")
        self.checkout_open(checkout_id)
        row, challenge = self.checkout_pay(checkout_id, number)
        if challenge:
            return self.checkout_challenge(
                checkout_id, str(payload.get("challenge_code", CHALLENGE_CODE))
            )
        return row

    def refund_create(self, merchant_id: str, checkout_id: str, payload: Any) -> tuple[Row, bool]:
        if not isinstance(payload, dict):
            raise GatewayError(400, "bad_request", "expected a JSON object")
        reference = payload.get("refund_reference")
        amount = payload.get("amount")
        if not isinstance(reference, str) or not 1 <= len(reference) <= 64:
            raise GatewayError(422, "invalid", "refund_reference: a string of 1 to 64 characters")
        if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
            raise GatewayError(422, "invalid", "amount: a positive integer of fils")
        self.checkout_get(checkout_id, merchant_id)
        now = iso(utcnow())
        with self.store.transaction() as conn:
            existing = conn.execute(
                "SELECT * FROM refunds WHERE checkout_id = ? AND refund_reference = ?",
                (checkout_id, reference),
            ).fetchone()
            if existing is not None:
                if existing["amount"] != amount:
                    raise GatewayError(
                        409, "conflict", "this refund_reference has a refund of another amount"
                    )
                return dict(existing), False
            row = conn.execute(
                "SELECT * FROM checkouts WHERE checkout_id = ?", (checkout_id,)
            ).fetchone()
            if row["status"] not in {"succeeded", "partially_refunded"}:
                raise GatewayError(409, "not_refundable", "only a paid checkout can be refunded")
            refundable = row["amount"] - row["refunded_amount"]
            if amount > refundable:
                raise GatewayError(
                    422, "amount_too_large", f"at most {refundable} fils can be refunded"
                )
            refund_id = "rfd_" + secrets.token_hex(12)
            conn.execute(
                "INSERT INTO refunds (refund_id, checkout_id, refund_reference, amount, status,"
                " created_at) VALUES (?, ?, ?, ?, 'succeeded', ?)",
                (refund_id, checkout_id, reference, amount, now),
            )
            total = row["refunded_amount"] + amount
            status = "refunded" if total == row["amount"] else "partially_refunded"
            conn.execute(
                "UPDATE checkouts SET refunded_amount = ?, status = ?, updated_at = ?"
                " WHERE checkout_id = ?",
                (total, status, now, checkout_id),
            )
        self.notifier.queue(checkout_state(self.checkout_get(checkout_id)))
        refund = self.store.one("SELECT * FROM refunds WHERE refund_id = ?", (refund_id,))
        assert refund is not None  # noqa: S101 - just inserted
        return refund, True

    def settlement_csv(self, merchant_id: str, date: str) -> str:
        try:
            day = dt.date.fromisoformat(date)
        except ValueError:
            raise GatewayError(422, "invalid", "date: YYYY-MM-DD") from None
        # Bahrain is UTC+3: the Bahrain day runs from 21:00 UTC the day before.
        midnight = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
        start = iso(midnight - dt.timedelta(hours=3))
        end = iso(midnight + dt.timedelta(hours=21))
        payments = self.store.all(
            "SELECT * FROM checkouts WHERE merchant_id = ? AND paid_at != '' AND paid_at >= ?"
            " AND paid_at < ? ORDER BY paid_at, rowid",
            (merchant_id, start, end),
        )
        refunds = self.store.all(
            "SELECT r.*, c.transaction_id, c.order_reference, c.status AS checkout_status"
            " FROM refunds r JOIN checkouts c USING (checkout_id) WHERE c.merchant_id = ?"
            " AND r.created_at >= ? AND r.created_at < ? ORDER BY r.created_at, r.rowid",
            (merchant_id, start, end),
        )
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(
            ["transaction_id", "order_reference", "type", "amount", "fee", "status", "settled_date"]
        )
        for row in payments:
            writer.writerow(
                [
                    row["transaction_id"],
                    row["order_reference"],
                    "payment",
                    row["amount"],
                    row["fee"],
                    row["status"],
                    bahrain_date(row["paid_at"]),
                ]
            )
        for row in refunds:
            writer.writerow(
                [
                    row["transaction_id"],
                    row["order_reference"],
                    "refund",
                    -row["amount"],
                    0,
                    row["checkout_status"],
                    bahrain_date(row["created_at"]),
                ]
            )
        return out.getvalue()
