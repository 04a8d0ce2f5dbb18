"""Administrators choose a provider's gateway among those switched on; the
secret is never stored; payments are read-only in the admin."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from bawaba.accounts.tests.factories import OrganisationFactory
from bawaba.core.models import AuditEvent
from bawaba.payments.admin import ProviderAccountForm
from bawaba.payments.models import ProviderAccount

pytestmark = pytest.mark.django_db


def test_only_a_switched_on_gateway_can_be_chosen(settings):
    settings.PAYMENTS_GATEWAYS = ["sandbox"]
    organisation = OrganisationFactory.create()
    form = ProviderAccountForm(
        {"organisation": organisation.pk, "gateway": "visa", "merchant_id": "M1"}
    )
    assert not form.is_valid()
    assert "gateway" in form.errors
    form = ProviderAccountForm(
        {
            "organisation": organisation.pk,
            "gateway": "sandbox",
            "merchant_id": "M1",
            "is_active": "on",
        }
    )
    assert form.is_valid(), form.errors


@pytest.fixture
def admin_client(client, django_user_model):
    administrator = django_user_model.objects.create_superuser(
        "root@bawaba.example", "a-long-admin-passphrase"
    )
    TOTP.activate(administrator, generate_totp_secret())
    client.force_login(administrator)
    return client


def test_the_admin_adds_an_account_and_the_change_is_audited(admin_client):
    organisation = OrganisationFactory.create()
    response = admin_client.post(
        "/en/admin/payments/provideraccount/add/",
        {
            "organisation": organisation.pk,
            "gateway": "sandbox",
            "merchant_id": "TEST-MERCHANT",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    account = ProviderAccount.objects.get()
    assert account.secret == "test-secret"  # from PAYMENTS_ACCOUNT_SECRETS, not the database
    assert AuditEvent.objects.get(action="payments.account.added").data["gateway"] == "sandbox"
    assert admin_client.get("/en/admin/payments/payment/").status_code == 200
    assert admin_client.get("/en/admin/payments/payment/add/").status_code == 403
