"""The forum's posts as moderated kinds of the participation foundation: a
topic's opening post and a reply go to the queue of the provider who looks
after the topic (or the portal's own), and its author and moderator read the
topic's title as where it was written."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from django.utils.translation import gettext_lazy

from bawaba.participation.forums.models import Reply, Thread
from bawaba.participation.moderation import ModeratedKind, moderated_kind_register

THREAD_KIND = "forums.thread"
REPLY_KIND = "forums.reply"


def _title(thread: Thread) -> dict[str, str]:
    # The title is written by a person, in one language: both pages show it as written.
    return {"ar": thread.title, "en": thread.title}


def _thread_link(thread: Thread) -> tuple[str, dict[str, Any]]:
    return "forums:thread", {"pk": thread.pk}


def _reply_link(reply: Reply) -> tuple[str, dict[str, Any]]:
    return "forums:reply", {"pk": reply.pk}


def _reply_decided(reply: Reply) -> None:
    from bawaba.participation.forums.actions import thread_counts_refresh

    thread_counts_refresh(thread_id=reply.thread_id)


def _callbacks(**callbacks: Any) -> dict[str, Any]:
    """The callbacks the foundation's ``ModeratedKind`` knows of: ``decided``
    (called once a moderator published or took down a post) is asked of it
    and passed as soon as it has it."""
    known = {field.name for field in fields(ModeratedKind)}
    return {name: value for name, value in callbacks.items() if name in known}


def register_kinds() -> None:
    moderated_kind_register(
        ModeratedKind(
            code=THREAD_KIND,
            name=gettext_lazy("Forum topic"),
            model=Thread,
            organisation=lambda thread: thread.organisation_id,
            where=_title,
            link=_thread_link,
        )
    )
    moderated_kind_register(
        ModeratedKind(
            code=REPLY_KIND,
            name=gettext_lazy("Forum reply"),
            model=Reply,
            organisation=lambda reply: reply.thread.organisation_id,
            where=lambda reply: _title(reply.thread),
            link=_reply_link,
            **_callbacks(decided=_reply_decided),
        )
    )
