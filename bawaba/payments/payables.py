"""What can be paid: a registry of *payable kinds* that the apps owning them
fill from ``AppConfig.ready()`` (e-services registers the application fee;
billers register bills and fines). Payments asks a kind for the amount, the
payer and the description of one payable, and calls it back when a payment
is confirmed or refunded; it never imports the app behind a kind.

``paid`` runs inside the transaction that records the payment, with the
payment's row locked: a kind takes the payment (an application moves on) or
declines it (the application was withdrawn or is already paid), in which case
the payment is kept and flagged for a refund. Slow work (telling a biller)
goes to a task after the commit."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from bawaba.payments.models import Payment


@dataclass(frozen=True)
class Payable:
    """One thing to pay, as its kind describes it now (amounts recomputed on
    the server every time)."""

    kind: str
    id: str
    amount_fils: int
    organisation_id: int
    description: Mapping[str, str]  # {"ar": …, "en": …}
    payer_id: int | None = None  # who must pay it, when it is someone's
    # Where the payer goes back to after paying: a path in the payer's language.
    return_path: str = ""
    details: Mapping[str, Any] = field(default_factory=dict)


class PayableKind(Protocol):
    code: str

    def get(self, payable_id: str) -> Payable | None:
        """The payable as it stands, or None when there is nothing to pay."""
        ...

    def paid(self, payment: Payment, actor: Any) -> bool:
        """The payment succeeded: take it (True) or decline it (False: the
        payable no longer wants it, so the money is to be refunded)."""
        ...

    def refunded(self, payment: Payment, amount_fils: int) -> None:
        """Money was given back on the payment."""
        ...


_KINDS: dict[str, PayableKind] = {}


def payable_kind_register(kind: PayableKind) -> None:
    _KINDS[kind.code] = kind


def payable_kind(code: str) -> PayableKind:
    return _KINDS[code]


def payable_kinds() -> dict[str, PayableKind]:
    return dict(_KINDS)
