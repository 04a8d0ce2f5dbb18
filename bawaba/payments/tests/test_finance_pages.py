"""The finance staff's pages over HTTP: only the provider's finance staff
see its payments (everyone else gets a 404 on every page and every form),
the list's filters and its pages, bounded queries, and input that is not
what it should be never making a 500."""

import datetime
import uuid

import pytest
from django.utils import timezone

from bawaba.accounts.constants import Role
from bawaba.accounts.tests.factories import OrganisationFactory, UserFactory, staff_with_two_step
from bawaba.payments.constants import Channel, PaymentState
from bawaba.payments.tests.finance_helpers import payment_make
from bawaba.payments.tests.helpers import provider_account

pytestmark = pytest.mark.django_db


@pytest.fixture
def payment(provider):
    return payment_make(
        provider, account=provider_account(provider), gateway="sandbox", checkout_id="chk_1"
    )


def _pages(payment):
    account = payment.account.public_id
    today = timezone.localdate().isoformat()
    base = "/en/staff/payments/"
    refund = uuid.uuid4()
    return {
        "get": [
            base,
            f"{base}?state=succeeded",
            f"{base}reconciliation/",
            f"{base}reconciliation/{account}/{today}.csv",
            f"{base}{payment.reference}/",
        ],
        "post": [
            f"{base}{payment.reference}/refunds/",
            f"{base}{payment.reference}/refunds/{refund}/confirm/",
            f"{base}{payment.reference}/refunds/{refund}/cancel/",
        ],
    }


def _outsiders(provider):
    other = OrganisationFactory.create()
    return {
        "customer": UserFactory.create(),
        "case worker of the same provider": staff_with_two_step(provider, Role.CASE_WORKER),
        "administrator of the same provider": staff_with_two_step(provider, Role.ADMINISTRATOR),
        "portal administrator": staff_with_two_step(other, Role.EDITOR, is_staff=True),
    }


def test_everyone_but_the_provider_s_finance_staff_gets_404_on_every_page_and_form(
    client, provider, payment
):
    pages = _pages(payment)
    for who, user in _outsiders(provider).items():
        client.force_login(user)
        for path in pages["get"]:
            assert client.get(path).status_code == 404, (who, path)
        for path in pages["post"]:
            response = client.post(
                path, {"amount": "1", "reason": "test", "revision": payment.revision}
            )
            assert response.status_code == 404, (who, path)
    payment.refresh_from_db()
    assert payment.refunded_fils == 0 and not payment.refunds.exists()


def test_another_provider_s_finance_staff_see_their_own_lists_and_404_on_this_payment(
    client, provider, payment
):
    client.force_login(staff_with_two_step(OrganisationFactory.create(), Role.FINANCE))
    pages = _pages(payment)
    for path in pages["get"][:3]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert payment.reference not in response.content.decode()
    for path in pages["get"][3:]:
        assert client.get(path).status_code == 404, path
    for path in pages["post"]:
        response = client.post(path, {"amount": "1", "reason": "x", "revision": payment.revision})
        assert response.status_code == 404, path


