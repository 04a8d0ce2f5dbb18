import pytest

from bawaba.notifications.events import event_list
from bawaba.notifications.models import MessageTemplate, TemplateChannel
from bawaba.notifications.rendering import (
    TemplateTextError,
    check_placeholders,
    fill,
    placeholders_in,
    render_email,
    render_sms,
)
from bawaba.notifications.templates_store import (
    default_templates,
    ensure_default_templates,
    shipped_rows,
    template_gaps,
)


def test_every_event_ships_every_channel_in_both_languages():
    """Fails when a template exists in one language only (or not at all)."""
    assert template_gaps(shipped_rows()) == []
    assert set(default_templates()) == {event.key for event in event_list()}


@pytest.mark.parametrize(
    ("event", "channel", "language"),
    [
        (event.key, channel, language)
        for event in event_list()
        for channel in TemplateChannel.values
        for language in ("ar", "en")
    ],
)
def test_shipped_templates_use_only_their_events_placeholders(event, channel, language):
    text = default_templates()[event][channel][language]
    allowed = next(item for item in event_list() if item.key == event).placeholder_names
    check_placeholders(text["subject"], allowed)
    check_placeholders(text["body"], allowed)
    if channel != TemplateChannel.SMS:
        assert text["subject"].strip()


@pytest.mark.django_db
def test_the_database_holds_every_template_after_migrate_and_gaps_are_reported():
    assert template_gaps() == []
    MessageTemplate.objects.filter(event="account.welcome", channel="sms", language="en").delete()
    gaps = template_gaps()
    assert [(gap.event, gap.channel, gap.missing_languages) for gap in gaps] == [
        ("account.welcome", "sms", ("en",))
    ]
    assert ensure_default_templates() == 1
    assert template_gaps() == []


@pytest.mark.django_db
def test_seeding_never_overwrites_an_edited_template():
    MessageTemplate.objects.filter(event="account.welcome", channel="sms").update(body="edited")
    assert ensure_default_templates() == 0
    assert set(
        MessageTemplate.objects.filter(event="account.welcome", channel="sms").values_list(
            "body", flat=True
        )
    ) == {"edited"}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Hello {name}", ["name"]),
        ("{name} {when} {name}", ["name", "when", "name"]),
        ("Braces {{like this}}", []),
        ("مرحباً {name}، رقم الطلب {reference}", ["name", "reference"]),
    ],
)
def test_placeholders_are_found(text, names):
    assert placeholders_in(text) == names


@pytest.mark.parametrize(
    "text", ["{name", "name}", "{name.upper}", "{name[0]}", "{name!r}", "{name:>10}", "{0}", "{}"]
)
def test_anything_but_a_plain_placeholder_is_refused(text):
    with pytest.raises(TemplateTextError):
        placeholders_in(text)


def test_fill_leaves_missing_values_empty_and_keeps_literal_braces():
    assert fill("Hi {name}{{x}} {other}", {"name": "Ali"}) == "Hi Ali{x} "


def test_arabic_email_is_right_to_left_and_values_are_escaped_in_html():
    email = render_email(
        subject="تم استلام طلبك {name}",
        body="مرحباً {name}،\n\nسطر أول\nسطر ثانٍ",
        values={"name": "<b>مريم</b>"},
        language="ar",
        link="/ar/accounts/messages/",
    )
    assert '<html lang="ar" dir="rtl">' in email.html
    assert "&lt;b&gt;مريم&lt;/b&gt;" in email.html
    assert "<b>مريم</b>" not in email.html
    assert "<p>سطر أول<br>سطر ثانٍ</p>" in email.html
    assert "http://127.0.0.1:8000/ar/accounts/messages/" in email.html
    assert "مرحباً <b>مريم</b>،" in email.text  # plain text is not HTML-escaped
    assert "في بوابة: http://127.0.0.1:8000/ar/accounts/messages/" in email.text


def test_english_email_is_left_to_right():
    email = render_email(subject="Hello", body="Body {name}", values={"name": "Ali"}, language="en")
    assert '<html lang="en" dir="ltr">' in email.html
    assert email.text.startswith("Body Ali\n")
    assert "Choose how we contact you" in email.html


@pytest.mark.parametrize(
    ("body", "values", "expected"),
    [
        ("Bawaba: code {code}", {"code": "123456"}, "Bawaba: code 123456"),
        ("بوابة:  رمزك\n{code}", {"code": "١٢٣"}, "بوابة: رمزك ١٢٣"),
    ],
)
def test_sms_text_is_one_line(body, values, expected):
    assert render_sms(body=body, values=values) == expected
