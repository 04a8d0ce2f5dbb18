"""The pages of paying a bill or fine: who sees what, bad input, limits, and
the "Pay now" button on the catalogue's service pages."""

from __future__ import annotations

import io
import secrets

import pytest
from django.test import Client

from bawaba.accounts.tests.factories import UserFactory
from bawaba.payments.models import Bill, Biller, Payment
from bawaba.payments.tests.bill_helpers import biller_row, look_up, looked_up_bill, sandbox_account

pytestmark = pytest.mark.django_db


def _cpr() -> str:
    return "7" + "".join(secrets.choice("0123456789") for _ in range(8))


def test_the_start_page_lists_the_active_billers_in_both_languages(
    client, django_assert_max_num_queries
):
    biller_row("ewa")
    biller_row("traffic", "OTHER-MERCHANT")
    Biller.objects.filter(code="traffic").update(is_active=False)
    with django_assert_max_num_queries(8):
        english = client.get("/en/pay/").content.decode()
    assert "Pay a bill or fine" in english
    assert "/en/pay/ewa/" in english
    assert "/en/pay/traffic/" not in english
    arabic = client.get("/ar/pay/").content.decode()
    assert "سداد فاتورة أو مخالفة" in arabic
    assert client.get("/en/pay/traffic/").status_code == 404
    assert client.get("/en/pay/nobody/").status_code == 404


def test_a_signed_in_person_sees_and_pays_their_own_accounts(
    client, sandbox, django_assert_max_num_queries
):
    biller_row("ewa")
    biller_row("traffic", "OTHER-MERCHANT")
    cpr = _cpr()
    owed = sandbox_account(sandbox, "ewa", 7_250, owner_cpr=cpr)
    fine = sandbox_account(sandbox, "traffic", 20_000, owner_cpr=cpr)
    sandbox_account(sandbox, "ewa", 1_000, owner_cpr=_cpr())  # someone else's
    person = UserFactory.create(cpr=cpr)
    client.force_login(person)
    with django_assert_max_num_queries(12):
        html = client.get("/en/pay/mine/").content.decode()
    assert owed in html
    assert fine in html
    assert "BD 7.250" in html
    assert html.count('name="reference"') == 2
    response = client.post("/en/pay/mine/pay/", {"biller": "traffic", "reference": fine})
    assert response.status_code == 302
    bill = Bill.objects.get(reference=fine)
    assert bill.payer == person
    assert bill.owner_cpr == cpr
    page = client.get(response["Location"]).content.decode()
    assert "BD 20.000" in page
    assert "Email address for the receipt" not in page  # the receipt goes to their messages


def test_your_bills_needs_signing_in_and_says_when_a_biller_is_down(client, sandbox):
    assert client.get("/en/pay/mine/").status_code == 302
    biller_row("ewa")
    client.force_login(UserFactory.create(cpr=_cpr()))
    sandbox.control(billers_down=True)
    response = client.get("/en/pay/mine/")
    assert response.status_code == 200
    assert "This provider is not answering at the moment." in response.content.decode()


def test_nobody_else_sees_a_bill_page(client, sandbox):
    biller_row("ewa")
    reference = sandbox_account(sandbox, "ewa", 5_000)
    bill = looked_up_bill(client, "ewa", reference)
    assert client.get(f"/en/pay/bills/{bill.pk}/").status_code == 200
    outsider = Client()  # another browser
    assert outsider.get(f"/en/pay/bills/{bill.pk}/").status_code == 404
    outsider.force_login(UserFactory.create())
    assert outsider.get(f"/en/pay/bills/{bill.pk}/").status_code == 404
    # A bill a signed-in person looked up is theirs alone, and only they may pay it.
    owner = Client()
    owner.force_login(UserFactory.create())
    own = looked_up_bill(owner, "ewa", reference)
    assert owner.get(f"/en/pay/bills/{own.pk}/").status_code == 200
    assert outsider.get(f"/en/pay/bills/{own.pk}/").status_code == 404
    outsider.post(
        "/en/accounts/payments/start/", {"kind": "bill", "payable_id": str(own.pk), "key": "x"}
    )
    assert not Payment.objects.filter(payable_id=str(own.pk)).exists()


