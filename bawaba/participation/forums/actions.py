"""Changes to the forums: starting a topic, replying (perhaps quoting an
earlier reply), and changing one's own post within the edit window. The
rules every post keeps, pre-moderation, the hourly limit and blocks are the
participation foundation's (``participation.actions``): these actions add
the forum's own fields and keep each topic's count and latest activity."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from bawaba.accounts.models import Organisation, User
from bawaba.catalogue.models import Category
from bawaba.core.audit import audit_record
from bawaba.notifications.actions import notify
from bawaba.participation import actions as participation
from bawaba.participation import posting
from bawaba.participation.actions import PostingError
from bawaba.participation.forums.models import TITLE_MAX_LENGTH, Reply, Thread
from bawaba.participation.forums.selectors import thread_providers
from bawaba.participation.models import ContributionState


def title_clean(title: str) -> str:
    """The title as stored, or PostingError with the person's message."""
    errors = posting.body_errors(title, TITLE_MAX_LENGTH)
    if errors:
        raise PostingError(errors[0], code="forums.title.invalid")
    return " ".join(posting.body_clean(title).split())


@transaction.atomic
def thread_start(
    *,
    user: User,
    category: Category,
    title: str,
    body: str,
    provider: Organisation | None = None,
    official_organisation: Organisation | None = None,
) -> Thread:
    """Open a topic in ``category``, looked after by ``provider`` (one that
    offers services in the theme) or, with none, by the portal's moderators."""
    cleaned_title = title_clean(title)
    if provider is not None and not thread_providers(category).filter(pk=provider.pk).exists():
        raise PostingError(_("Choose a provider from the list."), code="forums.thread.provider")
    fields = participation.contribution_fields(
        user=user, body=body, official_organisation=official_organisation
    )
    thread = Thread.objects.create(
        **fields,
        title=cleaned_title,
        category=category,
        organisation=provider,
        last_activity_at=timezone.now(),
    )
    participation.contribution_posted(content=thread)
    return thread


@transaction.atomic
def reply_post(
    *,
    user: User,
    thread: Thread,
    body: str,
    quote: Reply | None = None,
    official_organisation: Organisation | None = None,
) -> Reply:
    """Answer a published topic; a published reply counts at once, one
    waiting for a moderator only once it is published."""
    locked = Thread.objects.select_for_update().get(pk=thread.pk)
    if locked.state != ContributionState.PUBLISHED:
        raise PostingError(
            _("You can reply once the topic is published."), code="forums.reply.closed"
        )
    if quote is not None and (quote.thread_id != locked.pk or not quote.is_published):
        raise PostingError(
            _("The reply you quoted is not in this topic."), code="forums.reply.quote"
        )
    fields = participation.contribution_fields(
        user=user, body=body, official_organisation=official_organisation
    )
    reply = Reply.objects.create(**fields, thread=locked, quote=quote)
    if reply.is_published:
        Thread.objects.filter(pk=locked.pk).update(
            reply_count=F("reply_count") + 1, last_activity_at=reply.created_at
        )
    participation.contribution_posted(content=reply)
    if reply.official_organisation_id is not None and locked.author_id != user.pk:
        _official_answer_told(thread=locked, reply=reply)
    return reply


def _official_answer_told(*, thread: Thread, reply: Reply) -> None:
    """Tell the topic's author that a provider answered it officially."""
    organisation = reply.official_organisation
    assert organisation is not None  # noqa: S101  # only official answers are told
    notify(
        recipient=thread.author,
        event="forums.official_answer",
        idempotency_key=f"forums:official:{reply.pk}",
        values={
            "topic": thread.title,
            "provider": {"ar": organisation.name_ar, "en": organisation.name_en},
        },
        link="forums:reply",
        link_kwargs={"pk": reply.pk},
    )


@transaction.atomic
def thread_edit(*, thread: Thread, user: User, title: str, body: str) -> Thread:
    """The author changes a topic's title and opening post within the window."""
    cleaned_title = title_clean(title)
    edited = participation.contribution_edit(content=thread, user=user, body=body)
    assert isinstance(edited, Thread)  # noqa: S101  # contribution_edit returns the same model
    if edited.title != cleaned_title:
        edited.title = cleaned_title
        edited.save(update_fields=["title"])
        audit_record(action="forums.thread.retitled", actor=user, data={"id": edited.pk})
    return edited


def reply_edit(*, reply: Reply, user: User, body: str) -> Reply:
    edited = participation.contribution_edit(content=reply, user=user, body=body)
    assert isinstance(edited, Reply)  # noqa: S101  # contribution_edit returns the same model
    return edited


@transaction.atomic
def thread_counts_refresh(*, thread_id: int) -> None:
    """Count a topic's published replies and its latest activity again,
    after a moderator published or took down one of them. For the
    foundation's ``moderation_decide`` to call once it calls back the space
    whose post it decided on; until then a reply published after moderation
    shows on its topic's page but not in the topic's count on the theme page."""
    thread = Thread.objects.select_for_update().filter(pk=thread_id).first()
    if thread is None:
        return
    published = Reply.objects.filter(thread_id=thread_id, state=ContributionState.PUBLISHED)
    latest = published.aggregate(latest=Max("created_at"))["latest"]
    thread.reply_count = published.count()
    thread.last_activity_at = max(filter(None, [thread.created_at, latest]))
    thread.save(update_fields=["reply_count", "last_activity_at"])
