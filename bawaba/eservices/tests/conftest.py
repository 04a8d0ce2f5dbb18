"""Shared fixtures: the demo e-service "Renew an identity card", an applicant, and
her renewal sent and waiting for payment, or paid."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bawaba.accounts.tests.factories import OrganisationFactory, UserFactory
from bawaba.catalogue.tests.factories import ServiceFactory
from bawaba.eservices.models import Application, ApplicationState
from bawaba.eservices.tests.samples import PNG, published_eservice
from bawaba.payments.tests.helpers import pay_online, provider_account


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.PRIVATE_FILES_ROOT = str(tmp_path / "private")


@pytest.fixture
def eservice():
    provider = OrganisationFactory.create(slug="nationality", name_en="Nationality Affairs")
    service = ServiceFactory.create(
        slug="renew-smart-card", provider=provider, title_en="Renew an identity card"
    )
    eservice = published_eservice(service).eservice
    # The provider takes payments online, on the sandbox gateway.
    provider_account(provider)
    return eservice


@pytest.fixture
def applicant():
    return UserFactory.create(
        email="maryam@bawaba.example",
        name_en="Maryam Ahmed",
        cpr="900101234",
        mobile="+97336000001",
        preferred_language="en",
    )


@pytest.fixture
def unpaid(client, eservice, applicant, django_capture_on_commit_callbacks):
    """The applicant (still signed in) has sent a renewal whose BD 2 fee is unpaid."""
    client.force_login(applicant)
    client.post("/en/services/renew-smart-card/apply/")
    application = Application.objects.get()
    base = f"/en/applications/{application.pk}/pages"
    client.post(f"{base}/applicant/", {"full_name": "M", "cpr": "900101234", "mobile": "36000001"})
    client.post(f"{base}/reason/", {"reason": "expiry"})
    client.post(f"{base}/photo/", {"photo": SimpleUploadedFile("me.png", PNG)})
    client.post(f"{base}/delivery/", {"courier": "no", "declaration": "on"})
    application.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/applications/{application.pk}/check/", {"revision": application.revision})
    application.refresh_from_db()
    assert application.state == ApplicationState.AWAITING_PAYMENT
    assert application.fee_fils == 2000
    return application


def sandbox_pay(client, application, capture, sandbox):
    """The applicant pays on the sandbox gateway's page and signs out; the
    application is refreshed."""
    provider_account(application.organisation)
    pay_online(client, sandbox, kind="application", payable_id=application.pk, capture=capture)
    application.refresh_from_db()
    client.logout()
    return application


@pytest.fixture
def sent(client, unpaid, django_capture_on_commit_callbacks, sandbox):
    """The renewal, paid in the sandbox: with its provider, applicant signed out."""
    sandbox_pay(client, unpaid, django_capture_on_commit_callbacks, sandbox)
    assert unpaid.state == ApplicationState.SUBMITTED
    return unpaid
