"""Keeping uploaded documents under names the portal makes, handing out files
(uploaded documents, issued PDFs) only ever as downloads, never rendered by the
browser, never cached; and reading the revision a form was shown with.

A person's file name is only ever shown as text: on disk and in a download the
file carries a name the portal made, with the extension of the type its
content was checked to be (``letter.bat`` that is really a PDF is kept and
served as ``….pdf``)."""

from __future__ import annotations

import uuid

from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest

from bawaba.eservices.models import Application, ApplicationDocument, IssuedDocument

# The extension of each content type an upload can be checked to be.
EXTENSIONS = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}


def document_store(
    application: Application, question: str, upload: UploadedFile
) -> ApplicationDocument:
    """Keep ``upload`` (already checked by content, which set its
    ``content_type``) as the document answering ``question``."""
    original = (upload.name or "")[:200]
    content_type = str(upload.content_type)
    upload.name = f"{uuid.uuid4().hex}{EXTENSIONS[content_type]}"
    return ApplicationDocument.objects.create(
        application=application,
        question=question,
        file=upload,
        original_name=original,
        content_type=content_type,
        size=upload.size or 0,
    )


def document_download_name(application: Application, document: ApplicationDocument) -> str:
    """The name a document is handed out under: made by the portal from the
    reference and the question, whatever the stored file is called."""
    extension = EXTENSIONS.get(document.content_type, "")
    return f"{application.reference}-{document.question}{extension}"


def _download(field: FieldFile, filename: str, content_type: str) -> FileResponse:
    try:
        handle = field.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def document_response(application: Application, document_id: uuid.UUID) -> FileResponse:
    """``document_id`` of ``application`` (which the caller has already scoped)."""
    try:
        stored = application.documents.get(pk=document_id)
    except ApplicationDocument.DoesNotExist as error:
        raise Http404 from error
    return _download(stored.file, document_download_name(application, stored), stored.content_type)


def issued_document_response(application: Application) -> FileResponse:
    try:
        issued = application.issued_document
    except IssuedDocument.DoesNotExist as error:
        raise Http404 from error
    return _download(issued.pdf, f"{application.reference}.pdf", "application/pdf")


def posted_revision(request: HttpRequest) -> int:
    """The revision of the application the form was shown with; a missing or
    garbled one never matches, so the action is refused as stale."""
    try:
        return int(request.POST.get("revision", ""))
    except ValueError:
        return -1
