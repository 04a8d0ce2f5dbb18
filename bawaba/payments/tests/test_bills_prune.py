"""What people looked up is not kept longer than needed: unpaid bills are
forgotten after a week, unless a payment for one is still open, and the
owner's CPR number is cleared from fines paid that long ago."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from bawaba.payments.bill_actions import bills_prune
from bawaba.payments.models import Bill, Payment
from bawaba.payments.tests.bill_helpers import biller_row

pytestmark = pytest.mark.django_db


def _bill(biller, *, days_ago, paid=False, cpr=""):
    looked_up = timezone.now() - datetime.timedelta(days=days_ago)
    return Bill.objects.create(
        biller=biller,
        reference=f"R{days_ago}{int(paid)}{cpr[:2]}",
        owner_cpr=cpr,
        amount_fils=1_000,
        created_at=looked_up,
        paid_at=looked_up if paid else None,
    )


def test_old_unpaid_bills_go_and_paid_fines_lose_their_owners_cpr(settings):
    settings.PAYMENTS_BILL_LOOKUP_DAYS = 7
    fines = biller_row("traffic")
    recent = _bill(fines, days_ago=2, cpr="900101234")
    stale = _bill(fines, days_ago=8, cpr="900101234")
    being_paid = _bill(fines, days_ago=9, cpr="900101234")
    Payment.objects.create(
        reference="PAY-TEST-0001",
        idempotency_key="bill:open",
        kind="bill",
        payable_id=str(being_paid.pk),
        organisation=fines.organisation,
        description_ar="مخالفة",
        description_en="Fine",
        amount_fils=1_000,
        state="in_progress",
    )
    paid_long_ago = _bill(fines, days_ago=30, paid=True, cpr="900101234")
    paid_lately = _bill(fines, days_ago=3, paid=True, cpr="900101234")

    assert bills_prune() == (1, 1)
    assert not Bill.objects.filter(pk=stale.pk).exists()
    assert set(Bill.objects.values_list("pk", flat=True)) == {
        recent.pk,
        being_paid.pk,
        paid_long_ago.pk,
        paid_lately.pk,
    }
    paid_long_ago.refresh_from_db()
    paid_lately.refresh_from_db()
    assert (paid_long_ago.owner_cpr, paid_lately.owner_cpr) == ("", "900101234")
    assert bills_prune() == (0, 0)
