"""E-service definitions go through four-eyes review, so the administration
site shows them read-only and cannot delete an e-service with its versions;
an administrator can still bring back a retired e-service."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone

from bawaba.accounts.models import User
from bawaba.accounts.tests.factories import PASSWORD
from bawaba.catalogue.workflow import RevisionState
from bawaba.eservices.models import EService

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(client):
    person = User.objects.create_superuser("root@bawaba.example", PASSWORD)
    TOTP.activate(person, generate_totp_secret())
    client.force_login(person)
    return person


def _form(eservice, definition, **changes):
    return {
        "paused": "",
        "pause_message_ar": "",
        "pause_message_en": "",
        "retired_at_0": "",
        "retired_at_1": "",
        # A hand-made attempt to rewrite the version through the inline.
        "definitions-TOTAL_FORMS": "1",
        "definitions-INITIAL_FORMS": "1",
        "definitions-0-id": str(definition.pk),
        "definitions-0-eservice": str(eservice.pk),
        "definitions-0-state": "draft",
        "definitions-0-version": "7",
        "definitions-0-DELETE": "on",
        **changes,
    }


def test_an_administrator_brings_back_a_retired_eservice_but_not_its_versions(
    client, administrator, eservice
):
    eservice.retired_at = timezone.now()
    eservice.save()
    definition = eservice.definitions.get()
    url = f"/en/admin/eservices/eservice/{eservice.pk}/change/"
    response = client.post(url, _form(eservice, definition))
    assert response.status_code == 302, response.content.decode()[-2000:]
    eservice.refresh_from_db()
    assert eservice.retired_at is None
    definition.refresh_from_db()
    assert (definition.state, definition.version) == (RevisionState.PUBLISHED, 1)


def test_an_administrator_cannot_delete_an_eservice(client, administrator, eservice):
    url = f"/en/admin/eservices/eservice/{eservice.pk}/delete/"
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert EService.objects.filter(pk=eservice.pk).exists()
    assert eservice.definitions.exists()
