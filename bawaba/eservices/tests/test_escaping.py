"""What editors and applicants type is shown as text, never as markup."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bawaba.accounts.tests.factories import OrganisationFactory, staff_with_two_step
from bawaba.catalogue.tests.factories import ServiceFactory
from bawaba.eservices.models import Application
from bawaba.eservices.tests.samples import PNG, SOURCE, published_eservice

pytestmark = pytest.mark.django_db

HINT = "White background."
HOSTILE = '<img src=x onerror="alert(1)"> <a href="https://evil.example/">Click</a>'
HOSTILE_ESCAPED = (
    "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; "
    "&lt;a href=&quot;https://evil.example/&quot;&gt;Click&lt;/a&gt;"
)
HOSTILE_SOURCE = SOURCE.replace(HINT, "'" + HOSTILE.replace("'", "''") + "'")


@pytest.fixture
def hostile_eservice():
    provider = OrganisationFactory.create(slug="nationality", name_en="Nationality Affairs")
    service = ServiceFactory.create(slug="renew-smart-card", provider=provider)
    return published_eservice(service, HOSTILE_SOURCE).eservice


def test_a_hint_with_markup_reaches_the_applicant_escaped(client, hostile_eservice, applicant):
    assert HOSTILE_SOURCE != SOURCE
    client.force_login(applicant)
    client.post("/en/services/renew-smart-card/apply/")
    application = Application.objects.get(applicant=applicant)
    html = client.get(f"/en/applications/{application.pk}/pages/photo/").content.decode()
    assert "<img src=x" not in html
    assert HOSTILE_ESCAPED in html
    assert 'href="https://evil.example/"' not in html


def test_a_hint_with_markup_reaches_the_approvers_preview_escaped(client, hostile_eservice):
    approver = staff_with_two_step(hostile_eservice.service.provider, "approver")
    client.force_login(approver)
    version = hostile_eservice.definitions.get()
    html = client.get(f"/en/staff/eservices/versions/{version.pk}/").content.decode()
    assert "<img src=x" not in html
    assert HOSTILE_ESCAPED in html


def test_an_uploaded_files_name_is_shown_escaped(client, eservice, applicant):
    client.force_login(applicant)
    client.post("/en/services/renew-smart-card/apply/")
    application = Application.objects.get(applicant=applicant)
    page = f"/en/applications/{application.pk}/pages/photo/"
    name = "<img src=x onerror=alert(2)>.png"
    upload = SimpleUploadedFile(name, PNG, content_type="image/png")
    assert client.post(page, {"photo": upload}).status_code == 302
    html = client.get(page).content.decode()
    assert "<img src=x" not in html
    assert "Already uploaded: &lt;img src=x onerror=alert(2)&gt;.png." in html
