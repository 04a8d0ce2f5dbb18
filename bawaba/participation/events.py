"""The messages the participation spaces send: to the author of a post
about every moderation decision, to an account blocked from posting, and
to a provider's editors and approvers about the four-eyes review of what
they write. Consultations, forums, blogs and surveys register their own.

Registered with the notifications registry when the app is ready; the shipped
wording is in ``notification_templates.json`` beside this module.
"""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from bawaba.notifications.events import NAME, Event, Placeholder, register

WHERE = Placeholder(
    "where",
    _("Where the post was written"),
    "مسودة قانون حماية المستهلك",
    "Draft consumer protection law",
)
REASON = Placeholder(
    "reason",
    _("Reason given by the moderator or reviewer"),
    "يتضمن المنشور بيانات شخصية.",
    "The post gives personal details.",
)
TITLE = Placeholder(
    "title", _("Title of what was written"), "مسودة قانون حماية المستهلك", "Draft consumer law"
)
PROVIDER = Placeholder("provider", _("Name of the provider"), "وزارة الصحة", "Ministry of Health")

POST_APPROVED = Event(
    "participation.post.approved",
    _("Post published after moderation"),
    essential=True,
    placeholders=(NAME, WHERE),
)
POST_REJECTED = Event(
    "participation.post.rejected",
    _("Post not published by a moderator"),
    essential=True,
    placeholders=(NAME, WHERE, REASON),
)
POST_KEPT = Event(
    "participation.post.kept",
    _("Reported post kept by a moderator"),
    essential=True,
    placeholders=(NAME, WHERE),
)
POST_REMOVED = Event(
    "participation.post.removed",
    _("Reported post taken down by a moderator"),
    essential=True,
    placeholders=(NAME, WHERE, REASON),
)
ACCOUNT_BLOCKED = Event(
    "participation.account.blocked",
    _("Account stopped from posting"),
    essential=True,
    placeholders=(NAME, REASON),
)
ACCOUNT_UNBLOCKED = Event(
    "participation.account.unblocked",
    _("Account allowed to post again"),
    essential=True,
    placeholders=(NAME,),
)
REVIEW_REQUESTED = Event(
    "participation.review.requested",
    _("Consultation or blog post waiting for review"),
    essential=False,
    placeholders=(NAME, TITLE, PROVIDER),
)
REVIEW_PUBLISHED = Event(
    "participation.review.published",
    _("Consultation or blog post published"),
    essential=False,
    placeholders=(NAME, TITLE),
)
REVIEW_SENT_BACK = Event(
    "participation.review.sent_back",
    _("Consultation or blog post sent back"),
    essential=False,
    placeholders=(NAME, TITLE, REASON),
)


def register_events() -> None:
    register(
        POST_APPROVED,
        POST_REJECTED,
        POST_KEPT,
        POST_REMOVED,
        ACCOUNT_BLOCKED,
        ACCOUNT_UNBLOCKED,
        REVIEW_REQUESTED,
        REVIEW_PUBLISHED,
        REVIEW_SENT_BACK,
        templates=Path(__file__).with_name("notification_templates.json"),
    )
