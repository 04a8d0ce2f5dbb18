"""Billers behind one interface: whoever sends people bills or fines (a
utility, the traffic directorate, a telecom operator), government or
private, paid on the portal by reference. One module per adapter, each
registering itself by name (``@register("sandbox")``); a ``Biller`` row names
its adapter and its code at that adapter, and the adapter reads the biller's
secret from ``PAYMENTS_BILLER_SECRETS`` by that code.

An adapter answers three questions: what does this reference owe
(``lookup``), what does this person owe (``accounts_of``), and "this was paid"
(``notify_paid``, which the biller acknowledges; the same payment reference
again gives the same acknowledgement)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from bawaba.payments.registry import Registry


class BillerUnavailable(Exception):
    """The biller did not answer, or answered with a server error: try later."""


class BillerRefused(Exception):
    """The biller refused the request (a 4xx answer other than "not found"):
    asking again will not help."""


@dataclass(frozen=True)
class BillLookup:
    """What a biller says one reference owes now. ``holder`` is the name as
    the biller masks it ("F*** A***"); amounts are fils."""

    reference: str
    holder: str
    amount_fils: int
    items: Sequence[Mapping[str, Any]] = field(default_factory=tuple)
    owner_cpr_required: bool = False


class BillerAdapter(Protocol):
    name: str

    def lookup(self, code: str, reference: str, cpr: str = "") -> BillLookup | None:
        """What ``reference`` owes, or None when the biller knows no such
        reference (or, for a fine, not with this CPR number)."""
        ...

    def accounts_of(self, code: str, cpr: str) -> list[BillLookup]:
        """The accounts and fines of the person with this CPR number."""
        ...

    def notify_paid(
        self,
        code: str,
        *,
        reference: str,
        amount_fils: int,
        payment_reference: str,
        paid_at: datetime.datetime,
    ) -> str:
        """Tell the biller a payment was made; returns its acknowledgement."""
        ...


_ADAPTERS: Registry[BillerAdapter] = Registry("name")
register = _ADAPTERS.register
biller_adapter = _ADAPTERS.get
biller_adapters_registered = _ADAPTERS.names
