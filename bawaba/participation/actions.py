"""Changes every participation space shares: the name people post under,
posting (the rules, then pre-moderation for new accounts), editing within
the window, reporting, moderators' decisions and blocks. Each change writes
its audit row; every decision reaches the post's author through the outbox.

A space (a forum, say) creates its own post with ``contribution_fields``
and then calls ``contribution_posted`` in the same transaction."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bawaba.accounts.models import Organisation, User
from bawaba.cases.actions import case_lock, case_transition
from bawaba.cases.calendar import calendar_for
from bawaba.cases.deadlines import due_date, end_of_day
from bawaba.cases.models import Visibility
from bawaba.cases.references import reference_new
from bawaba.core.audit import audit_record
from bawaba.core.errors import ApplicationError
from bawaba.notifications.actions import notify
from bawaba.participation import posting
from bawaba.participation.models import (
    Block,
    Contribution,
    ContributionState,
    ModerationCase,
    ModerationEvent,
    ModerationState,
    Participant,
)
from bawaba.participation.moderation import MODERATION, ModerationError, content_get, kind_of
from bawaba.participation.permissions import is_portal_moderator, official_organisations

REASON_MAX_LENGTH = 2000


class PostingError(ApplicationError):
    code = "participation.posting"


def participant_get(user: Any) -> Participant | None:
    if not getattr(user, "pk", None):
        return None
    return Participant.objects.filter(user=user).first()


def block_active(user: Any) -> Block | None:
    if not getattr(user, "pk", None):
        return None
    return Block.objects.filter(user=user, lifted_at__isnull=True).first()


@transaction.atomic
def participant_set(*, user: User, display_name: str, business_name: str = "") -> Participant:
    """Choose the name shown with ``user``'s posts (and the business a
    business representative answers for). Posts already written keep the
    name they were posted under."""
    participant, _created = Participant.objects.update_or_create(
        user=user,
        defaults={
            "display_name": posting.body_clean(display_name),
            "business_name": posting.body_clean(business_name),
        },
    )
    audit_record(action="participation.participant.named", actor=user, data={})
    return participant


def posting_refusal(user: Any) -> str | None:
    """Why ``user`` may not post now, in their language, or None."""
    if not getattr(user, "pk", None) or not user.is_active:
        return _("Sign in to take part.")
    if block_active(user) is not None:
        return _(
            "Your account has been stopped from posting. "
            "The reason is in your messages on the portal."
        )
    if posting.over_post_limit(user):
        return _("You have posted a lot in the last hour. Wait a little, then try again.")
    return None


def contribution_fields(
    *, user: User, body: str, official_organisation: Organisation | None = None
) -> dict[str, Any]:
    """The fields of a new post by ``user``, once it keeps every rule: the
    name it is shown under, its text cleaned, and whether it is published
    now or waits for a moderator (a new account's post, unless it is an
    official answer). Raises PostingError with the person's message."""
    refusal = posting_refusal(user)
    if refusal:
        raise PostingError(refusal, code="participation.posting.refused")
    participant = participant_get(user)
    if participant is None:
        raise PostingError(
            _("Choose the name shown with your posts first."),
            code="participation.posting.unnamed",
        )
    errors = posting.body_errors(body) + posting.link_errors(user, body)
    if errors:
        raise PostingError(errors[0], code="participation.posting.invalid")
    if official_organisation is not None and not (
        official_organisations(user).filter(pk=official_organisation.pk).exists()
    ):
        raise PostingError(
            _("You cannot answer for this provider."), code="participation.posting.official"
        )
    held = official_organisation is None and posting.is_new_account(user)
    return {
        "author": user,
        "author_name": official_organisation.name
        if official_organisation
        else participant.shown_name,
        "is_business": bool(participant.business_name) and official_organisation is None,
        "official_organisation": official_organisation,
        "body": posting.body_clean(body),
        "state": ContributionState.PENDING if held else ContributionState.PUBLISHED,
    }


def moderation_due(organisation_id: int | None, now: datetime.datetime) -> datetime.datetime:
    """When a moderator owes a decision on a post that waits or was reported
    now: the end of the ``MODERATION_DAYS``-th working day after, on the
    provider's working calendar (the portal's for its own queue)."""
    calendar = calendar_for(organisation_id)
    return end_of_day(due_date(calendar, now, posting.setting("MODERATION_DAYS")))


