"""The receipt of a paid payment as a PDF: one page in each language, the
payer's first (WeasyPrint, with the portal's own Arabic font, right to left
for Arabic), with a verification code and a QR code that open the public
``/verify/<code>/`` page. Rendered when asked for: a receipt is small, and
nothing on it changes except a refund, which it shows."""

from __future__ import annotations

from pathlib import Path

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe

from bawaba.core.money import format_dinars
from bawaba.notifications.rendering import absolute_url
from bawaba.payments.models import Payment

FONTS = Path(settings.BASE_DIR) / "static" / "fonts"
LANGUAGES = ("ar", "en")


def verify_url(payment: Payment, language: str) -> str:
    with translation.override(language):
        return absolute_url(reverse("eservices:verify", kwargs={"code": payment.receipt_code}))


def receipt_pdf(payment: Payment) -> bytes:
    languages = [payment.language, *(code for code in LANGUAGES if code != payment.language)]
    pages = []
    for language in languages:
        url = verify_url(payment, language)
        svg = segno.make(url, error="m").svg_inline(scale=3, dark="#0b0c0c")
        pages.append(
            {
                "language": language,
                "direction": "rtl" if language == "ar" else "ltr",
                "verify_url": url,
                "qr_svg": mark_safe(svg),  # noqa: S308  # SVG made by segno from our own URL
                "description": payment.description_ar
                if language == "ar"
                else payment.description_en,
                "amount": format_dinars(payment.amount_fils, language),
                "refunded": format_dinars(payment.refunded_fils, language),
            }
        )
    html = render_to_string(
        "payments/receipt.html",
        {"payment": payment, "pages": pages, "fonts": FONTS.as_uri()},
    )
    # Imported here: WeasyPrint loads the Pango system library when imported.
    from weasyprint import HTML

    pdf: bytes = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
    return pdf
