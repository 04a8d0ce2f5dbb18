"""The demo forum topics load through the posting rules and moderation, once."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from bawaba.participation.forums.models import Reply, Thread
from bawaba.participation.models import ContributionState, ModerationCase, ModerationState

pytestmark = pytest.mark.django_db


def test_the_demo_topics_load_once_published_by_the_moderator(settings: Any) -> None:
    settings.DEMO_DATA_ALLOWED = True
    call_command("load_demo")
    call_command("load_demo_participation", "forums")
    call_command("load_demo_participation", "forums")
    assert Thread.objects.count() == 3
    assert Thread.objects.filter(state=ContributionState.PUBLISHED).count() == 2
    assert Thread.objects.filter(state=ContributionState.PENDING).count() == 1
    assert Reply.objects.filter(state=ContributionState.PUBLISHED).count() == 3
    official = Reply.objects.get(official_organisation__isnull=False)
    assert official.official_organisation is not None
    assert official.official_organisation.slug == "ministry-of-health"
    assert ModerationCase.objects.filter(state=ModerationState.APPROVED).count() == 4
    assert ModerationCase.objects.filter(state=ModerationState.PENDING).count() == 1
    health = Thread.objects.get(category__slug="health")
    assert health.reply_count == 2
