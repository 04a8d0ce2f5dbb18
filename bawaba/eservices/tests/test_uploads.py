"""Uploaded documents: kept and handed out under names the portal makes."""

from pathlib import PurePosixPath

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bawaba.eservices.models import Application, ApplicationState
from bawaba.eservices.tests.samples import PNG

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n" + b"\x00" * 64


def _download(client, application, document):
    response = client.get(f"/en/applications/{application.pk}/documents/{document.pk}/")
    assert response.status_code == 200
    return response


def test_an_upload_named_bat_is_kept_and_served_with_the_extension_of_its_content(
    client, eservice, applicant
):
    client.force_login(applicant)
    client.post("/en/services/renew-smart-card/apply/")
    application = Application.objects.get()
    upload = SimpleUploadedFile("letter.bat", PNG, content_type="application/x-msdownload")
    response = client.post(f"/en/applications/{application.pk}/pages/photo/", {"photo": upload})
    assert response.status_code == 302
    document = application.documents.get()
    stored = PurePosixPath(str(document.file.name))
    assert stored.suffix == ".png"
    assert "letter" not in stored.name
    assert document.original_name == "letter.bat"  # shown as text only
    response = _download(client, application, document)
    disposition = response["Content-Disposition"]
    assert f'filename="{application.reference}-photo.png"' in disposition
    assert ".bat" not in disposition
    assert response["Content-Type"] == "image/png"
    # The person's own name is still what the page shows.
    page = client.get(f"/en/applications/{application.pk}/check/").content.decode()
    assert "letter.bat" in page


def test_a_reply_document_named_bat_is_served_as_a_pdf(client, unpaid, applicant):
    Application.objects.filter(pk=unpaid.pk).update(state=ApplicationState.MORE_INFORMATION)
    unpaid.refresh_from_db()
    response = client.post(
        f"/en/applications/{unpaid.pk}/respond/",
        {
            "revision": unpaid.revision,
            "text": "The letter you asked for.",
            "document": SimpleUploadedFile("letter.bat", PDF),
        },
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    document = unpaid.documents.get(question__startswith="response-")
    assert PurePosixPath(str(document.file.name)).suffix == ".pdf"
    disposition = _download(client, unpaid, document)["Content-Disposition"]
    assert disposition.endswith('.pdf"')
    assert f'filename="{unpaid.reference}-{document.question}.pdf"' in disposition


def test_a_document_stored_under_its_old_name_is_served_under_a_made_name(
    client, unpaid, applicant
):
    document = unpaid.documents.get()
    old_name = "applications/2026/01/letter.bat"
    document.file.name = document.file.storage.save(old_name, SimpleUploadedFile("x", PNG))
    document.save()
    disposition = _download(client, unpaid, document)["Content-Disposition"]
    assert f'filename="{unpaid.reference}-photo.png"' in disposition
