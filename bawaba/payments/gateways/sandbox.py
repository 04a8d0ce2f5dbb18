"""The adapter for the sandbox gateway: a separate small web application
(``sandboxes/`` at the repository root, run by ``make run`` and by the tests)
that behaves like an acquirer's hosted checkout and takes no money. It is the
reference for writing a real adapter (docs/payment-gateways.md): JSON over
HTTPS with HTTP Basic authentication for the portal's calls, and
notifications signed with HMAC-SHA256 over ``"<timestamp>." + raw body``.
Production refuses it (config/settings/production.py)."""

from __future__ import annotations

import csv
import datetime
import hashlib
import hmac
import io
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.conf import settings

from bawaba.payments.gateways import (
    Checkout,
    GatewayRefused,
    GatewayStatus,
    GatewayUnavailable,
    Notification,
    NotificationRefused,
    RefundResult,
    SettlementRow,
    register,
)
from bawaba.payments.http import Unreachable, json_call

if TYPE_CHECKING:
    from bawaba.payments.models import Payment, ProviderAccount

# The sandbox's words for a checkout's status, in the portal's.
_STATUS = {
    "created": "created",
    "in_progress": "in_progress",
    "succeeded": "succeeded",
    "failed": "failed",
    "cancelled": "cancelled",
    "partially_refunded": "partly_refunded",
    "refunded": "refunded",
}


def signature(secret: str, timestamp: str, body: bytes) -> str:
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


@register("sandbox")
class SandboxGateway:
    code = "sandbox"

    # -- the portal's calls ---------------------------------------------------
    def _call(
        self,
        account: ProviderAccount,
        method: str,
        path: str,
        payload: Mapping[str, Any] | None = None,
        *,
        raw: bool = False,
    ) -> tuple[int, Any]:
        try:
            return json_call(
                settings.PAYMENTS_SANDBOX_URL.rstrip("/") + path,
                method=method,
                user=account.merchant_id,
                secret=account.secret,
                timeout=settings.PAYMENTS_GATEWAY_TIMEOUT_SECONDS,
                payload=payload,
                raw=raw,
            )
        except Unreachable as error:
            raise GatewayUnavailable(f"sandbox {error}") from error

    def checkout_create(
        self,
        account: ProviderAccount,
        payment: Payment,
        *,
        return_url: str,
        notify_url: str,
    ) -> Checkout:
        status, answer = self._call(
            account,
            "POST",
            "/gateway/api/checkouts",
            {
                "order_reference": payment.reference,
                "amount": payment.amount_fils,
                "currency": payment.currency,
                "description": payment.description_en,
                "return_url": return_url,
                "notify_url": notify_url,
                "language": payment.language,
            },
        )
        if status not in (200, 201):
            raise GatewayRefused(f"sandbox refused the checkout: {status} {answer}")
        return Checkout(checkout_id=answer["checkout_id"], redirect_url=answer["redirect_url"])

    def status_query(self, account: ProviderAccount, payment: Payment) -> GatewayStatus | None:
        if payment.checkout_id:
            path = f"/gateway/api/checkouts/{urllib.parse.quote(payment.checkout_id)}"
        else:
            path = "/gateway/api/checkouts?" + urllib.parse.urlencode(
                {"order_reference": payment.reference}
            )
        status, answer = self._call(account, "GET", path)
        if status == 404:
            return None
        if status != 200:
            raise GatewayRefused(f"sandbox refused the status query: {status}")
        return self.status_from(answer)

    def refund(
        self, account: ProviderAccount, payment: Payment, *, amount_fils: int, reference: str
    ) -> RefundResult:
        path = f"/gateway/api/checkouts/{urllib.parse.quote(payment.checkout_id)}/refunds"
        status, answer = self._call(
            account, "POST", path, {"refund_reference": reference, "amount": amount_fils}
        )
        if status not in (200, 201):
            raise GatewayRefused(str(answer.get("error", status)))
        return RefundResult(refund_id=answer["refund_id"], amount_fils=answer["amount"])

    def settlement_report(
        self, account: ProviderAccount, day: datetime.date
    ) -> list[SettlementRow]:
        status, text = self._call(
            account, "GET", f"/gateway/api/settlements?date={day.isoformat()}", raw=True
        )
        if status != 200:
            raise GatewayRefused(f"sandbox refused the settlement report: {status}")
        return [
            SettlementRow(
                transaction_id=row["transaction_id"],
                order_reference=row["order_reference"],
                kind=row["type"],
                amount_fils=int(row["amount"]),
                fee_fils=int(row["fee"]),
                status=_STATUS.get(row["status"], row["status"]),
                settled_on=datetime.date.fromisoformat(row["settled_date"]),
            )
            for row in csv.DictReader(io.StringIO(text))
        ]

    # -- what the gateway says -------------------------------------------------
    @staticmethod
    def status_from(answer: Mapping[str, Any]) -> GatewayStatus:
        try:
            return GatewayStatus(
                checkout_id=str(answer["checkout_id"]),
                merchant_id=str(answer["merchant_id"]),
                order_reference=str(answer["order_reference"]),
                amount_fils=int(answer["amount"]),
                currency=str(answer["currency"]),
                status=_STATUS[str(answer["status"])],
                reason=str(answer.get("reason") or ""),
                transaction_id=str(answer.get("transaction_id") or ""),
                fee_fils=int(answer["fee"]) if answer.get("fee") is not None else None,
                refunded_fils=int(answer.get("refunded_amount") or 0),
                raw={key: answer[key] for key in answer if key != "description"},
            )
        except (KeyError, TypeError, ValueError) as error:
            raise NotificationRefused(f"unexpected fields: {error}") from error

    def notification_verify(
        self, account: ProviderAccount, body: bytes, headers: Mapping[str, str]
    ) -> Notification:
        timestamp = headers.get("X-Sandbox-Timestamp", "")
        given = headers.get("X-Sandbox-Signature", "")
        if not account.secret:
            raise NotificationRefused("the account has no secret")
        if not hmac.compare_digest(signature(account.secret, timestamp, body), given):
            raise NotificationRefused("bad signature")
        try:
            sent = int(timestamp)
        except ValueError as error:
            raise NotificationRefused("bad timestamp") from error
        if abs(time.time() - sent) > settings.PAYMENTS_NOTIFICATION_TOLERANCE_SECONDS:
            raise NotificationRefused("timestamp outside the tolerance")
        try:
            answer = json.loads(body)
        except ValueError as error:
            raise NotificationRefused("not JSON") from error
        if not isinstance(answer, dict) or not answer.get("delivery_id"):
            raise NotificationRefused("no delivery id")
        return Notification(
            delivery_id=str(answer["delivery_id"])[:100], status=self.status_from(answer)
        )
