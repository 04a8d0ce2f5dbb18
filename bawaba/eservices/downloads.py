"""Handing out files (uploaded documents, issued PDFs) only ever as downloads,
never rendered by the browser, never cached; and reading the revision a form
was shown with."""

from __future__ import annotations

import uuid

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest

from bawaba.eservices.models import Application, ApplicationDocument, IssuedDocument


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
    return _download(stored.file, stored.original_name, stored.content_type)


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
