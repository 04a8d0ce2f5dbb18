"""HTML of the hosted payment page, in Arabic (right to left) or English.

Built to look like a bank's hosted payment page and to be accessible without
JavaScript: every input has a label tied to it, hints and errors are linked with
``aria-describedby``, an error summary lists links to the fields, focus is always
visible, text contrast is at least 4.5:1, and the card inputs carry the
``autocomplete`` tokens browsers and password managers expect. Inline CSS only,
no external assets. Amounts use Western digits inside ``<bdi>``.
"""

from __future__ import annotations

from html import escape

from .gateway import CardForm, format_amount
from .store import Row

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "bank": "Gulf Sandbox Bank",
        "secure": "Secure payment",
        "sandbox_banner": "Test environment: no real money is taken.",
        "title": "Pay by card",
        "merchant": "Paying",
        "description": "For",
        "amount": "Amount",
        "card_number": "Card number",
        "card_number_hint": "The 16 digits on the front of your card",
        "expiry": "Expiry date",
        "expiry_hint": "As shown on the card, MM/YY, for example 08/29",
        "security_code": "Security code",
        "security_code_hint": "The last 3 digits on the back of the card",
        "name": "Name on card",
        "pay": "Pay",
        "cancel": "Cancel and go back",
        "error_summary": "There is a problem",
        "error_prefix": "Error:",
        "error_card_required": "Enter the card number",
        "error_card_invalid": "The card number is not valid. Check it and try again",
        "error_expiry_required": "Enter the expiry date",
        "error_expiry_invalid": "Enter the expiry date as MM/YY, for example 08/29",
        "error_expiry_past": "This card has expired. Use another card",
        "error_code_required": "Enter the security code",
        "error_code_invalid": "Enter the 3 or 4 digit security code",
        "error_name_required": "Enter the name as it appears on the card",
        "test_cards": "Test cards",
        "result": "Result",
        "test_cards_intro": "Use any future expiry date, any 3 digit code and any name.",
        "card_succeeded": "payment succeeds",
        "card_declined": "declined by the bank",
        "card_insufficient": "declined: insufficient funds",
        "card_challenge": "asks for a 3-D Secure code (1234 passes)",
        "card_timeout": "the bank does not answer in time",
        "challenge_title": "Confirm it is you",
        "challenge_intro": (
            "Your bank has sent a one-time code to the mobile number it holds for you. "
            "In this test environment the code is 1234."
        ),
        "challenge_code": "One-time code",
        "challenge_hint": "4 digits",
        "challenge_required": "Enter the one-time code",
        "confirm": "Confirm",
        "finished_title": "This payment is already finished",
        "finished_status": "Status",
        "return": "Return to the merchant's site",
        "not_found_title": "Payment not found",
        "not_found_body": "Check the link you followed, or start the payment again.",
        "status_succeeded": "Paid",
        "status_failed": "Not paid",
        "status_cancelled": "Cancelled",
        "status_partially_refunded": "Paid, partly refunded",
        "status_refunded": "Refunded",
        "lock": "Your card details are sent over an encrypted connection.",
    },
    "ar": {
        "bank": "بنك الخليج التجريبي",
        "secure": "دفع آمن",
        "sandbox_banner": "بيئة اختبار: لا تُخصم أي أموال حقيقية.",
        "title": "الدفع بالبطاقة",
        "merchant": "الدفع إلى",
        "description": "مقابل",
        "amount": "المبلغ",
        "card_number": "رقم البطاقة",
        "card_number_hint": "الأرقام الستة عشر على وجه بطاقتكم",
        "expiry": "تاريخ انتهاء الصلاحية",
        "expiry_hint": "كما يظهر على البطاقة، شهر/سنة، مثل 08/29",
        "security_code": "رمز الأمان",
        "security_code_hint": "آخر 3 أرقام على ظهر البطاقة",
        "name": "الاسم على البطاقة",
        "pay": "دفع",
        "cancel": "الإلغاء والعودة",
        "error_summary": "يوجد خطأ في البيانات المدخلة",
        "error_prefix": "خطأ:",
        "error_card_required": "يرجى إدخال رقم البطاقة",
        "error_card_invalid": "رقم البطاقة غير صحيح، يرجى التحقق منه والمحاولة مرة أخرى",
        "error_expiry_required": "يرجى إدخال تاريخ انتهاء الصلاحية",
        "error_expiry_invalid": "يرجى إدخال تاريخ انتهاء الصلاحية بالصيغة شهر/سنة، مثل 08/29",
        "error_expiry_past": "انتهت صلاحية هذه البطاقة، يرجى استخدام بطاقة أخرى",
        "error_code_required": "يرجى إدخال رمز الأمان",
        "error_code_invalid": "يرجى إدخال رمز الأمان المكوّن من 3 أو 4 أرقام",
        "error_name_required": "يرجى إدخال الاسم كما يظهر على البطاقة",
        "test_cards": "بطاقات الاختبار",
        "result": "النتيجة",
        "test_cards_intro": "يمكنكم استخدام أي تاريخ انتهاء مستقبلي وأي رمز من 3 أرقام وأي اسم.",
        "card_succeeded": "تنجح عملية الدفع",
        "card_declined": "يرفضها البنك",
        "card_insufficient": "تُرفض لعدم كفاية الرصيد",
        "card_challenge": "تطلب رمز التحقق 3-D Secure (الرمز 1234 ينجح)",
        "card_timeout": "لا يستجيب البنك في الوقت المحدد",
        "challenge_title": "تأكيد هويتكم",
        "challenge_intro": (
            "أرسل البنك رمز تحقق لمرة واحدة إلى رقم الهاتف النقال المسجل لديه. "
            "في بيئة الاختبار هذه الرمز هو 1234."
        ),
        "challenge_code": "رمز التحقق",
        "challenge_hint": "4 أرقام",
        "challenge_required": "يرجى إدخال رمز التحقق",
        "confirm": "تأكيد",
        "finished_title": "تمت معالجة عملية الدفع هذه",
        "finished_status": "الحالة",
        "return": "العودة إلى موقع الجهة",
        "not_found_title": "لم نعثر على عملية الدفع",
        "not_found_body": "يرجى التحقق من الرابط الذي اتبعتموه، أو بدء عملية الدفع من جديد.",
        "status_succeeded": "مدفوعة",
        "status_failed": "لم تُدفع",
        "status_cancelled": "ملغاة",
        "status_partially_refunded": "مدفوعة، واستُرد جزء من المبلغ",
        "status_refunded": "استُرد المبلغ",
        "lock": "تُرسل بيانات بطاقتكم عبر اتصال مشفّر.",
    },
}

