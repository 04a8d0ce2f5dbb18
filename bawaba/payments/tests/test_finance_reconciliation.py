"""Reconciliation with the real sandbox gateway: the portal's rows of a day
add up to the gateway's settlement report, and a row that differs is listed."""

import csv
import io

import pytest
from django.utils import timezone

from bawaba.payments import reconciliation
from bawaba.payments.gateways import SettlementRow
from bawaba.payments.models import Payment
from bawaba.payments.tests.finance_helpers import paid

pytestmark = pytest.mark.django_db


@pytest.fixture
def day_of_payments(client, sandbox, fees, provider, finance, django_capture_on_commit_callbacks):
    """Three fees paid today on a sandbox that forgot other tests' payments,
    one refunded in part."""
    sandbox.reset()
    payments = [
        paid(client, sandbox, fees, provider, amount, django_capture_on_commit_callbacks)
        for amount in (2_000, 12_500, 3_250)
    ]
    client.force_login(finance)
    refunded = payments[1]
    response = client.post(
        f"/en/staff/payments/{refunded.reference}/refunds/",
        {"amount": "2.5", "reason": "Charged too much", "revision": refunded.revision},
    )
    assert response.status_code == 302
    return payments


def _csv(client, provider, day):
    account = provider.payment_accounts.get()
    response = client.get(
        f"/en/staff/payments/reconciliation/{account.public_id}/{day.isoformat()}.csv"
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def _fils(text):
    return round(float(text) * 1000)


def test_the_portal_s_csv_adds_up_to_the_gateway_s_settlement_report(
    client, provider, day_of_payments
):
    day = timezone.localdate()
    rows = _csv(client, provider, day)
    assert list(rows[0]) == [
        "provider",
        "reference",
        "amount",
        "fee",
        "gateway_transaction_id",
        "status",
        "settled_date",
    ]
    assert len(rows) == 4
    amounts = sorted(row["amount"] for row in rows)
    assert amounts == sorted(["2.000", "12.500", "3.250", "-2.500"])
    assert {row["settled_date"] for row in rows} == {day.isoformat()}
    assert {row["provider"] for row in rows} == {"Survey Directorate"}
    gateway = reconciliation.gateway_rows(provider.payment_accounts.get(), day)
    assert sum(_fils(row["amount"]) for row in rows) == sum(r.amount_fils for r in gateway)
    assert sum(_fils(row["fee"]) for row in rows) == sum(r.fee_fils for r in gateway)
    assert sum(r.amount_fils for r in gateway) == 2_000 + 12_500 + 3_250 - 2_500

    html = client.get("/en/staff/payments/reconciliation/").content.decode()
    assert "Everything matches" in html
    assert "BD 15.250" in html


def test_a_portal_row_that_differs_from_the_gateway_s_is_listed(client, provider, day_of_payments):
    broken = day_of_payments[0]
    Payment.objects.filter(pk=broken.pk).update(amount_fils=2_100)
    html = client.get(
        f"/en/staff/payments/reconciliation/?day={timezone.localdate().isoformat()}"
    ).content.decode()
    assert "Everything matches" not in html
    assert broken.reference in html
    assert "Only in the portal" not in html and "<td>Amount</td>" in html
    assert "BD 15.350" in html and "BD 15.250" in html


def test_the_gateway_down_is_said_and_the_portal_s_rows_still_download(
    client, provider, day_of_payments, sandbox
):
    sandbox.control(down=True)
    html = client.get("/en/staff/payments/reconciliation/").content.decode()
    assert "The payment gateway is not answering at the moment." in html
    assert len(_csv(client, provider, timezone.localdate())) == 4


def _row(reference, kind="payment", amount=1000, fee=50, status="succeeded", tx="SBX1"):
    return SettlementRow(
        transaction_id=tx,
        order_reference=reference,
        kind=kind,
        amount_fils=amount,
        fee_fils=fee,
        status=status,
        settled_on=timezone.localdate(),
    )


def test_the_comparison_names_rows_on_one_side_only_and_fields_that_differ():
    portal = [
        _row("PAY-A"),
        _row("PAY-B", amount=2000),
        _row("PAY-C"),
        _row("PAY-D", kind="refund", amount=-300, fee=0),
        _row("PAY-D", kind="refund", amount=-200, fee=0),
    ]
    gateway = [
        _row("PAY-A"),
        _row("PAY-B", amount=2000, fee=60, status="refunded"),
        _row("PAY-E"),
        _row("PAY-D", kind="refund", amount=-200, fee=0),
        _row("PAY-D", kind="refund", amount=-300, fee=0),
    ]
    result = reconciliation.compare(portal, gateway)
    assert not result.matches
    assert [row.order_reference for row in result.only_portal] == ["PAY-C"]
    assert [row.order_reference for row in result.only_gateway] == ["PAY-E"]
    assert [(d.portal.order_reference, d.fields) for d in result.differences] == [
        ("PAY-B", ("fee_fils", "status"))
    ]
    assert result.portal_total_fils == result.gateway_total_fils == 3500
    assert reconciliation.compare(portal[:1], gateway[:1]).matches


@pytest.mark.parametrize(
    ("fils", "text"),
    [(0, "0.000"), (12_500, "12.500"), (-2_500, "-2.500"), (5, "0.005"), (1_234_567, "1234.567")],
)
def test_amounts_in_the_csv_are_dinars_with_three_decimals(fils, text):
    assert reconciliation.dinars_plain(fils) == text
