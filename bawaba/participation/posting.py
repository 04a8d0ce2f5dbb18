"""The rules every post keeps, wherever it is written.

- Text: at most ``POST_MAX_LENGTH`` characters, no NUL byte (a clear error);
  the invisible controls that turn text around (bidi embeddings, overrides
  and isolates) are taken out, so a post cannot reverse what follows it;
  markup is kept as the person typed it and shown as text.
- Spam: a field people leave empty (a honeypot), a limit on posts per
  account in any hour (on allauth's rate limiter, as sign-in), a limit on
  links for new accounts, and blocked accounts (``Block``).
- A new account (younger than ``PARTICIPATION["NEW_ACCOUNT_DAYS"]``) is
  pre-moderated: its posts wait for a moderator; others are published at
  once and moderated when reported. Either way a moderator owes a decision
  by the end of the ``MODERATION_DAYS``-th working day.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from allauth.core.internal import ratelimit
from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bawaba.core.text import text_box_errors

POST_MAX_LENGTH = 5000
# Embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI).
# The marks (LRM, RLM, ALM) stay: Arabic writers use them.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_LINK = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|net|org|info|biz|io|ru|xyz)\b", re.I)


def setting(name: str) -> Any:
    defaults = {
        "NEW_ACCOUNT_DAYS": 7,
        "POSTS_PER_HOUR": 20,
        "NEW_ACCOUNT_POSTS_PER_HOUR": 5,
        "NEW_ACCOUNT_LINKS": 1,
        "EDIT_MINUTES": 15,
        "MODERATION_DAYS": 1,
    }
    return getattr(settings, "PARTICIPATION", {}).get(name, defaults[name])


def body_clean(value: str) -> str:
    """The text as it is stored: bidi controls out, line ends made one
    kind, blank space around it trimmed."""
    value = _BIDI_CONTROLS.sub("", value).replace("\r\n", "\n").replace("\r", "\n")
    return value.strip()


def body_errors(value: str, limit: int = POST_MAX_LENGTH) -> list[str]:
    """What is wrong with a post's text, in the person's language."""
    errors = text_box_errors(value, limit)
    if not errors and not body_clean(value):
        errors.append(_("Write something before you send it."))
    return errors


def links_in(value: str) -> int:
    return len(_LINK.findall(value))


def is_new_account(user: Any, *, now: datetime.datetime | None = None) -> bool:
    joined = getattr(user, "date_joined", None)
    if joined is None:
        return True
    now = now or timezone.now()
    return now - joined < datetime.timedelta(days=setting("NEW_ACCOUNT_DAYS"))


def link_errors(user: Any, value: str) -> list[str]:
    allowed = setting("NEW_ACCOUNT_LINKS")
    if is_new_account(user) and links_in(value) > allowed:
        return [
            ngettext(
                "New accounts may put at most %(count)d link in a post. "
                "Take the others out, or write the address without “http”.",
                "New accounts may put at most %(count)d links in a post. "
                "Take the others out, or write the addresses without “http”.",
                allowed,
            )
            % {"count": allowed}
        ]
    return []


def _post_rates(user: Any) -> dict[str, str]:
    per_hour = setting("NEW_ACCOUNT_POSTS_PER_HOUR" if is_new_account(user) else "POSTS_PER_HOUR")
    return {"post": f"{per_hour}/h/user"}


def _post_usage(user: Any, *, dry_run: bool) -> bool:
    """One look at ``user``'s posts of the last hour, on the same rate
    limiter as sign-in (allauth's, in the cache). Keyed on the account, so
    no request is needed: an empty one stands in. With ``dry_run`` nothing
    is counted. False once the limit is reached."""
    usage = ratelimit.consume(
        HttpRequest(),
        app="bawaba.participation",
        action="post",
        config=_post_rates(user),
        user=user,
        dry_run=dry_run,
        limit_get=True,
    )
    return usage is not None


def over_post_limit(user: Any) -> bool:
    """Whether ``user`` has used up the last hour's posts (counted by
    ``post_counted``). Only looks: a post refused for any reason is not
    counted."""
    return not _post_usage(user, dry_run=True)


def post_counted(user: Any) -> None:
    """Count a post ``user`` has just made against their hourly limit."""
    _post_usage(user, dry_run=False)
