"""What a provider takes away from a consultation: every comment and answer
as CSV (UTF-8 with a byte-order mark, so spreadsheets read Arabic), and a
bilingual PDF summary (one part in each language, Arabic right to left)
with the comments and support per paragraph. Neither holds a CPR number or
an email address: people appear under the name they chose."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from bawaba.cases.calendar import BAHRAIN

from . import selectors
from .models import Answer, Comment, Consultation

FONTS = Path(settings.BASE_DIR) / "static" / "fonts"
# A cell starting with one of these is read as a formula by spreadsheets.
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    text = str(value)
    return f"'{text}" if text.startswith(_FORMULA) else text


def comments_csv(consultation: Consultation) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            _("Paragraph"),
            _("Comment"),
            _("Shown name"),
            _("Support"),
            _("Date"),
            _("State"),
        ]
    )
    comments = (
        Comment.objects.filter(consultation=consultation)
        .select_related("paragraph__section")
        .order_by("paragraph__section__number", "paragraph__number", "created_at", "pk")
    )
    for comment in comments.iterator(chunk_size=2000):
        writer.writerow(
            [
                comment.paragraph.label if comment.paragraph else _("Whole draft"),
                _cell(comment.body),
                _cell(comment.author_name),
                comment.support_count,
                comment.created_at.astimezone(BAHRAIN).strftime("%Y-%m-%d %H:%M"),
                comment.get_state_display(),
            ]
        )
    writer.writerow([])
    writer.writerow([_("Question"), _("Answer"), _("Shown name"), _("Date")])
    answers = (
        Answer.objects.filter(question__consultation=consultation)
        .select_related("question")
        .order_by("question__position", "question_id", "created_at")
    )
    language = translation.get_language() or "ar"
    for answer in answers.iterator(chunk_size=2000):
        question = answer.question
        if answer.choice is not None:
            choices = question.choice_list(language)
            text = choices[answer.choice] if answer.choice < len(choices) else ""
        else:
            text = answer.text
        writer.writerow(
            [
                _cell(question.text_ar if language == "ar" else question.text_en),
                _cell(text),
                _cell(answer.author_name),
                answer.created_at.astimezone(BAHRAIN).strftime("%Y-%m-%d %H:%M"),
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def summary_pdf(consultation: Consultation) -> bytes:
    figures = selectors.comment_figures(consultation)
    outline = selectors.draft_outline(consultation)
    answers = selectors.answer_figures(consultation)
    pages = []
    for language in ("ar", "en"):
        with translation.override(language):
            rows = [
                (
                    paragraph.label,
                    paragraph.text_ar if language == "ar" else paragraph.text_en,
                    *figures.get(paragraph.pk, (0, 0)),
                )
                for section in outline
                for paragraph in section.paragraphs.all()
            ]
            pages.append(
                {
                    "language": language,
                    "direction": "rtl" if language == "ar" else "ltr",
                    "verify_url": "",
                    "title": consultation.title_ar if language == "ar" else consultation.title_en,
                    "provider": consultation.organisation.name_ar
                    if language == "ar"
                    else consultation.organisation.name_en,
                    "rows": rows,
                    "whole": figures.get(None, (0, 0)),
                    "total": sum(count for count, _s in figures.values()),
                    "answers": [
                        (q.text_ar if language == "ar" else q.text_en, count)
                        for q, count in answers
                    ],
                }
            )
    html = render_to_string(
        "consultations/summary_pdf.html",
        {
            "consultation": consultation,
            "pages": pages,
            "fonts": FONTS.as_uri(),
            "made_at": timezone.now(),
        },
    )
    # Imported here: WeasyPrint loads the Pango system library when imported.
    from weasyprint import HTML

    pdf: bytes = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
    return pdf
