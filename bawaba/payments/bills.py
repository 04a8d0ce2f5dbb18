"""Bills and fines as a payable kind (``bill``): what is owed is asked of the
biller again whenever a payment starts, never taken from the page; a bill the
biller no longer knows, or on which nothing is owed, cannot be paid."""

from __future__ import annotations

import uuid
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from bawaba.payments.bill_actions import BILL_KIND, bill_paid, biller_unavailable_message
from bawaba.payments.billers import BillerRefused, BillerUnavailable, biller_adapter
from bawaba.payments.constants import BillerKind
from bawaba.payments.errors import BillError
from bawaba.payments.models import Bill, Payment
from bawaba.payments.payables import Payable, payable_kind_register

KIND = BILL_KIND


def bill_description(bill: Bill) -> dict[str, str]:
    description = {}
    for language in ("ar", "en"):
        with translation.override(language):
            values = {"biller": bill.biller.organisation.name, "reference": bill.reference}
            if bill.biller.kind == BillerKind.FINE:
                description[language] = _("%(biller)s: fine %(reference)s") % values
            else:
                description[language] = _("%(biller)s: bill %(reference)s") % values
    return description


class Bills:
    code = KIND

    def get(self, payable_id: str) -> Payable | None:
        try:
            pk = uuid.UUID(str(payable_id))
        except ValueError:
            return None
        bill = (
            Bill.objects.select_related("biller__organisation")
            .filter(pk=pk, paid_at__isnull=True, biller__is_active=True)
            .first()
        )
        if bill is None:
            return None
        biller = bill.biller
        try:
            found = biller_adapter(biller.adapter).lookup(
                biller.code, bill.reference, bill.owner_cpr
            )
        except (BillerUnavailable, BillerRefused, KeyError) as error:
            raise BillError(
                biller_unavailable_message(biller), code="payments.biller_unavailable"
            ) from error
        if found is None or found.amount_fils <= 0:
            return None
        return Payable(
            kind=KIND,
            id=str(bill.pk),
            amount_fils=found.amount_fils,
            organisation_id=biller.organisation_id,
            description=bill_description(bill),
            payer_id=bill.payer_id,
            details={"biller": biller.code, "reference": bill.reference},
        )

    def paid(self, payment: Payment, actor: Any) -> bool:
        return bill_paid(payment, actor)

    def refunded(self, payment: Payment, amount_fils: int) -> None:
        """The biller was told of the payment; a refund is settled with it by
        the provider's finance staff, outside the portal."""


def register_payables() -> None:
    payable_kind_register(Bills())