CSS = """
*,*::before,*::after{box-sizing:border-box}
body{margin:0;font-family:"Segoe UI",Tahoma,"Noto Sans Arabic",Arial,sans-serif;
 font-size:1rem;line-height:1.5;color:#1b1b1b;background:#eef1f5}
.banner{background:#5c3b00;color:#fff;padding:.4rem 1rem;text-align:center;font-size:.9rem}
header .bar{background:#0b3d62;color:#fff;padding:.9rem 1rem}
header .inner,main{max-width:34rem;margin:0 auto}
header .inner{display:flex;justify-content:space-between;align-items:center;gap:1rem}
.brand{font-weight:700;font-size:1.15rem}
.secure{font-size:.9rem}
main{padding:1rem}
.card{background:#fff;border:1px solid #c5ccd6;border-radius:6px;padding:1.25rem;
 margin-block-end:1rem}
h1{font-size:1.4rem;margin:0 0 1rem}
h2{font-size:1.1rem;margin:0 0 .5rem}
dl.summary{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}
dl.summary dt{color:#4a4a4a}
dl.summary dd{margin:0;font-weight:600}
.amount{font-size:1.5rem;font-weight:700;color:#0b3d62}
.field{margin-block-end:1rem}
label{display:block;font-weight:600;margin-block-end:.2rem}
.hint{display:block;color:#4a4a4a;font-size:.9rem;margin-block-end:.3rem}
.error-message{display:block;color:#b00020;font-weight:600;margin-block-end:.3rem}
input[type=text],input[type=password]{width:100%;font:inherit;padding:.5rem .6rem;
 border:2px solid #5a6472;border-radius:4px;background:#fff;color:#1b1b1b}
input.short{max-width:9rem}
input[aria-invalid=true]{border-color:#b00020}
.field.has-error{border-inline-start:4px solid #b00020;padding-inline-start:.75rem}
.buttons{display:flex;flex-wrap:wrap;gap:.75rem;align-items:center;margin-block-start:1.25rem}
button{font:inherit;font-weight:700;padding:.6rem 1.4rem;border-radius:4px;cursor:pointer;
 border:2px solid #0b3d62}
button.primary{background:#0b6b3a;border-color:#0b6b3a;color:#fff}
button.secondary{background:#fff;color:#0b3d62}
a{color:#0b3d62}
:focus-visible,:focus{outline:3px solid #ffbf47;outline-offset:2px;
 box-shadow:0 0 0 5px #0b0c0c}
.error-summary{border:4px solid #b00020;padding:1rem;margin-block-end:1rem;background:#fff}
.error-summary ul{margin:.5rem 0 0;padding-inline-start:1.25rem}
.error-summary a{color:#b00020;font-weight:600}
.test-cards{font-size:.9rem}
.test-cards table{border-collapse:collapse;width:100%}
.test-cards th,.test-cards td{text-align:start;padding:.25rem .4rem;
 border-block-end:1px solid #d7dce3}
.lock{color:#4a4a4a;font-size:.9rem}
.visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;
 clip:rect(0 0 0 0);white-space:nowrap}
"""

