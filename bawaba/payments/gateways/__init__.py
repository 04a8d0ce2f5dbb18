"""Payment gateways behind one interface, one module per gateway, each
registering itself by name (``@register("sandbox")``). A provider's payment
account (``ProviderAccount``) names its gateway; ``PAYMENTS_GATEWAYS`` lists
the gateways this installation switches on, and a system check refuses a name
no module registered (``checks.py``). docs/payment-gateways.md is the guide to
writing an adapter for a real acquirer, with ``sandbox`` as its reference."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from bawaba.payments.registry import Registry

if TYPE_CHECKING:
    from bawaba.payments.models import Payment, ProviderAccount


class GatewayUnavailable(Exception):
    """The gateway did not answer, or answered with a server error: try later."""


class GatewayRefused(Exception):
    """The gateway refused the request (a 4xx answer): retrying will not help."""


class NotificationRefused(Exception):
    """A notification whose signature, timestamp or body does not hold up."""


@dataclass(frozen=True)
class Checkout:
    checkout_id: str
    redirect_url: str


@dataclass(frozen=True)
class GatewayStatus:
    """What the gateway says of one checkout, in the portal's words: status is
    one of created, in_progress, succeeded, failed, cancelled,
    partly_refunded, refunded."""

    checkout_id: str
    merchant_id: str
    order_reference: str
    amount_fils: int
    currency: str
    status: str
    reason: str = ""
    transaction_id: str = ""
    fee_fils: int | None = None
    refunded_fils: int = 0
    raw: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Notification:
    """A verified notification: which delivery it was, and what it says."""

    delivery_id: str
    status: GatewayStatus


@dataclass(frozen=True)
class RefundResult:
    refund_id: str
    amount_fils: int


@dataclass(frozen=True)
class SettlementRow:
    transaction_id: str
    order_reference: str
    kind: str  # "payment" or "refund"
    amount_fils: int  # negative for a refund
    fee_fils: int
    status: str
    settled_on: datetime.date


class Gateway(Protocol):
    code: str

    def checkout_create(
        self,
        account: ProviderAccount,
        payment: Payment,
        *,
        return_url: str,
        notify_url: str,
    ) -> Checkout: ...

    def notification_verify(
        self, account: ProviderAccount, body: bytes, headers: Mapping[str, str]
    ) -> Notification: ...

    def status_query(self, account: ProviderAccount, payment: Payment) -> GatewayStatus | None:
        """The checkout's status, or None when the gateway never heard of it."""
        ...

    def refund(
        self, account: ProviderAccount, payment: Payment, *, amount_fils: int, reference: str
    ) -> RefundResult: ...

    def settlement_report(
        self, account: ProviderAccount, day: datetime.date
    ) -> list[SettlementRow]: ...


_GATEWAYS: Registry[Gateway] = Registry("code")
register = _GATEWAYS.register
gateway_get = _GATEWAYS.get
gateways_registered = _GATEWAYS.names
