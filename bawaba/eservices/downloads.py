"""Handing out an uploaded document: only ever as a download, never rendered
by the browser, never cached."""

from __future__ import annotations

import uuid

from django.http import FileResponse, Http404

from bawaba.eservices.models import Application, ApplicationDocument, IssuedDocument


def document_response(application: Application, document_id: uuid.UUID) -> FileResponse:
    """``document_id`` of ``application`` (which the caller has already scoped)."""
    try:
        stored = application.documents.get(pk=document_id)
    except ApplicationDocument.DoesNotExist as error:
        raise Http404 from error
    try:
        handle = stored.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle, as_attachment=True, filename=stored.original_name, content_type=stored.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def issued_document_response(application: Application) -> FileResponse:
    try:
        issued = application.issued_document
    except IssuedDocument.DoesNotExist as error:
        raise Http404 from error
    try:
        handle = issued.pdf.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"{application.reference}.pdf",
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