@pytest.mark.parametrize(
    "reference",
    ["EWA\x00100", "A" * 5000, "", "<script>", "١٢٣ ' OR 1=1"],
)
def test_bad_references_are_explained_never_an_error(client, sandbox, reference):
    biller_row("ewa")
    response = look_up(client, "ewa", reference)
    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()


@pytest.mark.parametrize("cpr", ["9001\x0001234", "9" * 5000, "abc"])
def test_bad_cpr_numbers_are_explained_never_an_error(client, sandbox, cpr):
    biller_row("traffic")
    response = look_up(client, "traffic", "TF2026000871", cpr)
    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()


def test_bad_bill_addresses_and_payment_posts_are_not_errors(client, sandbox):
    biller_row("ewa")
    assert client.get("/en/pay/bills/not-a-uuid/").status_code == 404
    assert client.get("/en/pay/ew%00a/").status_code == 404
    response = client.post(
        "/en/accounts/payments/start/", {"kind": "bill", "payable_id": "\x00" * 80, "key": "x"}
    )
    assert response.status_code == 302
    client.force_login(UserFactory.create())
    response = client.post("/en/pay/mine/pay/", {"biller": "ewa", "reference": "\x00"})
    assert response.status_code == 302


def test_lookups_are_limited_per_address(client, sandbox, settings):
    biller_row("ewa")
    from bawaba.payments import bill_views

    settings.RATELIMIT_ENABLED = True
    original = bill_views.RATE_LIMITS
    bill_views.RATE_LIMITS = {"bill_lookup": "3/10m/ip"}
    try:
        codes = [look_up(client, "ewa", "NO-SUCH").status_code for _ in range(5)]
    finally:
        bill_views.RATE_LIMITS = original
    assert codes[:3] == [200, 200, 200]
    assert codes[-1] == 429


def test_the_demo_services_get_pay_now(client):
    biller = biller_row("ewa")
    assert biller.service is not None
    html = client.get(f"/en/services/{biller.service.slug}/").content.decode()
    assert 'href="/en/pay/ewa/"' in html
    assert "Pay now" in html


def test_a_billers_change_shows_on_the_service_page_at_once(
    client, django_capture_on_commit_callbacks
):
    """Which biller each page's "Pay now" leads to is read once per catalogue
    version: a biller that stops taking payments bumps it."""
    biller = biller_row("ewa")
    assert biller.service is not None
    page = f"/en/services/{biller.service.slug}/"
    assert 'href="/en/pay/ewa/"' in client.get(page).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        biller.is_active = False
        biller.save()
    assert "/en/pay/ewa/" not in client.get(page).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        biller.is_active = True
        biller.save()
    assert 'href="/en/pay/ewa/"' in client.get(page).content.decode()


def test_the_pay_form_may_lead_to_the_gateways_page(client, sandbox):
    """The form posts to the portal, which redirects to the gateway's page:
    browsers hold that redirect to the page's form-action policy."""
    biller_row("ewa")
    bill = looked_up_bill(client, "ewa", sandbox_account(sandbox, "ewa", 1_000))
    policy = client.get(f"/en/pay/bills/{bill.pk}/")["Content-Security-Policy"]
    form_action = next(part for part in policy.split(";") if "form-action" in part)
    assert sandbox.url in form_action
    assert "'self'" in form_action


def test_the_demo_billers_lead_from_the_four_demo_services(client):
    from django.core.management import call_command

    call_command("load_demo", stdout=io.StringIO())
    billers = {biller.code: biller for biller in Biller.objects.select_related("service")}
    assert {code: biller.service.slug for code, biller in billers.items() if biller.service} == {
        "ewa": "pay-electricity-water-bill",
        "traffic": "pay-traffic-fines",
        "telecom": "pay-mobile-bill",
        "cooling": "pay-district-cooling-bill",
    }
    assert billers["traffic"].owner_cpr_required
    assert billers["traffic"].kind == "fine"
    html = client.get("/ar/services/pay-traffic-fines/").content.decode()
    assert 'href="/ar/pay/traffic/"' in html
    assert "ادفعوا الآن" in html
