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


MB = 1024 * 1024


def _sized(name, size):
    return SimpleUploadedFile(name, PDF + b"\x00" * (size - len(PDF)))


def test_a_reply_larger_than_the_portals_limit_is_refused_and_the_box_states_the_limit(
    client, unpaid, applicant, settings
):
    settings.UPLOAD_MAX_BYTES = 3 * MB
    Application.objects.filter(pk=unpaid.pk).update(state=ApplicationState.MORE_INFORMATION)
    unpaid.refresh_from_db()
    page = client.get(f"/en/applications/{unpaid.pk}/").content.decode()
    assert "PDF or JPEG or PNG, up to 3 MB." in page
    response = client.post(
        f"/en/applications/{unpaid.pk}/respond/",
        {"revision": unpaid.revision, "text": "Here.", "document": _sized("a.pdf", 3 * MB + 1)},
    )
    assert response.status_code == 200
    assert "The file must be no larger than 3 MB." in response.content.decode()
    assert "Here." in response.content.decode()  # what was typed is kept
    assert not unpaid.documents.filter(question__startswith="response-").exists()
    arabic = client.get(f"/ar/applications/{unpaid.pk}/").content.decode()
    assert "PDF أو JPEG أو PNG، بحجم لا يزيد على 3 ميغابايت." in arabic


def test_every_upload_box_states_the_types_and_the_size_in_both_languages(
    client, eservice, applicant, settings
):
    settings.UPLOAD_MAX_BYTES = 1 * MB  # below the question's own 2 MB: the portal's wins
    client.force_login(applicant)
    client.post("/en/services/renew-smart-card/apply/")
    application = Application.objects.get()
    english = client.get(f"/en/applications/{application.pk}/pages/photo/").content.decode()
    assert "White background. JPEG or PNG, up to 1 MB." in english
    arabic = client.get(f"/ar/applications/{application.pk}/pages/photo/").content.decode()
    assert "JPEG أو PNG، بحجم لا يزيد على 1 ميغابايت." in arabic
    settings.UPLOAD_MAX_BYTES = 10 * MB
    english = client.get(f"/en/applications/{application.pk}/pages/photo/").content.decode()
    assert "White background. JPEG or PNG, up to 2 MB." in english


@pytest.mark.parametrize(
    ("size", "english", "arabic"),
    [
        (1 * MB, "1 MB", "1 ميغابايت"),
        (2 * MB, "2 MB", "2 ميغابايت"),
        (10 * MB, "10 MB", "10 ميغابايت"),
        (512 * 1024, "512 KB", "512 كيلوبايت"),
    ],
)
def test_file_sizes_are_written_in_words_in_both_languages(size, english, arabic):
    from django.utils import translation

    from bawaba.eservices.fields import size_text

    for language, expected in (("en", english), ("ar", arabic)):
        with translation.override(language):
            assert size_text(size) == expected
