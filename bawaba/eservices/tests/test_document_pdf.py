"""The issued PDF as people read it: one page in each language (the
applicant's first), the reference one left-to-right run that never breaks
across lines, and the verification sentence inside its frame."""

import io

import pytest
from pypdf import PdfReader

from bawaba.accounts.tests.factories import staff_with_two_step
from bawaba.eservices.issuing import document_issue
from bawaba.eservices.models import Application, ApplicationState, IssuedDocument

pytestmark = pytest.mark.django_db

REFERENCE = "APP-SCKJ-6XMP"
WORD = {"ar": "كلمة ", "en": "word "}


@pytest.fixture
def approved(unpaid):
    Application.objects.filter(pk=unpaid.pk).update(
        reference=REFERENCE, state=ApplicationState.APPROVED
    )
    unpaid.refresh_from_db()
    unpaid.applicant.name_ar = "مريم أحمد علي"
    unpaid.applicant.save()
    return unpaid


def _issue(application, language, body=None):
    IssuedDocument.objects.filter(application=application).delete()
    Application.objects.filter(pk=application.pk).update(language=language)
    application.refresh_from_db()
    if body:
        definition = application.definition
        definition.data["output"]["body"] = body
        definition.save()
    supervisor = staff_with_two_step(application.organisation, "supervisor")
    document = document_issue(application=application, issued_by=supervisor)
    return document, PdfReader(io.BytesIO(document.pdf.read())).pages


def _lines(page):
    """(left edge in points, text) of each run the PDF draws."""
    lines: list[tuple[float, str]] = []

    def visit(text, cm, tm, *_):
        if text.strip():
            lines.append((tm[4] * cm[0] + cm[4], text))

    page.extract_text(visitor_text=visit)
    return lines


def _runs(page):
    """The text of each run the PDF draws (a line, or a piece of one)."""
    runs: list[str] = []
    page.extract_text(visitor_text=lambda text, *_: runs.append(text) if text.strip() else None)
    return runs


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_document_has_a_page_in_each_language_the_applicants_first(approved, language):
    document, pages = _issue(approved, language)
    assert len(pages) == 2
    arabic, english = (pages[0], pages[1]) if language == "ar" else (pages[1], pages[0])
    arabic_text, english_text = arabic.extract_text(), english.extract_text()
    assert "إشعار تجديد بطاقة الهوية" in arabic_text and "مريم أحمد علي" in arabic_text
    assert "Identity card renewal notice" in english_text and "Maryam Ahmed" in english_text
    assert "The renewal of the identity card of CPR number 900101234" in english_text
    for text, language_code in ((arabic_text, "ar"), (english_text, "en")):
        assert document.verification_code in text
        assert f"/{language_code}/verify/{document.verification_code}/" in text
        assert "900101234" in text


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_reference_is_one_unbroken_run_wherever_the_line_ends(approved, language):
    for padding in range(8):
        words = {code: WORD[code] * (10 + padding) for code in WORD}
        body = {code: f"{words[code]}{{reference}} {WORD[code] * 3}" for code in ("ar", "en")}
        _document, pages = _issue(approved, language, body)
        for page in pages:
            runs = _runs(page)
            assert [run for run in runs if "APP-" in run and REFERENCE not in run] == [], padding
            assert sum(REFERENCE in run for run in runs) == 2  # the text and the details


def test_the_verification_sentence_wraps_inside_its_frame(approved):
    margin = 18 / 25.4 * 72  # the page's margin, 18 mm, in points
    inside = margin + 4 / 25.4 * 72  # and the frame's padding, 4 mm
    for language in ("ar", "en"):
        _document, pages = _issue(approved, language)
        for page in pages:
            width = float(page.mediabox.width)
            lines = _lines(page)
            sentence = [left for left, text in lines if "للتحقق" in text or "To check" in text]
            assert sentence, lines
            assert min(sentence) >= inside - 1
            assert all(margin - 1 <= left <= width - margin for left, _text in lines)
