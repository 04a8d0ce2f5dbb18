"""The template editor's read of the last saved text is for those who may edit templates."""

import pytest
from django.contrib.auth.models import Permission

from bawaba.accounts.tests.factories import UserFactory
from bawaba.notifications.models import MessageTemplate
from bawaba.notifications.selectors import message_template_last_edit

pytestmark = pytest.mark.django_db


def test_the_last_template_edit_is_read_only_by_those_who_may_edit_templates(db):
    editor = UserFactory.create(is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="change_messagetemplate"))
    saved = MessageTemplate.objects.create(
        event="catalogue.revision_submitted", channel="email", language="en", body="Hello"
    )
    found = message_template_last_edit(
        user=editor, event="catalogue.revision_submitted", channel="email"
    )
    assert found == saved
    assert (
        message_template_last_edit(
            user=UserFactory.create(), event="catalogue.revision_submitted", channel="email"
        )
        is None
    )
