"""What payments' tests and other apps' tests share: a provider's merchant
account on the sandbox, and paying through the real sandbox process."""

from __future__ import annotations

import hashlib
import hmac
import time
from typing import Any

from bawaba.payments.models import Payment, ProviderAccount

SUCCESS = "4111 1111 1111 1111"
DECLINED = "4000 0000 0000 0002"
INSUFFICIENT = "4000 0000 0000 9995"
CHALLENGE = "4000 0000 0000 3220"
TIMEOUT = "4000 0000 0000 0119"


def provider_account(organisation: Any, merchant_id: str = "TEST-MERCHANT") -> ProviderAccount:
    account, _ = ProviderAccount.objects.get_or_create(
        organisation=organisation,
        is_active=True,
        defaults={"gateway": "sandbox", "merchant_id": merchant_id},
    )
    return account


def start(client: Any, kind: str, payable_id: Any, key: str = "k1", **extra: Any) -> Any:
    return client.post(
        "/en/accounts/payments/start/",
        {"kind": kind, "payable_id": str(payable_id), "key": key, **extra},
    )


def pay_online(
    client: Any,
    sandbox: Any,
    *,
    kind: str,
    payable_id: Any,
    capture: Any,
    card: str = SUCCESS,
    key: str = "k1",
) -> Payment:
    """Start a payment, pay on the sandbox's page with ``card``, and come back
    to the portal as the payer's browser does."""
    response = start(client, kind, payable_id, key)
    assert response.status_code == 302, response.status_code
    assert response["Location"].startswith(sandbox.url), response["Location"]
    payment = Payment.objects.get(idempotency_key=f"{kind}:{payable_id}:{key}")
    sandbox.complete(payment.checkout_id, card.replace(" ", ""))
    with capture(execute=True):
        client.get(f"/en/accounts/payments/{payment.reference}/return/")
    payment.refresh_from_db()
    return payment


TEST_SECRET = "test-secret"  # the tests' merchant (config/settings/test.py)


def signed(body: bytes, secret: str = TEST_SECRET, timestamp: int | None = None) -> dict[str, str]:
    """The headers the sandbox signs a notification with."""
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    mac = hmac.new(secret.encode(), stamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return {"X-Sandbox-Timestamp": stamp, "X-Sandbox-Signature": f"sha256={mac}"}


class Dues:
    """A payable kind for payments' own tests: amounts owed by id, taken once.
    ``close(id)`` makes it unwanted (as a withdrawn application is)."""

    code = "test_dues"

    def __init__(self) -> None:
        self.items: dict[str, dict[str, Any]] = {}
        self.refunds: list[tuple[str, int]] = []

    def add(self, payable_id: str, amount_fils: int, organisation: Any, payer: Any = None) -> str:
        self.items[payable_id] = {
            "amount": amount_fils,
            "organisation": organisation.pk,
            "payer": payer.pk if payer is not None else None,
            "closed": False,
            "paid_by": None,
        }
        return payable_id

    def close(self, payable_id: str) -> None:
        self.items[payable_id]["closed"] = True

    def get(self, payable_id: str) -> Any:
        from bawaba.payments.payables import Payable

        item = self.items.get(payable_id)
        if item is None or item["closed"] or item["paid_by"]:
            return None
        return Payable(
            kind=self.code,
            id=payable_id,
            amount_fils=item["amount"],
            organisation_id=item["organisation"],
            description={"ar": f"رسوم {payable_id}", "en": f"Dues {payable_id}"},
            payer_id=item["payer"],
            return_path="/en/",
        )

    def paid(self, payment: Payment, actor: Any) -> bool:
        item = self.items[payment.payable_id]
        if item["closed"] or item["paid_by"]:
            return False
        item["paid_by"] = payment.reference
        return True

    def refunded(self, payment: Payment, amount_fils: int) -> None:
        self.refunds.append((payment.reference, amount_fils))
