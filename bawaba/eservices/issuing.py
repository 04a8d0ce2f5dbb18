"""Issuing the document of an approved application: a PDF in the applicant's
language (WeasyPrint, with the portal's own Arabic font, right to left for
Arabic), carrying a verification code and a QR code that opens the public
``/verify/<code>/`` page."""

from __future__ import annotations

import datetime
import secrets
from pathlib import Path
from typing import Any

import segno
from django.conf import settings
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from bawaba.accounts.models import User
from bawaba.core.identifiers import normalise_digits
from bawaba.eservices.actions import identity_answers, in_both_languages
from bawaba.eservices.journey import answer_display
from bawaba.eservices.models import Application, IssuedDocument
from bawaba.eservices.references import ALPHABET, LOOKALIKES
from bawaba.notifications.rendering import absolute_url, fill

FONTS = Path(settings.BASE_DIR) / "static" / "fonts"


def verification_code_new() -> str:
    """Twelve characters of the unambiguous alphabet: XXXX-XXXX-XXXX."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def verification_code_normalise(text: str) -> str | None:
    """The code in its printed form (``7K3Q-9MXD-2F8H``), or None when ``text``
    is not one. Spaces, hyphens, small letters, Arabic-Indic digits and the
    letters people confuse with digits (O, I, L) are accepted."""
    cleaned = normalise_digits("".join(text.upper().split()).replace("-", ""))
    cleaned = cleaned.translate(LOOKALIKES)
    if len(cleaned) != 12 or any(character not in ALPHABET for character in cleaned):
        return None
    return f"{cleaned[:4]}-{cleaned[4:8]}-{cleaned[8:]}"


def mask_identifier(value: str) -> str:
    """900101234 → 90•••••34: enough to recognise, not enough to reuse."""
    if len(value) <= 4:
        return "•" * len(value)
    return value[:2] + "•" * (len(value) - 4) + value[-2:]


def mask_name(name: str) -> str:
    """Maryam Ahmed Ali → Maryam A. A. (first name and initials)."""
    words = name.split()
    if not words:
        return ""
    return " ".join([words[0], *(f"{word[0]}." for word in words[1:])])


def document_pdf(document: IssuedDocument, application: Application, body: str) -> bytes:
    language = document.language
    verify_url = absolute_url(
        _localised(language, "eservices:verify", {"code": document.verification_code})
    )
    qr = segno.make(verify_url, error="m")
    svg = qr.svg_inline(scale=3, dark="#0b0c0c")
    with translation.override(language):
        html = render_to_string(
            "eservices/issued_document.html",
            {
                "document": document,
                "application": application,
                "provider": application.organisation,
                "body": body,
                "language": language,
                "direction": "rtl" if language == "ar" else "ltr",
                "verify_url": verify_url,
                "qr_svg": mark_safe(svg),  # noqa: S308  # SVG made by segno from our own URL
                "fonts": FONTS.as_uri(),
            },
        )
    # Imported here: WeasyPrint loads the Pango system library when imported,
    # and nothing else in the portal needs it.
    from weasyprint import HTML

    pdf: bytes = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
    return pdf


def _localised(language: str, name: str, kwargs: dict[str, Any]) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def document_values(application: Application, language: str) -> dict[str, str]:
    """The applicant's answers as the document's text shows them: in its
    language, with the labels of chosen answers, "Yes" or "No", dates written
    out. Files and repeating groups have no place in a sentence. Identity
    (CPR number, passport, nationality, name) is the account's, not the answer."""
    values: dict[str, str] = {}
    identity = identity_answers(application.definition.data, application.applicant, language)
    with translation.override(language):
        for page in application.definition.data["pages"]:
            for question in page["questions"]:
                answer = identity.get(question["id"], application.answers.get(question["id"]))
                if question["type"] in ("file", "group") or answer in (None, ""):
                    continue
                values[question["id"]] = answer_display(question, answer, language, {})
    return values


def document_issue(*, application: Application, issued_by: User) -> IssuedDocument:
    """Make the document of an approved application (once; again returns it)."""
    existing = IssuedDocument.objects.filter(application=application).first()
    if existing is not None:
        return existing
    output = application.definition.data["output"]
    language = application.language if application.language in ("ar", "en") else "ar"
    names = in_both_languages(lambda: application.applicant.display_name)
    identifier = application.applicant.cpr or application.applicant.passport_number
    values = document_values(application, language)
    values |= {
        "reference": application.reference,
        "name": names[language],
    }
    valid_for = output.get("valid_for_days")
    document = IssuedDocument(
        application=application,
        verification_code=verification_code_new(),
        kind=output["kind"],
        title_ar=output["title"]["ar"],
        title_en=output["title"]["en"],
        holder_ar=names["ar"],
        holder_en=names["en"],
        holder_identifier=identifier,
        language=language,
        issued_by=issued_by,
        issued_at=timezone.now(),
        valid_until=timezone.localdate() + datetime.timedelta(days=valid_for)
        if valid_for
        else None,
    )
    body = fill(output["body"][language], values)
    pdf = document_pdf(document, application, body)
    document.pdf.save(f"{application.reference}.pdf", ContentFile(pdf), save=False)
    document.save()
    return document
