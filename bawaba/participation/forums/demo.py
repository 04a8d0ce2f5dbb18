"""Demo forum topics (``demo.json``): written by the demo citizen and
resident through the same rules as real posts; their accounts are new, so
their posts wait and the demo portal moderator publishes them, except one
left waiting in the queue. A provider's case worker answers officially.
Idempotent: a topic whose title exists is left alone."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.db import transaction

from bawaba.accounts.models import Organisation, User
from bawaba.catalogue.models import Category
from bawaba.participation import actions as participation
from bawaba.participation.demo import DemoLoader, demo_loader_register
from bawaba.participation.forums import actions
from bawaba.participation.forums.models import Thread
from bawaba.participation.forums.selectors import thread_providers
from bawaba.participation.models import Contribution, ModerationCase, ModerationState
from bawaba.participation.permissions import official_organisations

DEMO_FILE = Path(__file__).with_name("demo.json")


def _published_by(moderator: User, post: Contribution, kind: str) -> None:
    case = ModerationCase.objects.filter(
        content_kind=kind, content_id=post.pk, state=ModerationState.PENDING
    ).first()
    if case is not None:
        participation.moderation_decide(case_id=case.pk, user=moderator, move="approve", reason="")


@transaction.atomic
def demo_forums_load() -> int:
    """Create the demo topics; returns how many were created (0 when the demo
    accounts or catalogue are not loaded)."""
    data: dict[str, Any] = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    people = {user.email: user for user in User.objects.filter(email__in=list(data["names"]))}
    moderator = User.objects.filter(email=data["moderator"]).first()
    if moderator is None or len(people) != len(data["names"]):
        return 0
    for email, name in data["names"].items():
        if participation.participant_get(people[email]) is None:
            participation.participant_set(user=people[email], display_name=name)
    created = 0
    for row in data["topics"]:
        category = Category.objects.filter(slug=row["category"]).first()
        if category is None or Thread.objects.filter(title=row["title"]).exists():
            continue
        provider = (
            thread_providers(category).filter(slug=row["provider"]).first()
            if row["provider"]
            else None
        )
        thread = actions.thread_start(
            user=people[row["author"]],
            category=category,
            title=row["title"],
            body=row["body"],
            provider=provider,
        )
        if row.get("waiting"):
            created += 1
            continue
        _published_by(moderator, thread, "forums.thread")
        for answer in row["replies"]:
            author = people[answer["author"]]
            official: Organisation | None = None
            if answer.get("official") and provider is not None:
                official = official_organisations(author).filter(pk=provider.pk).first()
            thread.refresh_from_db()
            reply = actions.reply_post(
                user=author, thread=thread, body=answer["body"], official_organisation=official
            )
            _published_by(moderator, reply, "forums.reply")
        actions.thread_counts_refresh(thread_id=thread.pk)
        created += 1
    return created


def register_demo() -> None:
    """Give ``load_demo_participation`` this space's loader (from the app's ready())."""
    demo_loader_register(DemoLoader(space="forums", what="forum topics", load=demo_forums_load))