CARD_ROWS = (
    ("4111 1111 1111 1111", "card_succeeded"),
    ("4000 0000 0000 0002", "card_declined"),
    ("4000 0000 0000 9995", "card_insufficient"),
    ("4000 0000 0000 3220", "card_challenge"),
    ("4000 0000 0000 0119", "card_timeout"),
)


def _t(language: str) -> dict[str, str]:
    return TEXT["ar" if language == "ar" else "en"]


def layout(language: str, title: str, body: str) -> str:
    t = _t(language)
    lang = "ar" if language == "ar" else "en"
    direction = "rtl" if lang == "ar" else "ltr"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}" dir="{direction}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        f"<title>{escape(title)} – {escape(t['bank'])}</title>\n"
        f"<style>{CSS}</style>\n</head>\n<body>\n"
        f'<header><div class="banner">{escape(t["sandbox_banner"])}</div>'
        f'<div class="bar"><div class="inner"><span class="brand">{escape(t["bank"])}</span>'
        f'<span class="secure">{escape(t["secure"])}</span></div></div></header>\n'
        f"<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def _summary(row: Row, merchant_name: str) -> str:
    t = _t(row["language"])
    amount = escape(format_amount(int(row["amount"]), row["language"]))
    description = escape(row["description"]) if row["description"] else ""
    parts = [
        '<dl class="summary">',
        f"<dt>{escape(t['merchant'])}</dt><dd><bdi>{escape(merchant_name)}</bdi></dd>",
    ]
    if description:
        parts.append(f"<dt>{escape(t['description'])}</dt><dd>{description}</dd>")
    parts.append(f'<dt>{escape(t["amount"])}</dt><dd class="amount"><bdi>{amount}</bdi></dd></dl>')
    return "".join(parts)


def _field(
    *,
    name: str,
    label: str,
    hint: str,
    value: str,
    error: str,
    error_prefix: str,
    autocomplete: str,
    numeric: bool,
    short: bool = False,
    maxlength: int = 64,
) -> str:
    described = [f"{name}-hint"] if hint else []
    hint_html = f'<span class="hint" id="{name}-hint">{escape(hint)}</span>' if hint else ""
    error_html = ""
    if error:
        described.append(f"{name}-error")
        error_html = (
            f'<span class="error-message" id="{name}-error">'
            f'<span class="visually-hidden">{escape(error_prefix)} </span>{escape(error)}</span>'
        )
    attributes = [
        'type="text"',
        f'id="{name}"',
        f'name="{name}"',
        f'value="{escape(value)}"',
        f'autocomplete="{autocomplete}"',
        f'maxlength="{maxlength}"',
        'spellcheck="false"',
    ]
    if described:
        attributes.append(f'aria-describedby="{" ".join(described)}"')
    if numeric:
        attributes += ['inputmode="numeric"', 'dir="ltr"']
    if short:
        attributes.append('class="short"')
    if error:
        attributes.append('aria-invalid="true"')
    css = "field has-error" if error else "field"
    return (
        f'<div class="{css}"><label for="{name}">{escape(label)}</label>'
        f"{hint_html}{error_html}"
        f"<input {' '.join(attributes)}></div>"
    )


def error_summary(language: str, errors: dict[str, str]) -> str:
    if not errors:
        return ""
    t = _t(language)
    links = "".join(
        f'<li><a href="#{escape(field)}">{escape(t[key])}</a></li>' for field, key in errors.items()
    )
    return (
        '<div class="error-summary" role="alert" aria-labelledby="error-summary-title"'
        ' tabindex="-1">'
        f'<h2 id="error-summary-title">{escape(t["error_summary"])}</h2><ul>{links}</ul></div>'
    )


def isolate_latin(text: str) -> str:
    """Keep "3-D Secure" in one piece inside Arabic text (escaped text in, HTML out)."""
    return text.replace("3-D Secure", '<bdi dir="ltr">3-D Secure</bdi>')


def test_cards_box(language: str) -> str:
    t = _t(language)
    rows = "".join(
        f'<tr><td><bdi dir="ltr">{number}</bdi></td><td>{isolate_latin(escape(t[key]))}</td></tr>'
        for number, key in CARD_ROWS
    )
    return (
        '<section class="card test-cards" aria-labelledby="test-cards-title">'
        f'<h2 id="test-cards-title">{escape(t["test_cards"])}</h2>'
        f"<p>{escape(t['test_cards_intro'])}</p>"
        f'<table><thead><tr><th scope="col">{escape(t["card_number"])}</th>'
        f'<th scope="col">{escape(t["result"])}</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></section>"
    )


