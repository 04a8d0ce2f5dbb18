"""Anyone can check a document the portal issued: type its code, or scan
its QR code. The holder's name and number are shown masked."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from bawaba.cases.references import verification_code_normalise
from bawaba.eservices.issuing import mask_identifier, mask_name
from bawaba.eservices.page_helpers import HOME
from bawaba.eservices.selectors import issued_document_for_code
from bawaba.payments.selectors import receipt_for_code


def verify_form(request: HttpRequest) -> HttpResponse:
    """Anyone can check a document: type the code, or scan the QR code."""
    code = request.GET.get("code", "")
    cleaned = verification_code_normalise(code) if code else None
    if cleaned:
        return redirect("eservices:verify", code=cleaned)
    return render(
        request,
        "eservices/verify.html",
        {
            "code": code,
            "invalid": bool(code),
            "breadcrumbs": [HOME, (_("Check a document"), None)],
        },
    )


def verify(request: HttpRequest, code: str) -> HttpResponse:
    issued = issued_document_for_code(code=code)
    # Receipts of payments carry codes of the same form, checked here too.
    receipt = None if issued else receipt_for_code(code)
    return render(
        request,
        "eservices/verify.html",
        {
            "code": code,
            "issued": issued,
            "receipt": receipt,
            "not_found": issued is None and receipt is None,
            "holder": mask_name(issued.holder) if issued else "",
            "identifier": mask_identifier(issued.holder_identifier) if issued else "",
            "breadcrumbs": [HOME, (_("Check a document"), None)],
        },
        status=200 if issued or receipt else 404,
    )
