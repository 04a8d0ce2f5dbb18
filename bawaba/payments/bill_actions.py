"""The only code that changes bills and the notices that tell billers of
payments.

A bill is looked up at its biller by reference (``bill_lookup``: with the
owner's CPR number for a fine) and kept as the biller gave it, to be paid as
a payable of kind ``bill`` (``bills.py``). When its payment succeeds,
``bill_paid`` marks it paid and creates the ``BillerNotice`` in the same
transaction; the biller is told after the commit, by a task
(``tasks.tell_biller`` → ``biller_notice_attempt``), so the payer's receipt
never waits for the biller. A biller that does not answer is tried again with
exponential back-off until it acknowledges; after
``PAYMENTS_BILLER_MAX_ATTEMPTS`` tries, or a refusal, the notice is dead and
waits for staff in the administration site (``biller_notice_retry_now``)."""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from bawaba.cases.actions import case_lock
from bawaba.core.audit import audit_record
from bawaba.core.tasks import task_hand_over
from bawaba.payments.billers import BillerRefused, BillerUnavailable, biller_adapter
from bawaba.payments.constants import OPEN_STATES
from bawaba.payments.errors import BillError
from bawaba.payments.models import Bill, Biller, BillerNotice, Payment

logger = logging.getLogger(__name__)


def biller_unavailable_message(biller: Biller) -> str:
    return _(
        "%(biller)s is not answering at the moment, so we cannot see what is owed. "
        "Nothing was taken. Please try again in a few minutes."
    ) % {"biller": biller.organisation.name}


def bill_not_found_message(biller: Biller) -> str:
    """The same words for an unknown reference and for a fine whose owner's
    CPR number does not match, so that nobody can probe for fines."""
    if biller.owner_cpr_required:
        return _(
            "We could not find a fine with this number and CPR number. "
            "Check both against the fine notice and try again."
        )
    return _(
        "We could not find a bill with this reference. Check it against your bill and try again."
    )


def bill_lookup(
    *,
    biller: Biller,
    reference: str,
    cpr: str = "",
    payer: Any = None,
    request: HttpRequest | None = None,
) -> Bill:
    """Ask ``biller`` what ``reference`` owes now and keep it as a bill to pay.
    Raises BillError (not found, nothing owed, or the biller not answering)
    with the message the person reads."""
    cpr = cpr if biller.owner_cpr_required else ""
    try:
        found = biller_adapter(biller.adapter).lookup(biller.code, reference, cpr)
    except (BillerUnavailable, BillerRefused, KeyError) as error:
        logger.warning(
            "payments.biller_unavailable",
            extra={"biller": biller.code, "error": str(error)[:200]},
        )
        raise BillError(
            biller_unavailable_message(biller), code="payments.biller_unavailable"
        ) from error
    if found is None:
        raise BillError(bill_not_found_message(biller), code="payments.bill_not_found")
    if found.amount_fils <= 0:
        raise BillError(
            _("There is nothing to pay on %(reference)s at the moment.")
            % {"reference": found.reference},
            code="payments.bill_nothing_owed",
        )
    person = payer if getattr(payer, "is_authenticated", False) else None
    return Bill.objects.create(
        biller=biller,
        reference=found.reference[:64],
        owner_cpr=cpr,
        holder=found.holder[:200],
        amount_fils=found.amount_fils,
        items=[dict(item) for item in found.items],
        payer=person,
    )


def bill_paid(payment: Payment, actor: Any) -> bool:
    """A payment of a bill succeeded (inside the transaction that records
    it): mark the bill paid and tell the biller after the commit. A bill
    already paid by another payment declines it (to be refunded)."""
    bill = case_lock(Bill.objects.select_related("biller"), pk=payment.payable_id)
    if bill.paid_at is not None:
        return False
    now = timezone.now()
    bill.paid_at = now
    bill.amount_fils = payment.amount_fils
    bill.save(update_fields=["paid_at", "amount_fils"])
    notice = BillerNotice.objects.create(payment=payment, bill=bill, next_attempt_at=now)
    audit_record(
        action="payments.bill.paid",
        actor=actor,
        data={"payment": payment.reference, "biller": bill.biller.code},
    )
    transaction.on_commit(lambda: biller_notice_queue(notice.pk))
    return True


def biller_notice_queue(notice_id: int) -> None:
    """Hand the notice to a worker; with the broker away the re-drive
    (``biller_notices_redrive``) sends it when it is due."""
    from bawaba.payments import tasks

    task_hand_over(
        tasks.tell_biller, notice_id, failure="payments.biller_notice_not_queued", notice=notice_id
    )


def biller_notice_delay(attempts: int) -> datetime.timedelta:
    """How long after its ``attempts``-th try a notice is tried again."""
    seconds = settings.PAYMENTS_BILLER_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return datetime.timedelta(seconds=min(seconds, settings.PAYMENTS_BILLER_RETRY_MAX_SECONDS))


