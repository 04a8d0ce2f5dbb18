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
