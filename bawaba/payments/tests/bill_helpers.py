"""What the bills tests share: the billers as rows, fresh accounts on the real
sandbox (one per test, so that tests never pay each other's bills), and
looking a bill up as a person's browser does."""

from __future__ import annotations

import uuid
from typing import Any

from bawaba.accounts.tests.factories import OrganisationFactory
from bawaba.catalogue.tests.factories import ServiceFactory
from bawaba.payments.models import Bill, Biller, Payment
from bawaba.payments.tests.helpers import SUCCESS, provider_account, start


def biller_row(code: str = "ewa", merchant: str = "TEST-MERCHANT", **extra: Any) -> Biller:
    """A biller row for the sandbox's biller ``code``, its provider taking
    payments as ``merchant`` (the sandbox knows TEST-MERCHANT and OTHER-MERCHANT)."""
    organisation = OrganisationFactory.create(
        slug=f"biller-{code}", name_en=f"Biller {code}", name_ar=f"جهة {code}"
    )
    provider_account(organisation, merchant)
    fine = code == "traffic"
    return Biller.objects.create(
        code=code,
        organisation=organisation,
        adapter="sandbox",
        kind="fine" if fine else "bill",
        owner_cpr_required=fine,
        service=extra.pop("service", None) or ServiceFactory.create(provider=organisation),
        **extra,
    )


def sandbox_account(
    sandbox: Any,
    code: str,
    amount_fils: int,
    *,
    owner_cpr: str = "",
    holder: str = "Sara Ali",
    reference: str = "",
) -> str:
    """A new account (or fine) at the sandbox biller ``code``; returns its reference."""
    reference = reference or f"T{uuid.uuid4().hex[:10].upper()}"
    sandbox.request(
        "POST",
        f"/_sandbox/billers/{code}/accounts",
        {
            "reference": reference,
            "amount_due": amount_fils,
            "holder": holder,
            "owner_cpr": owner_cpr,
            "owner_cpr_required": code == "traffic",
        },
    )
    return reference


def look_up(client: Any, code: str, reference: str, cpr: str | None = None) -> Any:
    data = {"reference": reference, **({"cpr": cpr} if cpr is not None else {})}
    return client.post(f"/en/pay/{code}/", data)


def looked_up_bill(client: Any, code: str, reference: str, cpr: str | None = None) -> Bill:
    response = look_up(client, code, reference, cpr)
    assert response.status_code == 302, response.content.decode()[:2000]
    bill = Bill.objects.get(pk=response["Location"].rstrip("/").rsplit("/", 1)[-1])
    return bill


def pay_while_biller_down(client: Any, sandbox: Any, bill: Bill, capture: Any) -> Payment:
    """Pay a bill on the gateway; the biller goes down after the payment
    started (when what is owed was asked) and before it succeeds."""
    response = start(client, "bill", bill.pk)
    assert response.status_code == 302
    payment = Payment.objects.get(idempotency_key=f"bill:{bill.pk}:k1")
    sandbox.control(billers_down=True)
    sandbox.complete(payment.checkout_id, SUCCESS.replace(" ", ""))
    with capture(execute=True):
        client.get(f"/en/accounts/payments/{payment.reference}/return/")
    payment.refresh_from_db()
    return payment