def pay_page(row: Row, merchant_name: str, form: CardForm | None = None) -> str:
    language = row["language"]
    t = _t(language)
    form = form or CardForm()
    errors = form.errors or {}
    title = (t["error_prefix"] + " " if errors else "") + t["title"]
    fields = "".join(
        [
            _field(
                name="card_number",
                label=t["card_number"],
                hint=t["card_number_hint"],
                value=form.card_number,
                error=t[errors["card_number"]] if "card_number" in errors else "",
                error_prefix=t["error_prefix"],
                autocomplete="cc-number",
                numeric=True,
                maxlength=23,
            ),
            _field(
                name="expiry",
                label=t["expiry"],
                hint=t["expiry_hint"],
                value=form.expiry,
                error=t[errors["expiry"]] if "expiry" in errors else "",
                error_prefix=t["error_prefix"],
                autocomplete="cc-exp",
                numeric=True,
                short=True,
                maxlength=7,
            ),
            _field(
                name="security_code",
                label=t["security_code"],
                hint=t["security_code_hint"],
                value=form.security_code,
                error=t[errors["security_code"]] if "security_code" in errors else "",
                error_prefix=t["error_prefix"],
                autocomplete="cc-csc",
                numeric=True,
                short=True,
                maxlength=4,
            ),
            _field(
                name="name",
                label=t["name"],
                hint="",
                value=form.name,
                error=t[errors["name"]] if "name" in errors else "",
                error_prefix=t["error_prefix"],
                autocomplete="cc-name",
                numeric=False,
            ),
        ]
    )
    body = (
        f"{error_summary(language, errors)}"
        f'<section class="card" aria-labelledby="page-title">'
        f'<h1 id="page-title">{escape(t["title"])}</h1>{_summary(row, merchant_name)}</section>'
        f'<form class="card" method="post" action="/gateway/pay/{escape(row["checkout_id"])}"'
        f" novalidate>{fields}"
        f'<div class="buttons"><button type="submit" name="action" value="pay" class="primary">'
        f"{escape(t['pay'])} <bdi>{escape(format_amount(int(row['amount']), language))}</bdi>"
        "</button>"
        f'<button type="submit" name="action" value="cancel" class="secondary">'
        f"{escape(t['cancel'])}</button></div>"
        f'<p class="lock">{escape(t["lock"])}</p></form>'
        f"{test_cards_box(language)}"
    )
    return layout(language, title, body)


def challenge_page(row: Row, merchant_name: str, error: str = "") -> str:
    language = row["language"]
    t = _t(language)
    errors = {"code": "challenge_required"} if error else {}
    field = _field(
        name="code",
        label=t["challenge_code"],
        hint=t["challenge_hint"],
        value="",
        error=t["challenge_required"] if error else "",
        error_prefix=t["error_prefix"],
        autocomplete="one-time-code",
        numeric=True,
        short=True,
        maxlength=8,
    )
    title = (t["error_prefix"] + " " if errors else "") + t["challenge_title"]
    body = (
        f"{error_summary(language, errors)}"
        f'<form class="card" method="post"'
        f' action="/gateway/pay/{escape(row["checkout_id"])}/challenge" novalidate>'
        f"<h1>{escape(t['challenge_title'])}</h1>{_summary(row, merchant_name)}"
        f"<p>{escape(t['challenge_intro'])}</p>{field}"
        f'<div class="buttons"><button type="submit" name="action" value="confirm"'
        f' class="primary">{escape(t["confirm"])}</button>'
        f'<button type="submit" name="action" value="cancel" class="secondary">'
        f"{escape(t['cancel'])}</button></div></form>"
    )
    return layout(language, title, body)


def finished_page(row: Row, merchant_name: str, return_href: str) -> str:
    language = row["language"]
    t = _t(language)
    status = t.get("status_" + row["status"]) or str(row["status"])
    body = (
        f'<section class="card" aria-labelledby="page-title">'
        f'<h1 id="page-title">{escape(t["finished_title"])}</h1>{_summary(row, merchant_name)}'
        f"<p>{escape(t['finished_status'])}: <strong>{escape(status)}</strong></p>"
        f'<p><a href="{escape(return_href)}">{escape(t["return"])}</a></p></section>'
    )
    return layout(language, t["finished_title"], body)


def not_found_page(language: str = "en") -> str:
    t = _t(language)
    body = (
        f'<section class="card"><h1>{escape(t["not_found_title"])}</h1>'
        f"<p>{escape(t['not_found_body'])}</p></section>"
    )
    return layout(language, t["not_found_title"], body)