def _case_open(content: Contribution, state: str) -> ModerationCase:
    kind = kind_of(content)
    organisation_id = kind.organisation(content)
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return ModerationCase.objects.create(
                    reference=reference_new("MOD"),
                    state=state,
                    organisation_id=organisation_id,
                    content_kind=kind.code,
                    content_id=content.pk,
                    author_id=content.author_id,
                    due_at=moderation_due(organisation_id, timezone.now()),
                )
        except IntegrityError:
            existing = ModerationCase.objects.filter(
                content_kind=kind.code, content_id=content.pk
            ).first()
            if existing is not None:
                return existing
    raise RuntimeError("no free moderation reference")


def contribution_posted(*, content: Contribution) -> ModerationCase | None:
    """Count the post against its author's hourly limit and, when it waits
    for a moderator, open its case in the queue of the space's provider."""
    posting.post_counted(content.author)
    kind = kind_of(content)
    audit_record(
        action="participation.post.created",
        actor=content.author,
        data={"kind": kind.code, "id": content.pk, "held": not content.is_published},
    )
    if content.state != ContributionState.PENDING:
        return None
    case = _case_open(content, ModerationState.PENDING)
    MODERATION.record(case, "held", content.author, "", text="")
    return case


def contribution_editable(
    content: Contribution,
    user: Any,
    *,
    now: datetime.datetime | None = None,
    blocked: bool | None = None,
) -> bool:
    """The author may change a post for a short while after writing it.
    A page showing many posts reads the person's block once and passes it
    as ``blocked``; None looks it up."""
    now = now or timezone.now()
    window = datetime.timedelta(minutes=posting.setting("EDIT_MINUTES"))
    if not (
        getattr(user, "pk", None) == content.author_id
        and content.state in (ContributionState.PUBLISHED, ContributionState.PENDING)
        and now - content.created_at <= window
    ):
        return False
    if blocked is None:
        blocked = block_active(user) is not None
    return not blocked


@transaction.atomic
def contribution_edit(*, content: Contribution, user: User, body: str) -> Contribution:
    locked = type(content)._default_manager.select_for_update().get(pk=content.pk)
    if not contribution_editable(locked, user):
        raise PostingError(
            _("This post can no longer be changed."), code="participation.posting.locked"
        )
    errors = posting.body_errors(body) + posting.link_errors(user, body)
    if errors:
        raise PostingError(errors[0], code="participation.posting.invalid")
    locked.body = posting.body_clean(body)
    locked.edited_at = timezone.now()
    locked.save(update_fields=["body", "edited_at"])
    audit_record(
        action="participation.post.edited",
        actor=user,
        data={"kind": kind_of(locked).code, "id": locked.pk},
    )
    return locked


@transaction.atomic
def contribution_report(*, content: Contribution, reporter: User, reason: str) -> ModerationCase:
    """A reader reports a published post: it goes to the moderators' queue
    (with the reader's reason, which only staff read) and stays up until a
    moderator decides. Reports of a post already waiting add to its count."""
    refusal = posting_refusal(reporter)
    if refusal:
        raise PostingError(refusal, code="participation.report.refused")
    errors = posting.body_errors(reason, REASON_MAX_LENGTH)
    if errors:
        raise PostingError(errors[0], code="participation.report.invalid")
    if reporter.pk == content.author_id:
        raise PostingError(_("You cannot report your own post."), code="participation.report.own")
    posting.post_counted(reporter)
    kind = kind_of(content)
    existing = ModerationCase.objects.filter(content_kind=kind.code, content_id=content.pk).first()
    if existing is None:
        case = _case_open(content, ModerationState.REPORTED)
        case.reports = 1
        case.save(update_fields=["reports"])
        MODERATION.record(
            case,
            "reported",
            reporter,
            "",
            text=posting.body_clean(reason),
            visibility=Visibility.STAFF,
        )
    else:
        case = case_lock(ModerationCase.objects, pk=existing.pk)
        if case.state != ModerationState.REJECTED:
            move = "report" if case.state == ModerationState.APPROVED else "report_again"
            case.reports += 1
            if move == "report":
                case.decided_at = None
                case.due_at = moderation_due(case.organisation_id, timezone.now())
            case_transition(
                MODERATION,
                case,
                move,
                actor=reporter,
                update_fields=["reports", "decided_at", "due_at"],
                text=posting.body_clean(reason),
                visibility=Visibility.STAFF,
            )
    audit_record(
        action="participation.post.reported",
        actor=reporter,
        data={"kind": kind.code, "id": content.pk, "case": str(case.pk)},
    )
    return case


