"""Issuing the document of an approved application: a PDF with one page in
each language, the applicant's first (WeasyPrint, with the portal's own
Arabic font, right to left for Arabic), carrying a verification code and a QR
code that opens the public ``/verify/<code>/`` page. A worker renders it after
the approval is committed (``tasks.issue_document``)."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import segno
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from bawaba.accounts.models import User
from bawaba.cases.references import verification_code_new
from bawaba.core.tasks import task_hand_over
from bawaba.eservices.actions import identity_answers, in_both_languages
from bawaba.eservices.journey import answer_display
from bawaba.eservices.models import Application, ApplicationState, IssuedDocument
from bawaba.notifications.rendering import absolute_url, fill

FONTS = Path(settings.BASE_DIR) / "static" / "fonts"
# A document still missing this long after the approval is issued by the sweeper.
SWEEP_AFTER = datetime.timedelta(minutes=5)
LANGUAGES = ("ar", "en")
logger = logging.getLogger(__name__)


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


def document_pdf(
    document: IssuedDocument, application: Application, bodies: Mapping[str, str]
) -> bytes:
    """The PDF: one page in each language, the document's own language (the
    applicant's) first, each with the QR code of its verification page.
    ``bodies`` is the filled text of each language, already escaped."""
    languages = [document.language, *(code for code in LANGUAGES if code != document.language)]
    pages = []
    for language in languages:
        verify_url = absolute_url(
            _localised(language, "eservices:verify", {"code": document.verification_code})
        )
        svg = segno.make(verify_url, error="m").svg_inline(scale=3, dark="#0b0c0c")
        pages.append(
            {
                "language": language,
                "direction": "rtl" if language == "ar" else "ltr",
                "verify_url": verify_url,
                "qr_svg": mark_safe(svg),  # noqa: S308  # SVG made by segno from our own URL
                "body": bodies[language],
            }
        )
    html = render_to_string(
        "eservices/issued_document.html",
        {
            "document": document,
            "application": application,
            "provider": application.organisation,
            "pages": pages,
            "fonts": FONTS.as_uri(),
        },
    )
    # Imported here: WeasyPrint loads the Pango system library when imported,
    # and nothing else in the portal needs it.
    from weasyprint import HTML

    pdf: bytes = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
    return pdf


def document_body(text: str, values: Mapping[str, str]) -> str:
    """The body of the document: ``text`` with its placeholders filled, as
    HTML. Everything is escaped; each value sits in a bidi isolate, and the
    reference is one left-to-right run that never breaks across lines."""
    filled = {key: format_html("<bdi>{}</bdi>", value) for key, value in values.items()}
    if "reference" in values:
        filled["reference"] = format_html('<bdi class="run">{}</bdi>', values["reference"])
    return mark_safe(fill(str(conditional_escape(text)), filled))  # noqa: S308  # all parts escaped


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


def document_dispatch(application_id: str) -> None:
    """Hand the issuing of an approved application's document to a worker
    (called after the approval is committed). A broker outage, whatever its
    transport reports (a refused connection, a missing broker folder), is
    logged and left to the sweeper (``documents_issue_missing``)."""
    from bawaba.eservices.tasks import issue_document  # the task module imports this one

    task_hand_over(
        issue_document,
        application_id,
        failure="eservices.document.dispatch_failed",
        application=application_id,
    )


def document_issue_for(application_id: Any) -> IssuedDocument | None:
    """The task's work: issue the document of an approved application, in the
    name of the person who approved it. Safe to run twice; nothing for an
    application that is not approved."""
    application = (
        Application.objects.select_related("definition__eservice__service", "applicant")
        .filter(pk=application_id, state=ApplicationState.APPROVED)
        .first()
    )
    if application is None:
        return None
    decision = (
        application.events.filter(state=ApplicationState.APPROVED, actor__isnull=False)
        .select_related("actor")
        .order_by("created_at", "id")
        .first()
    )
    if decision is None or decision.actor is None:
        logger.warning("eservices.document.no_decider", extra={"application": str(application.pk)})
        return None
    return document_issue(application=application, issued_by=decision.actor)


def documents_issue_missing(*, older_than: datetime.timedelta = SWEEP_AFTER) -> int:
    """Issue the documents that approved applications still lack (their task
    was lost: a broker outage, a worker that died); returns how many."""
    waiting = Application.objects.filter(
        state=ApplicationState.APPROVED,
        issued_document__isnull=True,
        decided_at__lt=timezone.now() - older_than,
    ).values_list("pk", flat=True)
    return sum(document_issue_for(pk) is not None for pk in list(waiting[:100]))


def document_issue(*, application: Application, issued_by: User) -> IssuedDocument:
    """Make the document of an approved application (once; again returns it).
    The PDF is rendered outside any transaction; saving it locks the
    application, so of two runs at once only one document is kept."""
    existing = IssuedDocument.objects.filter(application=application).first()
    if existing is not None:
        return existing
    output = application.definition.data["output"]
    language = application.language if application.language in ("ar", "en") else "ar"
    names = in_both_languages(lambda: application.applicant.display_name)
    identifier = application.applicant.cpr or application.applicant.passport_number
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
    bodies = {
        code: document_body(
            output["body"][code],
            document_values(application, code)
            | {"reference": application.reference, "name": names[code]},
        )
        for code in LANGUAGES
    }
    pdf = document_pdf(document, application, bodies)
    with transaction.atomic():
        Application.objects.select_for_update().filter(pk=application.pk).first()
        existing = IssuedDocument.objects.filter(application=application).first()
        if existing is not None:
            return existing
        document.pdf.save(f"{application.reference}.pdf", ContentFile(pdf), save=False)
        document.save()
    logger.info("eservices.document.issued", extra={"application": str(application.pk)})
    return document
