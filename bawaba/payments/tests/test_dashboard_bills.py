"""The bills and fines a person looked up while signed in and has not paid
are on their dashboard, ready to pay, from what the portal kept of the
lookup: no biller is asked, someone else's are never shown, a bill paid or
being paid is left out, and it takes two queries whatever they have."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from bawaba.accounts.tests.factories import UserFactory
from bawaba.payments import billers
from bawaba.payments.dashboard import bill_items
from bawaba.payments.models import Bill, Payment
from bawaba.payments.tests.bill_helpers import biller_row

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_biller_is_asked(monkeypatch):
    def refuse(name):
        raise AssertionError(f"the dashboard asked biller adapter {name!r}")

    monkeypatch.setattr(billers, "biller_adapter", refuse)


@pytest.fixture
def ewa():
    return biller_row("ewa")


@pytest.fixture
def traffic():
    return biller_row("traffic")


@pytest.fixture
def maryam():
    return UserFactory.create()


def looked_up(biller, payer, reference="EWA-1001", *, days_ago=0, fils=12_500, **fields):
    return Bill.objects.create(
        biller=biller,
        reference=reference,
        payer=payer,
        amount_fils=fils,
        created_at=timezone.now() - datetime.timedelta(days=days_ago),
        **fields,
    )


def pay(bill, state="succeeded"):
    return Payment.objects.create(
        reference=f"PAY-{str(bill.pk)[:8].upper()}",
        idempotency_key=f"bill:{bill.pk}",
        kind="bill",
        payable_id=str(bill.pk),
        organisation=bill.biller.organisation,
        payer=bill.payer,
        description_ar="فاتورة",
        description_en="Bill",
        amount_fils=bill.amount_fils,
        state=state,
    )


def test_an_unpaid_bill_waits_to_be_paid_with_its_biller_and_amount(maryam, ewa):
    bill = looked_up(ewa, maryam)
    with translation.override("en"):
        (item,) = bill_items(maryam)
        assert (str(item.kind), str(item.next_step)) == ("Bill", "Pay this bill")
        assert str(item.status) == "Not paid"
        assert item.title == "Biller ewa"
        assert item.url == item.next_url == reverse("bills:bill", kwargs={"bill_id": bill.pk})
    assert item.section == "payments"
    assert item.reference == "EWA-1001"
    assert item.amount_fils == 12_500
    assert item.needs_action


def test_a_fine_says_it_is_a_fine_in_both_languages(maryam, traffic):
    looked_up(traffic, maryam, "TR-77", owner_cpr="900101234")
    with translation.override("en"):
        (item,) = bill_items(maryam)
        assert (str(item.kind), str(item.next_step)) == ("Fine", "Pay this fine")
    with translation.override("ar"):
        (item,) = bill_items(maryam)
        assert item.title == "جهة traffic"


def test_someone_else_s_bills_and_bills_looked_up_without_signing_in_are_not_shown(maryam, ewa):
    looked_up(ewa, UserFactory.create(), "EWA-2002")
    looked_up(ewa, None, "EWA-3003")
    assert bill_items(maryam) == []


def test_paid_bills_and_bills_being_paid_are_left_out(maryam, ewa):
    looked_up(ewa, maryam, "EWA-1", paid_at=timezone.now())
    pay(looked_up(ewa, maryam, "EWA-2"), state="in_progress")
    pay(looked_up(ewa, maryam, "EWA-3"), state="succeeded")
    failed = looked_up(ewa, maryam, "EWA-4")
    pay(failed, state="failed")
    assert [item.reference for item in bill_items(maryam)] == ["EWA-4"]


def test_a_bill_paid_in_a_later_lookup_is_left_out(maryam, ewa):
    looked_up(ewa, maryam, "EWA-5", days_ago=2)
    looked_up(ewa, None, "EWA-5", days_ago=1, paid_at=timezone.now())
    assert bill_items(maryam) == []


def test_a_bill_looked_up_twice_shows_once_from_its_latest_lookup(maryam, ewa):
    looked_up(ewa, maryam, "EWA-6", days_ago=3, fils=1_000)
    latest = looked_up(ewa, maryam, "EWA-6", days_ago=1, fils=2_000)
    (item,) = bill_items(maryam)
    assert (item.amount_fils, item.when) == (2_000, latest.created_at)


def test_only_recent_lookups_are_shown(maryam, ewa, settings):
    settings.PAYMENTS_BILL_LOOKUP_DAYS = 7
    looked_up(ewa, maryam, "EWA-OLD", days_ago=8)
    looked_up(ewa, maryam, "EWA-NEW", days_ago=6)
    assert [item.reference for item in bill_items(maryam)] == ["EWA-NEW"]


def test_a_biller_that_no_longer_takes_payments_is_left_out(maryam, ewa):
    looked_up(ewa, maryam)
    ewa.is_active = False
    ewa.save()
    assert bill_items(maryam) == []


def test_two_queries_whatever_the_person_has(maryam, ewa, django_assert_num_queries):
    looked_up(ewa, maryam, "EWA-A")
    with django_assert_num_queries(2):
        bill_items(maryam)
    for number in range(30):
        pay(looked_up(ewa, maryam, f"EWA-B{number}"), state="failed")
    with django_assert_num_queries(2):
        items = bill_items(maryam)
    assert len(items) == 20  # LIMIT: the bills page has the rest


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_dashboard_page_shows_the_bill_to_pay(client, maryam, ewa, language):
    bill = looked_up(ewa, maryam, "EWA-PAGE")
    client.force_login(maryam)
    response = client.get(f"/{language}/accounts/dashboard/")
    page = response.content.decode()
    assert [item.reference for item in response.context["attention"]] == ["EWA-PAGE"]
    assert f'href="/{language}/pay/bills/{bill.pk}/"' in page
    assert "12.500" in page