_TOLD = {
    (ModerationState.PENDING, "approve"): "participation.post.approved",
    (ModerationState.PENDING, "reject"): "participation.post.rejected",
    (ModerationState.REPORTED, "approve"): "participation.post.kept",
    (ModerationState.REPORTED, "reject"): "participation.post.removed",
}


@transaction.atomic
def moderation_decide(
    *, case_id: Any, user: User, move: str, reason: str, revision: int | None = None
) -> ModerationEvent:
    """A moderator publishes a post or keeps it down, with a reason (which
    the author reads: required to keep it down). The post's state follows,
    the decision is written to the case's history and the author is told."""
    case = case_lock(ModerationCase.objects, revision=revision, stale=MODERATION.stale, pk=case_id)
    reason = posting.body_clean(reason)
    if move not in ("approve", "reject"):
        raise MODERATION.refused(case)
    if move == "reject" and not reason:
        raise ModerationError(
            _("Give the reason, which the author will read."),
            code="participation.moderation.reason",
        )
    errors = posting.body_errors(reason, REASON_MAX_LENGTH) if reason else []
    if errors:
        raise ModerationError(errors[0], code="participation.moderation.reason")
    content = content_get(case)
    if content is None:
        raise MODERATION.refused(case)
    from_state = case.state
    event_key = _TOLD.get((ModerationState(from_state), move)) if from_state in _OPEN else None
    case.decided_at = timezone.now()
    case.due_at = None

    def tell() -> None:
        if event_key is None:
            return
        kind = kind_of(content)
        link, kwargs = kind.link(content)
        notify(
            recipient=content.author,
            event=event_key,
            idempotency_key=f"moderation:{case.pk}:{case.revision}",
            values={
                "where": kind.where(content),
                **({"reason": reason} if move == "reject" else {}),
            },
            link=link,
            link_kwargs=kwargs,
        )

    event = case_transition(
        MODERATION,
        case,
        move,
        actor=user,
        update_fields=["decided_at", "due_at"],
        tell=tell,
        text=reason,
    )
    if move == "approve":
        content.state = ContributionState.PUBLISHED
    else:
        content.state = (
            ContributionState.REJECTED
            if from_state == ModerationState.PENDING
            else ContributionState.REMOVED
        )
    content.save(update_fields=["state"])
    decided = kind_of(content).decided
    if decided is not None:
        decided(content)
    audit_record(
        action=f"participation.moderation.{event.action}",
        actor=user,
        data={"case": str(case.pk), "kind": case.content_kind, "id": case.content_id},
    )
    return event


_OPEN = (ModerationState.PENDING, ModerationState.REPORTED)


def _require_block_power(user: User) -> None:
    if not is_portal_moderator(user):
        raise ModerationError(
            _("Only the portal's moderators can stop an account from posting."),
            code="participation.block.forbidden",
        )


@transaction.atomic
def account_block(*, user: User, by: User, reason: str) -> Block:
    """Stop ``user`` from posting anywhere, with a reason they read."""
    _require_block_power(by)
    reason = posting.body_clean(reason)
    if not reason:
        raise ModerationError(
            _("Give the reason, which the account holder will read."),
            code="participation.block.reason",
        )
    errors = posting.body_errors(reason, REASON_MAX_LENGTH)
    if errors:
        raise ModerationError(errors[0], code="participation.block.reason")
    if user.pk == by.pk:
        raise ModerationError(
            _("You cannot block your own account."), code="participation.block.self"
        )
    existing = Block.objects.select_for_update().filter(user=user, lifted_at__isnull=True).first()
    if existing is not None:
        return existing
    block = Block.objects.create(user=user, reason=reason, blocked_by=by)
    audit_record(
        action="participation.account.blocked",
        actor=by,
        data={"account": user.pk, "block": block.pk},
    )
    notify(
        recipient=user,
        event="participation.account.blocked",
        idempotency_key=f"participation:block:{block.pk}",
        values={"reason": reason},
    )
    return block


@transaction.atomic
def account_unblock(*, user: User, by: User, reason: str = "") -> Block | None:
    _require_block_power(by)
    block = Block.objects.select_for_update().filter(user=user, lifted_at__isnull=True).first()
    if block is None:
        return None
    block.lifted_at = timezone.now()
    block.lifted_by = by
    block.lift_reason = posting.body_clean(reason)
    block.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
    audit_record(
        action="participation.account.unblocked",
        actor=by,
        data={"account": user.pk, "block": block.pk},
    )
    notify(
        recipient=user,
        event="participation.account.unblocked",
        idempotency_key=f"participation:unblock:{block.pk}",
    )
    return block
