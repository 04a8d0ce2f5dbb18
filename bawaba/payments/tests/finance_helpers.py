"""What the finance pages' tests share: a provider with finance staff, a
payable kind of its own (a fee of any amount, for any payer), payments made
directly in the database for the list, and paid for real through the
sandbox for refunds and reconciliation."""

from __future__ import annotations

import datetime
import itertools
from typing import Any

import pytest
from django.utils import timezone

from bawaba.accounts.constants import Role
from bawaba.accounts.tests.factories import OrganisationFactory, staff_with_two_step
from bawaba.payments import payables
from bawaba.payments.constants import Channel, PaymentState
from bawaba.payments.models import Payment
from bawaba.payments.payables import Payable
from bawaba.payments.references import reference_new
from bawaba.payments.tests.helpers import pay_online, provider_account

KIND = "finance_test_fee"
_numbers = itertools.count(1)


class FeeKind:
    """Fees the tests set: each payable id owes its amount to its provider."""

    code = KIND

    def __init__(self) -> None:
        self.fees: dict[str, dict[str, Any]] = {}
        self.refunds: list[tuple[str, int]] = []

    def add(self, organisation: Any, amount_fils: int, payer: Any = None) -> str:
        payable_id = f"fee-{next(_numbers)}"
        self.fees[payable_id] = {
            "organisation_id": organisation.pk,
            "amount_fils": amount_fils,
            "payer_id": getattr(payer, "pk", None),
        }
        return payable_id

    def get(self, payable_id: str) -> Payable | None:
        fee = self.fees.get(payable_id)
        if fee is None:
            return None
        return Payable(
            kind=KIND,
            id=payable_id,
            description={"ar": "رسوم اختبار", "en": "Test fee"},
            **fee,
        )

    def paid(self, payment: Payment, actor: Any) -> bool:
        return True

    def refunded(self, payment: Payment, amount_fils: int) -> None:
        self.refunds.append((payment.reference, amount_fils))


@pytest.fixture
def fees():
    kind = FeeKind()
    payables.payable_kind_register(kind)
    yield kind
    payables._KINDS.pop(KIND, None)


@pytest.fixture
def provider():
    organisation = OrganisationFactory.create(name_en="Survey Directorate")
    provider_account(organisation)
    return organisation


@pytest.fixture
def finance(provider):
    return staff_with_two_step(provider, Role.FINANCE, name_en="Fatima Finance")


@pytest.fixture
def colleague(provider):
    return staff_with_two_step(provider, Role.FINANCE, name_en="Khalid Colleague")


def payment_make(organisation: Any, **fields: Any) -> Payment:
    """A payment written straight to the database (for the list's tests)."""
    number = next(_numbers)
    values: dict[str, Any] = {
        "reference": reference_new(),
        "idempotency_key": f"test:{number}",
        "kind": KIND,
        "payable_id": f"fee-{number}",
        "organisation": organisation,
        "description_ar": "رسوم اختبار",
        "description_en": "Test fee",
        "amount_fils": 2000,
        "state": PaymentState.SUCCEEDED,
        "channel": Channel.ONLINE,
        "transaction_id": f"SBX{number:010d}",
        "created_at": timezone.now() - datetime.timedelta(minutes=number),
    }
    values.update(fields)
    return Payment.objects.create(**values)


def paid(
    client: Any,
    sandbox: Any,
    fees: FeeKind,
    organisation: Any,
    amount_fils: int,
    capture: Any,
    payer: Any = None,
) -> Payment:
    """A fee paid for real on the sandbox's page (by ``payer`` when given,
    signed in on ``client``; else by a guest)."""
    payable_id = fees.add(organisation, amount_fils, payer)
    if payer is not None:
        client.force_login(payer)
    payment = pay_online(client, sandbox, kind=KIND, payable_id=payable_id, capture=capture)
    client.logout()
    assert payment.state == PaymentState.SUCCEEDED, payment.state
    return payment
