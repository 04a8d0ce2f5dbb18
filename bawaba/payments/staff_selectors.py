"""Reads for the provider's finance staff: the payments of the organisations
where they hold the finance role, and nothing else (a portal administrator is
not finance staff by being one). Not found and not allowed look the same.

The list is read a page at a time with a cursor (the created time and id of
the last row shown), never with a count or an offset over the whole table:
with the ``payment_finance`` / ``payment_finance_state`` indexes every page is
one index range scan, however many payments there are."""

from __future__ import annotations

import base64
import binascii
import datetime
import uuid
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from bawaba.accounts.constants import Role
from bawaba.accounts.models import Membership
from bawaba.core.identifiers import normalise_digits
from bawaba.payments.constants import Channel, PaymentState, RefundState
from bawaba.payments.models import Payment, PaymentEvent, ProviderAccount, Refund
from bawaba.payments.references import reference_normalise

PAGE_SIZE = 50


def finance_organisation_ids(user: Any) -> list[int]:
    """The organisations whose payments ``user`` works with: those where they
    hold the finance role (active organisations, staff accounts only)."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_staff_account", False):
        return []
    # Asked several times in one request: read once per user object.
    known: list[int] | None = getattr(user, "_finance_organisation_ids", None)
    if known is None:
        known = sorted(
            Membership.objects.filter(
                user=user, role=Role.FINANCE, organisation__is_active=True
            ).values_list("organisation_id", flat=True)
        )
        user._finance_organisation_ids = known
    return list(known)


def is_finance_staff(user: Any, organisation_id: int) -> bool:
    return organisation_id in finance_organisation_ids(user)


@dataclass(frozen=True)
class PaymentFilters:
    state: str = ""
    kind: str = ""
    channel: str = ""
    organisation: int | None = None
    since: datetime.date | None = None
    until: datetime.date | None = None
    search: str = ""
    needs_refund: bool = False


@dataclass(frozen=True)
class PaymentPage:
    rows: list[Payment]
    next_cursor: str  # "" on the last page


def day_start(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of ``day`` in Asia/Bahrain (the portal's time zone)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def cursor_encode(payment: Payment) -> str:
    text = f"{payment.created_at.isoformat()}|{payment.pk}"
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def cursor_decode(cursor: str) -> tuple[datetime.datetime, uuid.UUID] | None:
    """The position a cursor names, or None when it is not one of ours."""
    if not cursor or len(cursor) > 200:
        return None
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        created, pk = text.split("|", 1)
        when = datetime.datetime.fromisoformat(created)
        if timezone.is_naive(when):
            return None
        return when, uuid.UUID(pk)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return None


def _search(text: str) -> Q | None:
    """A payment reference (any spelling reference_normalise reads) or a
    gateway transaction id / counter receipt number, matched exactly."""
    text = normalise_digits(text).strip()
    if not text:
        return None
    reference = reference_normalise(text)
    if reference is not None:
        return Q(reference=reference)
    return Q(transaction_id=text[:100])


def payment_list_for_finance(
    *, user: Any, filters: PaymentFilters, cursor: str = ""
) -> PaymentPage:
    """One page of the payments of ``user``'s finance organisations, newest
    first, after ``cursor`` (a page's ``next_cursor``)."""
    organisations = finance_organisation_ids(user)
    if filters.organisation is not None:
        organisations = [pk for pk in organisations if pk == filters.organisation]
    if not organisations:
        return PaymentPage(rows=[], next_cursor="")
    payments = Payment.objects.all()
    if filters.state in PaymentState.values:
        payments = payments.filter(state=filters.state)
    if filters.kind:
        payments = payments.filter(kind=filters.kind[:30])
    if filters.channel in Channel.values:
        payments = payments.filter(channel=filters.channel)
    if filters.since is not None:
        payments = payments.filter(created_at__gte=day_start(filters.since))
    if filters.until is not None:
        following = filters.until + datetime.timedelta(days=1)
        payments = payments.filter(created_at__lt=day_start(following))
    if filters.needs_refund:
        payments = payments.filter(needs_refund=True)
    searched = _search(filters.search)
    if searched is not None:
        payments = payments.filter(searched)
    position = cursor_decode(cursor)
    if position is not None:
        when, pk = position
        # "At or before" is the index's range; the few rows of the same
        # instant already shown are left out after it.
        payments = payments.filter(created_at__lte=when).exclude(created_at=when, pk__gte=pk)
    payments = payments.select_related("organisation").order_by("-created_at", "-pk")
    # One index range scan per organisation (an IN list would read and sort
    # every row of them all), merged here: a member of staff holds the
    # finance role in few organisations.
    rows: list[Payment] = []
    for organisation_id in organisations:
        rows += payments.filter(organisation_id=organisation_id)[: PAGE_SIZE + 1]
    rows.sort(key=lambda payment: (payment.created_at, payment.pk), reverse=True)
    more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    return PaymentPage(rows=rows, next_cursor=cursor_encode(rows[-1]) if more else "")


def payment_get_for_finance(*, user: Any, reference: str) -> Payment | None:
    """The payment ``reference`` names, if it is one of ``user``'s finance
    organisations'."""
    organisations = finance_organisation_ids(user)
    if not organisations or "\x00" in reference:
        return None
    return (
        Payment.objects.select_related("organisation", "account", "payer")
        .filter(reference=reference[:20], organisation_id__in=organisations)
        .first()
    )


def payment_history(payment: Payment) -> list[PaymentEvent]:
    return list(payment.events.select_related("actor").order_by("created_at", "id"))


def refund_list(payment: Payment) -> list[Refund]:
    return list(
        payment.refunds.select_related("requested_by", "confirmed_by").order_by("-created_at")
    )


def refund_get_for_finance(*, user: Any, payment: Payment, refund_id: uuid.UUID) -> Refund | None:
    if not is_finance_staff(user, payment.organisation_id):
        return None
    return Refund.objects.filter(payment=payment, pk=refund_id).first()


def refunds_reserved_fils(payment: Payment) -> int:
    """What refunds not yet answered hold back of a payment: those waiting for
    a second person, and those sent whose answer was never recorded."""
    pending = payment.refunds.filter(
        Q(state=RefundState.AWAITING_CONFIRMATION) | Q(state=RefundState.FAILED, failure=SENDING)
    ).values_list("amount_fils", flat=True)
    return sum(pending)


# A refund's ``failure`` while it is being sent: if the portal stopped before
# the gateway's answer was recorded, it stays so until sent again.
SENDING = "sending"


def finance_accounts(user: Any) -> QuerySet[ProviderAccount]:
    """The payment accounts of ``user``'s finance organisations."""
    return (
        ProviderAccount.objects.filter(organisation_id__in=finance_organisation_ids(user))
        .select_related("organisation")
        .order_by("organisation__name_en", "pk")
    )
