"""Lists, dates and file sizes read right in each language."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.html import format_html

from bawaba.core.display import datetime_text, file_size, list_comma

MORNING = datetime.datetime(2026, 12, 16, 9, 5, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("language", "comma"),
    [("ar", "، "), ("en", ", ")],
)
def test_a_list_takes_the_comma_of_its_language(language, comma):
    assert list_comma(language) == comma
    with translation.override(language):
        assert Template("{% load portal %}A{% list_comma %}B").render(Context()) == f"A{comma}B"


@pytest.mark.parametrize(
    ("language", "value", "text"),
    [
        ("en", MORNING, "16 December 2026, 09:05"),
        ("ar", MORNING, "16 ديسمبر 2026، 09:05"),
        ("en", datetime.date(2026, 1, 3), "3 January 2026"),
        ("ar", datetime.date(2026, 1, 3), "3 يناير 2026"),
        ("en", None, ""),
    ],
)
def test_a_date_and_time_takes_the_comma_of_its_language(language, value, text):
    with translation.override(language):
        assert datetime_text(value) == text


@pytest.mark.parametrize(
    ("size", "english", "arabic"),
    [
        (0, "0 bytes", "0 بايت"),
        (1, "1 byte", "1 بايت"),
        (2, "2 bytes", "2 بايتان"),
        (3, "3 bytes", "3 بايتات"),
        (10, "10 bytes", "10 بايتات"),
        (11, "11 bytes", "11 بايتًا"),
        (99, "99 bytes", "99 بايتًا"),
        (100, "100 bytes", "100 بايت"),
        (102, "102 bytes", "102 بايت"),
        (303, "303 bytes", "303 بايتات"),
        (311, "311 bytes", "311 بايتًا"),
        (1024, "1 KB", "1 كيلوبايت"),
        (1536, "1.5 KB", "1.5 كيلوبايت"),
        (2 * 1024 * 1024, "2 MB", "2 ميغابايت"),
        (int(2.25 * 1024 * 1024), "2.2 MB", "2.2 ميغابايت"),
        (3 * 1024**3, "3 GB", "3 غيغابايت"),
        (None, "0 bytes", "0 بايت"),
    ],
)
def test_a_file_size_uses_the_plural_form_of_its_number(size, english, arabic):
    with translation.override("en"):
        assert file_size(size) == english
    with translation.override("ar"):
        assert file_size(size) == arabic


@pytest.mark.parametrize(
    ("template", "value", "html"),
    [
        ("{{ v|isolate }}", "+973 3600 0001", '<bdi dir="ltr">+973 3600 0001</bdi>'),
        ("{{ v|isolate }}", "APP-7K3Q-9MXD", '<bdi dir="ltr">APP-7K3Q-9MXD</bdi>'),
        ('{{ v|isolate:"auto" }}', "ملاحظة", '<bdi dir="auto">ملاحظة</bdi>'),
        ('{{ v|isolate:"rtl" }}', "فاطمة", '<bdi dir="rtl">فاطمة</bdi>'),
        ('{{ v|isolate:"sideways" }}', "x", '<bdi dir="auto">x</bdi>'),
        ("{{ v|isolate }}", "<b>a&b</b>", '<bdi dir="ltr">&lt;b&gt;a&amp;b&lt;/b&gt;</bdi>'),
        ("{{ v|isolate }}", 900101234, '<bdi dir="ltr">900101234</bdi>'),
        ("{{ v|isolate }}", None, ""),
        ('{{ v|isolate|default:"—" }}', "", "—"),
        ('{{ v|dinars|isolate:"auto" }}', 1500, '<bdi dir="auto">BD 1.500</bdi>'),
        # A reference or code: left to right and on one line (see .isolate-code in the CSS).
        (
            '{{ v|isolate:"code" }}',
            "APP-7K3Q-9MXD",
            '<bdi dir="ltr" class="isolate-code">APP-7K3Q-9MXD</bdi>',
        ),
        ('{{ v|isolate:"code" }}', "<x>", '<bdi dir="ltr" class="isolate-code">&lt;x&gt;</bdi>'),
        ('{{ v|isolate:"code"|default:"—" }}', None, "—"),
    ],
)
def test_a_value_of_the_other_direction_sits_in_an_escaped_isolate(template, value, html):
    with translation.override("en"):
        assert Template("{% load portal %}" + template).render(Context({"v": value})) == html


@pytest.mark.parametrize(
    ("widget", "ltr"),
    [
        ({"type": "email", "attrs": {}}, True),
        ({"type": "tel", "attrs": {}}, True),
        ({"type": "text", "attrs": {"inputmode": "tel"}}, True),
        ({"type": "text", "attrs": {"inputmode": "numeric"}}, True),
        ({"type": "text", "attrs": {"inputmode": "decimal"}}, True),
        ({"type": "text", "attrs": {}}, False),
        ({"type": "text", "attrs": {"inputmode": "tel", "dir": "rtl"}}, False),
        ({"type": "email", "attrs": {"dir": "ltr"}}, False),  # already says so
    ],
)
def test_inputs_of_numbers_and_addresses_are_left_to_right(widget, ltr):
    from bawaba.core.templatetags.portal import writes_left_to_right

    assert writes_left_to_right(widget) is ltr


def test_markup_the_portal_built_is_not_wrapped_again():
    listing = format_html('<ul class="list-plain"><li>{}</li></ul>', "<x>")
    html = Template('{% load portal %}{{ v|isolate:"auto" }}').render(Context({"v": listing}))
    assert html == '<ul class="list-plain"><li>&lt;x&gt;</li></ul>'


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("اتصلوا على +973 3600 0001.", 'اتصلوا على <bdi dir="ltr">+973 3600 0001</bdi>.'),
        ("الرقم 1700 0000 فقط", 'الرقم <bdi dir="ltr">1700 0000</bdi> فقط'),
        ("call +97317000000", 'call <bdi dir="ltr">+97317000000</bdi>'),
        ("صورة البطاقة 2 غير واضحة", "صورة البطاقة 2 غير واضحة"),  # one number: nothing to turn
        ("BD 2.000 وليس 2.500", "BD 2.000 وليس 2.500"),
        ("<b>1 2</b> & co", '&lt;b&gt;<bdi dir="ltr">1 2</bdi>&lt;/b&gt; &amp; co'),
        ("", ""),
        (None, ""),
    ],
)
def test_numbers_in_groups_inside_typed_text_sit_in_an_isolate(text, html):
    rendered = Template("{% load portal %}{{ v|numbers_isolated }}").render(Context({"v": text}))
    assert rendered == html


def test_the_portal_css_keeps_a_code_on_one_left_to_right_line():
    from pathlib import Path

    from django.conf import settings

    css = (Path(settings.BASE_DIR) / "static" / "css" / "bawaba.css").read_text(encoding="utf-8")
    rule = css[css.index(".isolate-code {") :].split("}", 1)[0]
    for declaration in ("direction: ltr", "unicode-bidi: isolate", "white-space: nowrap"):
        assert declaration in rule