def _claim(notice_id: int, now: datetime.datetime) -> BillerNotice | None:
    """Count one try of a notice that is due, and set when the next one is
    (a second worker, or the re-drive, finds it not due and leaves it)."""
    with transaction.atomic():
        notice = case_lock(
            BillerNotice.objects.select_related("bill__biller", "payment"), pk=notice_id
        )
        if not notice.pending or (notice.next_attempt_at and notice.next_attempt_at > now):
            return None
        notice.attempts += 1
        notice.next_attempt_at = now + biller_notice_delay(notice.attempts)
        notice.save(update_fields=["attempts", "next_attempt_at"])
    return notice


def biller_notice_attempt(
    *, notice_id: int, now: datetime.datetime | None = None
) -> BillerNotice | None:
    """Tell the biller of one payment, if the notice is due; returns the
    notice as it stands after the try (None when there was nothing to do).
    The biller call is made outside any transaction; the biller gives the
    same acknowledgement for the same payment reference, so a second try
    never takes the money off twice."""
    now = now or timezone.now()
    notice = _claim(notice_id, now)
    if notice is None:
        return None
    bill, payment = notice.bill, notice.payment
    error: Exception | None = None
    acknowledgement = ""
    try:
        acknowledgement = biller_adapter(bill.biller.adapter).notify_paid(
            bill.biller.code,
            reference=bill.reference,
            amount_fils=payment.amount_fils,
            payment_reference=payment.reference,
            paid_at=payment.succeeded_at or now,
        )
    except (BillerUnavailable, BillerRefused, KeyError) as failure:
        error = failure
    with transaction.atomic():
        notice = case_lock(
            BillerNotice.objects.select_related("bill__biller", "payment"), pk=notice_id
        )
        if error is None:
            notice.acknowledged_at = timezone.now()
            notice.acknowledgement = acknowledgement[:100]
            notice.last_error = ""
            notice.next_attempt_at = None
            notice.dead_at = None
            audit_record(
                action="payments.biller_notice.acknowledged",
                data={"payment": payment.reference, "acknowledgement": notice.acknowledgement},
            )
        else:
            notice.last_error = f"{type(error).__name__}: {error}"[:300]
            final = not isinstance(error, BillerUnavailable)
            if final or notice.attempts >= settings.PAYMENTS_BILLER_MAX_ATTEMPTS:
                notice.dead_at = timezone.now()
                notice.next_attempt_at = None
                logger.error(
                    "payments.biller_notice_dead",
                    extra={"payment": payment.reference, "error": notice.last_error},
                )
                audit_record(
                    action="payments.biller_notice.dead",
                    data={"payment": payment.reference, "error": notice.last_error},
                )
            else:
                logger.warning(
                    "payments.biller_notice_failed",
                    extra={"payment": payment.reference, "attempts": notice.attempts},
                )
        notice.save()
    return notice


def biller_notices_redrive(*, now: datetime.datetime | None = None) -> int:
    """Queue every notice whose next try is due (a lost task, a broker that
    was away, a worker that died); returns how many."""
    now = now or timezone.now()
    due = list(
        BillerNotice.objects.filter(
            acknowledged_at__isnull=True, dead_at__isnull=True, next_attempt_at__lte=now
        )
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:500]
    )
    for notice_id in due:
        biller_notice_queue(notice_id)
    return len(due)


@transaction.atomic
def biller_notice_retry_now(
    *, notice: BillerNotice, actor: Any, request: HttpRequest | None = None
) -> bool:
    """Staff try a notice again now, a dead one too (one more try: it is dead
    again at once if that fails). False when it was already acknowledged."""
    locked = case_lock(BillerNotice.objects.all(), pk=notice.pk)
    if locked.acknowledged_at is not None:
        return False
    locked.dead_at = None
    locked.next_attempt_at = timezone.now()
    locked.save(update_fields=["dead_at", "next_attempt_at"])
    audit_record(
        action="payments.biller_notice.retried",
        request=request,
        actor=actor,
        data={"notice": locked.pk},
    )
    transaction.on_commit(lambda: biller_notice_queue(locked.pk))
    return True


BILL_KIND = "bill"  # the payable kind of bills (bills.py)


def bills_prune(*, now: datetime.datetime | None = None) -> tuple[int, int]:
    """Keep what people looked up no longer than needed: bills nobody paid
    are deleted ``PAYMENTS_BILL_LOOKUP_DAYS`` after they were looked up
    (unless a payment for one is still open), and the owner's CPR number is
    cleared from fines paid that long ago (the payment and the biller's
    acknowledgement keep what finance needs). Returns (deleted, cleared)."""
    now = now or timezone.now()
    before = now - datetime.timedelta(days=settings.PAYMENTS_BILL_LOOKUP_DAYS)
    open_ids = set(
        Payment.objects.filter(kind=BILL_KIND, state__in=OPEN_STATES).values_list(
            "payable_id", flat=True
        )
    )
    stale = [
        pk
        for pk in Bill.objects.filter(paid_at__isnull=True, created_at__lt=before)
        .filter(notices__isnull=True)
        .values_list("pk", flat=True)
        .iterator(chunk_size=1000)
        if str(pk) not in open_ids
    ]
    deleted = 0
    for start in range(0, len(stale), 1000):
        deleted += Bill.objects.filter(pk__in=stale[start : start + 1000]).delete()[0]
    cleared = Bill.objects.filter(paid_at__lt=before).exclude(owner_cpr="").update(owner_cpr="")
    return deleted, cleared
