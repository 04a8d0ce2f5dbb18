"""The shipped Arabic messages address people in the polite plural, like the
portal's pages ("طلبكم", "يمكنكم"), never in the singular ("طلبك", "يمكنك")."""

import importlib
import re

import pytest
from django.apps import apps

from bawaba.notifications.models import MessageTemplate
from bawaba.notifications.templates_store import default_templates

# Words that end in kaf without being "you" (singular).
NOT_A_PRONOUN = {"ذلك", "بذلك", "لذلك", "كذلك", "هناك", "بنك", "البنك"}
# Singular imperatives and verbs the messages used to have.
SINGULAR_VERBS = {"ادفع", "افتح", "احتفظ", "راجعه", "عدّل", "تقم", "تكن", "ترسله", "تكمله"}
WORD = re.compile(r"[\u0621-\u064a\u0651]+")


def _arabic_texts():
    for event, channels in default_templates().items():
        for channel, languages in channels.items():
            text = languages["ar"]
            yield pytest.param(f"{text['subject']}\n{text['body']}", id=f"{event}-{channel}")


@pytest.mark.parametrize("text", list(_arabic_texts()))
def test_shipped_arabic_messages_address_people_in_the_plural(text):
    words = WORD.findall(text)
    singular = [
        word
        for word in words
        if (word.endswith("ك") and word not in NOT_A_PRONOUN) or word in SINGULAR_VERBS
    ]
    assert not singular, singular


MIGRATION = importlib.import_module(
    "bawaba.notifications.migrations.0003_arabic_messages_in_the_plural"
)


def test_the_migration_brings_exactly_the_shipped_wording():
    shipped = default_templates()
    for (event, channel), (_before, after) in MIGRATION.CHANGES.items():
        text = shipped[event][channel]["ar"]
        assert after == (text["subject"], text["body"]), (event, channel)


@pytest.mark.django_db
def test_rows_never_edited_take_the_plural_wording_and_edited_rows_stay():
    (before, after) = MIGRATION.CHANGES[("account.welcome", "inbox")]
    untouched = MessageTemplate.objects.get(event="account.welcome", channel="inbox", language="ar")
    untouched.subject, untouched.body = before
    untouched.save()
    edited = MessageTemplate.objects.get(event="account.welcome", channel="email", language="ar")
    edited.subject, edited.body = "أهلاً وسهلاً", "نص كتبه الموظفون {name}"
    edited.save()
    english = MessageTemplate.objects.get(event="account.welcome", channel="inbox", language="en")

    MIGRATION.forwards(apps, None)

    untouched.refresh_from_db()
    assert (untouched.subject, untouched.body) == after
    edited.refresh_from_db()
    assert (edited.subject, edited.body) == ("أهلاً وسهلاً", "نص كتبه الموظفون {name}")
    assert MessageTemplate.objects.get(pk=english.pk).body == english.body
