"""From a receipt the payer can contact us about that payment (the contact
form pre-filled with it, through the case kit's subjects) and rate the
payment, as people rate decided applications."""

import re

import pytest

from bawaba.accounts.tests.factories import UserFactory
from bawaba.complaints.models import TransactionRating
from bawaba.payments.tests.helpers import pay_online

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid(client, dues, account, sandbox, citizen, django_capture_on_commit_callbacks):
    dues.add("R-1", 2_500, account.organisation, payer=citizen)
    client.force_login(citizen)
    return pay_online(
        client,
        sandbox,
        kind="test_dues",
        payable_id="R-1",
        capture=django_capture_on_commit_callbacks,
    )


def test_the_receipt_offers_the_contact_form_filled_in_with_the_payment(client, paid, account):
    page = client.get(f"/en/accounts/payments/{paid.reference}/").content.decode()
    link = f"/en/contact/message/?kind=complaint&amp;subject=payment:{paid.pk}"
    assert link in page
    form = client.get(link.replace("&amp;", "&")).content.decode()
    assert f'value="payment:{paid.pk}" selected' in form
    assert re.search(r'value="complaint"[^>]*checked', form)
    assert f'<option value="{account.organisation.slug}" selected>' in form
    # Somebody else's payment is not offered to them.
    client.force_login(UserFactory.create())
    other = client.get(link.replace("&amp;", "&")).content.decode()
    assert f'value="payment:{paid.pk}"' not in other


def test_the_receipt_offers_the_rating_and_the_payer_rates_once(client, paid):
    page = client.get(f"/en/accounts/payments/{paid.reference}/").content.decode()
    rate = f"/en/accounts/ratings/payment/{paid.pk}/"
    assert rate in page
    assert client.get(rate).status_code == 200
    response = client.post(rate, {"score": "5", "comment": "Quick and clear."})
    assert response.status_code == 302
    rating = TransactionRating.objects.get()
    assert (rating.subject_kind, rating.subject_id, rating.score) == ("payment", str(paid.pk), 5)
    client.force_login(UserFactory.create())
    assert client.get(rate).status_code == 404
