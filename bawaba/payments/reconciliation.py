"""Reconciliation: what the portal recorded on one day (Asia/Bahrain) for a
payment account, set beside the gateway's settlement report of that day.

The portal's rows are the payments that succeeded that day (their amount and
the gateway's fee) and the refunds that succeeded that day (their amount
negative, no fee), each with the payment's state now, as the gateway reports
its checkout's status now. Rows are matched by payment reference and type;
several refunds of one payment on one day are matched by amount first."""

from __future__ import annotations

import csv
import datetime
import io
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from bawaba.core.money import FILS_PER_DINAR
from bawaba.payments.constants import PAID_STATES, RefundState
from bawaba.payments.gateways import SettlementRow, gateway_get
from bawaba.payments.models import Payment, ProviderAccount, Refund
from bawaba.payments.staff_selectors import day_start

PAYMENT = "payment"
REFUND = "refund"
CSV_COLUMNS = (
    "provider",
    "reference",
    "amount",
    "fee",
    "gateway_transaction_id",
    "status",
    "settled_date",
)
# The fields whose difference makes a mismatch.
COMPARED = ("amount_fils", "fee_fils", "status", "transaction_id")


def dinars_plain(fils: int) -> str:
    """12500 → '12.500', -2000 → '-2.000': BD with three decimals, no
    thousands separator (for data files)."""
    sign = "-" if fils < 0 else ""
    dinars, remainder = divmod(abs(fils), FILS_PER_DINAR)
    return f"{sign}{dinars}.{remainder:03d}"


def portal_rows(account: ProviderAccount, day: datetime.date) -> list[SettlementRow]:
    """The portal's settlement rows of ``account`` on ``day``."""
    start, end = day_start(day), day_start(day + datetime.timedelta(days=1))
    rows = [
        SettlementRow(
            transaction_id=payment.transaction_id,
            order_reference=payment.reference,
            kind=PAYMENT,
            amount_fils=payment.amount_fils,
            fee_fils=payment.fee_fils or 0,
            status=payment.state,
            settled_on=day,
        )
        for payment in Payment.objects.filter(
            account=account, state__in=PAID_STATES, succeeded_at__gte=start, succeeded_at__lt=end
        ).order_by("succeeded_at", "pk")
    ]
    rows += [
        SettlementRow(
            transaction_id=refund.payment.transaction_id,
            order_reference=refund.payment.reference,
            kind=REFUND,
            amount_fils=-refund.amount_fils,
            fee_fils=0,
            status=refund.payment.state,
            settled_on=day,
        )
        for refund in Refund.objects.filter(
            payment__account=account,
            state=RefundState.SUCCEEDED,
            completed_at__gte=start,
            completed_at__lt=end,
        )
        .select_related("payment")
        .order_by("completed_at", "pk")
    ]
    return rows


def gateway_rows(account: ProviderAccount, day: datetime.date) -> list[SettlementRow]:
    """The gateway's settlement report (a network call; raises
    GatewayUnavailable or GatewayRefused)."""
    return gateway_get(account.gateway).settlement_report(account, day)


def csv_text(account: ProviderAccount, rows: Iterable[SettlementRow]) -> str:
    """The rows as CSV, amounts in BD with three decimals."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    provider = _cell(account.organisation.name_en)
    for row in rows:
        writer.writerow(
            [
                provider,
                _cell(row.order_reference),
                dinars_plain(row.amount_fils),
                dinars_plain(row.fee_fils),
                _cell(row.transaction_id),
                _cell(row.status),
                row.settled_on.isoformat(),
            ]
        )
    return out.getvalue()


def _cell(text: str) -> str:
    # A spreadsheet runs a cell that starts with these as a formula.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@dataclass(frozen=True)
class Difference:
    portal: SettlementRow
    gateway: SettlementRow
    fields: tuple[str, ...]


@dataclass
class Comparison:
    portal_total_fils: int = 0
    portal_fees_fils: int = 0
    gateway_total_fils: int = 0
    gateway_fees_fils: int = 0
    portal_count: int = 0
    gateway_count: int = 0
    only_portal: list[SettlementRow] = field(default_factory=list)
    only_gateway: list[SettlementRow] = field(default_factory=list)
    differences: list[Difference] = field(default_factory=list)

    @property
    def matches(self) -> bool:
        return not (self.only_portal or self.only_gateway or self.differences)


def compare(portal: list[SettlementRow], gateway: list[SettlementRow]) -> Comparison:
    """Set the portal's rows beside the gateway's: rows only on one side, and
    rows of the same payment and type whose amount, fee, status or
    transaction id differ."""
    result = Comparison(
        portal_total_fils=sum(row.amount_fils for row in portal),
        portal_fees_fils=sum(row.fee_fils for row in portal),
        gateway_total_fils=sum(row.amount_fils for row in gateway),
        gateway_fees_fils=sum(row.fee_fils for row in gateway),
        portal_count=len(portal),
        gateway_count=len(gateway),
    )
    ours: dict[tuple[str, str], list[SettlementRow]] = defaultdict(list)
    theirs: dict[tuple[str, str], list[SettlementRow]] = defaultdict(list)
    for row in portal:
        ours[(row.order_reference, row.kind)].append(row)
    for row in gateway:
        theirs[(row.order_reference, row.kind)].append(row)
    for key in sorted(set(ours) | set(theirs)):
        left, right = list(ours.get(key, [])), list(theirs.get(key, []))
        # Same amount first: several refunds of one payment on one day.
        for row in list(left):
            twin = next((other for other in right if other.amount_fils == row.amount_fils), None)
            if twin is not None:
                left.remove(row)
                right.remove(twin)
                _pair(result, row, twin)
        for row, other in zip(left, right, strict=False):
            _pair(result, row, other)
        result.only_portal += left[len(right) :]
        result.only_gateway += right[len(left) :]
    return result


def _pair(result: Comparison, portal: SettlementRow, gateway: SettlementRow) -> None:
    differing = tuple(name for name in COMPARED if getattr(portal, name) != getattr(gateway, name))
    if differing:
        result.differences.append(Difference(portal=portal, gateway=gateway, fields=differing))