def test_a_visitor_not_signed_in_is_sent_to_sign_in(client, payment):
    for path in _pages(payment)["get"] + _pages(payment)["post"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert "/accounts/login/" in response["Location"]


def test_the_finance_staff_see_their_provider_s_payments_only_newest_first(
    client, provider, finance, payment
):
    newer = payment_make(provider, created_at=timezone.now())
    elsewhere = payment_make(OrganisationFactory.create())
    client.force_login(finance)
    html = client.get("/en/staff/payments/").content.decode()
    assert newer.reference in html and payment.reference in html
    assert html.index(newer.reference) < html.index(payment.reference)
    assert elsewhere.reference not in html
    assert client.get(f"/en/staff/payments/{elsewhere.reference}/").status_code == 404


def test_the_filters_narrow_the_list(client, provider, finance):
    now = timezone.now()
    paid = payment_make(provider, created_at=now - datetime.timedelta(days=3))
    failed = payment_make(provider, state=PaymentState.FAILED, transaction_id="")
    counter = payment_make(provider, channel=Channel.COUNTER, transaction_id="R-7781")
    flagged = payment_make(provider, needs_refund=True)
    other_kind = payment_make(provider, kind="application")
    client.force_login(finance)

    def shown(query):
        html = client.get("/en/staff/payments/?" + query).content.decode()
        return {
            p.reference for p in (paid, failed, counter, flagged, other_kind) if p.reference in html
        }

    assert shown("state=failed") == {failed.reference}
    assert shown("channel=counter") == {counter.reference}
    assert shown("needs_refund=1") == {flagged.reference}
    assert shown("kind=application") == {other_kind.reference}
    assert shown(f"q={paid.reference.lower()}") == {paid.reference}
    assert shown(f"q={paid.transaction_id}") == {paid.reference}
    assert shown("q=R-7781") == {counter.reference}
    three_days_ago = timezone.localdate(now - datetime.timedelta(days=3))
    day = three_days_ago.isoformat()
    assert shown(f"from={day}&to={day}") == {paid.reference}
    assert paid.reference not in shown(f"from={(three_days_ago + datetime.timedelta(days=1))}")
    # A date in Arabic-Indic digits, in the other written form.
    arabic = three_days_ago.strftime("%d/%m/%Y").translate(
        str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
    )
    assert shown(f"to={arabic}") == {paid.reference}


def test_the_list_is_read_a_page_at_a_time_with_a_cursor_and_bounded_queries(
    client, provider, finance, django_assert_max_num_queries
):
    made = [payment_make(provider) for _ in range(53)]
    newest_first = sorted(made, key=lambda p: p.created_at, reverse=True)
    client.force_login(finance)
    client.get("/en/staff/payments/")  # the session and the user, once
    with django_assert_max_num_queries(8):
        response = client.get("/en/staff/payments/")
    html = response.content.decode()
    assert all(p.reference in html for p in newest_first[:50])
    assert not any(p.reference in html for p in newest_first[50:])
    next_url = response.context["next_url"]
    assert next_url
    second = client.get("/en/staff/payments/" + next_url.replace("&amp;", "&")).content.decode()
    assert all(p.reference in second for p in newest_first[50:])
    assert not any(p.reference in second for p in newest_first[:50])
    assert "Next page" not in second and "Newest payments" in second


@pytest.mark.parametrize(
    "query",
    [
        "q=%00",
        "q=" + "9" * 5000,
        "after=garbage",
        "after=" + "A" * 5000,
        "after=MjAyNi0xMi0wNHxub3QtYS11dWlk",
        "from=2026-13-45&to=%00",
        "from=99999-01-01",
        "state=%00&kind=%00&channel=%00&organisation=%00",
        "organisation=99999999999999999999999",
        "organisation=١٢",
    ],
)
def test_garbled_filters_never_break_the_list(client, finance, payment, query):
    client.force_login(finance)
    assert client.get("/en/staff/payments/?" + query).status_code == 200


@pytest.mark.parametrize("reference", ["%00", "PAY-%00", "x" * 300, "%D9%A1"])
def test_a_garbled_payment_reference_is_404(client, finance, payment, reference):
    client.force_login(finance)
    assert client.get(f"/en/staff/payments/{reference}/").status_code == 404
    assert client.post(f"/en/staff/payments/{reference}/refunds/", {}).status_code == 404


def test_a_date_that_is_not_one_is_said_so(client, finance):
    client.force_login(finance)
    html = client.get("/en/staff/payments/?from=31/02/2026").content.decode()
    assert "Enter a date, for example 31/12/2026." in html


def test_the_payment_page_shows_its_history_with_sources_and_the_refund_form(
    client, finance, payment
):
    from bawaba.payments.actions import payment_event_record

    payment_event_record(payment, "created", source="portal", from_state="")
    client.force_login(finance)
    response = client.get(f"/en/staff/payments/{payment.reference}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "The portal" in html and "Payment started" in html
    assert "Refund this payment" in html
    assert 'name="amount"' in html and 'name="reason"' in html
    arabic = client.get(f"/ar/staff/payments/{payment.reference}/").content.decode()
    assert "استرداد" in arabic


def test_a_counter_payment_says_it_cannot_be_refunded_online(client, finance, provider):
    counter = payment_make(provider, channel=Channel.COUNTER)
    client.force_login(finance)
    html = client.get(f"/en/staff/payments/{counter.reference}/").content.decode()
    assert "cannot be refunded online" in html
    assert 'name="amount"' not in html
    response = client.post(
        f"/en/staff/payments/{counter.reference}/refunds/",
        {"amount": "1", "reason": "Paid twice", "revision": counter.revision},
    )
    assert response.status_code == 400
    assert "cannot be refunded online" in response.content.decode()
    assert not counter.refunds.exists()


@pytest.mark.parametrize(
    ("amount", "reason"),
    [
        ("12\x00", "Paid twice"),
        ("1", "Paid\x00twice"),
        ("9" * 60, "Paid twice"),
        ("99999999999", "Paid twice"),
        ("-1", "Paid twice"),
        ("0", "Paid twice"),
        ("1e9", "Paid twice"),
        ("1", ""),
        ("1", "x" * 5000),
        ("١٢٫٥٠٠", "Paid twice"),  # more than the BD 2.000 paid
        ("12.5", "Paid twice"),
    ],
)
def test_bad_refund_input_is_refused_on_the_form_never_a_500(
    client, finance, payment, amount, reason
):
    client.force_login(finance)
    response = client.post(
        f"/en/staff/payments/{payment.reference}/refunds/",
        {"amount": amount, "reason": reason, "revision": payment.revision},
    )
    assert response.status_code == 400
    assert (
        'class="error-message"' in response.content.decode() or "error" in response.content.decode()
    )
    payment.refresh_from_db()
    assert payment.refunded_fils == 0 and not payment.refunds.exists()


def test_an_unknown_refund_action_or_refund_is_404(client, finance, payment):
    client.force_login(finance)
    base = f"/en/staff/payments/{payment.reference}/refunds/{uuid.uuid4()}"
    assert client.post(f"{base}/explode/", {"revision": 0}).status_code == 404
    assert client.post(f"{base}/confirm/", {"revision": 0}).status_code == 404
    assert client.get(f"/en/staff/payments/{payment.reference}/refunds/").status_code == 405


def test_the_csv_of_an_account_of_another_provider_or_a_garbled_day_is_404(
    client, finance, payment
):
    other = provider_account(OrganisationFactory.create(), merchant_id="OTHER-MERCHANT")
    client.force_login(finance)
    today = timezone.localdate().isoformat()
    assert (
        client.get(f"/en/staff/payments/reconciliation/{other.public_id}/{today}.csv").status_code
        == 404
    )
    account = payment.account.public_id
    assert (
        client.get(f"/en/staff/payments/reconciliation/{account}/2026-99-99.csv").status_code == 404
    )
    assert client.get("/en/staff/payments/reconciliation/?day=%00").status_code == 200


def test_finance_staff_of_two_providers_see_both_and_can_narrow_to_one(client, provider, finance):
    from bawaba.accounts.tests.factories import MembershipFactory

    second = OrganisationFactory.create(name_en="Land Registry")
    MembershipFactory.create(user=finance, organisation=second, role=Role.FINANCE)
    ours = [payment_make(provider) for _ in range(3)]
    theirs = [payment_make(second) for _ in range(3)]
    client.force_login(finance)
    html = client.get("/en/staff/payments/").content.decode()
    assert all(p.reference in html for p in ours + theirs)
    assert "Land Registry" in html
    html = client.get(f"/en/staff/payments/?organisation={second.pk}").content.decode()
    assert all(p.reference in html for p in theirs)
    assert not any(p.reference in html for p in ours)
    # Newest first across both.
    html = client.get("/en/staff/payments/").content.decode()
    positions = [
        html.index(p.reference)
        for p in sorted(ours + theirs, key=lambda p: p.created_at, reverse=True)
    ]
    assert positions == sorted(positions)


def test_the_payment_page_reads_a_bounded_number_of_rows(
    client, finance, payment, colleague, django_assert_max_num_queries
):
    from bawaba.payments.actions import payment_event_record
    from bawaba.payments.constants import RefundState
    from bawaba.payments.models import Refund

    for _ in range(10):
        payment_event_record(payment, "noted", source="staff", from_state="", actor=finance)
        Refund.objects.create(
            payment=payment,
            amount_fils=10,
            reason="r",
            requested_by=colleague,
            state=RefundState.CANCELLED,
        )
    client.force_login(finance)
    client.get(f"/en/staff/payments/{payment.reference}/")
    with django_assert_max_num_queries(12):
        response = client.get(f"/en/staff/payments/{payment.reference}/")
    assert response.status_code == 200


def test_the_staff_workspace_links_finance_staff_to_the_payments(client, provider, finance):
    client.force_login(finance)
    assert "/en/staff/payments/" in client.get("/en/staff/").content.decode()
    client.force_login(staff_with_two_step(provider, Role.CASE_WORKER))
    assert "/en/staff/payments/" not in client.get("/en/staff/").content.decode()
