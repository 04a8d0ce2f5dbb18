"""Contact us without an account: the message waits in the visitor's session
until they prove the email address or mobile number they gave is theirs, with
a six-digit one-time code sent there through the outbox.

Only a keyed hash of the code is kept (in the session, beside the message),
never the code itself. A code lives ten minutes and takes five tries; a new
code can be asked for after a minute, three times for one message, and the
number of codes sent to one address and from one client address in an hour
is limited as well. Attachments are chosen on the code page, with the code:
nothing a visitor uploads is kept before they are verified.

Following a message sent this way uses the same codes: the visitor gives the
reference and the address the case was filed with; when they match, a code
goes to that address (``follow_start``), and the right code grants the
session the case for ``GRANT_LIFE`` (``grant_give``). When they do not
match, the visitor sees the same pages and no code is sent, so references
cannot be probed."""

from __future__ import annotations

import datetime
import enum
import secrets
from collections.abc import Callable
from typing import Any

from allauth.core.internal import ratelimit
from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from bawaba.notifications.actions import Guest, notify

CODE_DIGITS = 6
CODE_LIFE = datetime.timedelta(minutes=10)
MAX_TRIES = 5
MAX_SENDS = 3
RESEND_AFTER = datetime.timedelta(minutes=1)
# Codes sent per address and per client address ("amount/period/key|ip").
RATE_LIMITS = {"contact_code": "5/1h/key,10/1h/ip"}
EVENT = "contact.verification_code"

PENDING_KEY = "complaints.guest.pending"
SENT_KEY = "complaints.guest.sent"
FOLLOW_KEY = "complaints.guest.follow"
GRANTS_KEY = "complaints.guest.grants"
GRANT_LIFE = datetime.timedelta(hours=2)
_SALT = "bawaba.complaints.guest.code"
PURPOSE_FOLLOW = "follow"


class Check(enum.StrEnum):
    RIGHT = "right"
    WRONG = "wrong"
    EXPIRED = "expired"
    SPENT = "spent"  # too many wrong tries: a new code is needed


def _hash(token: str, code: str) -> str:
    return salted_hmac(_SALT, f"{token}:{code}").hexdigest()


def _when(pending: dict[str, Any], key: str) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(float(pending.get(key) or 0), tz=datetime.UTC)


def verified_address(contact: dict[str, str]) -> tuple[str, str]:
    """Where the code goes: the mobile number when one is given (an SMS
    arrives at once), otherwise the email address; as (channel, address)."""
    if contact.get("mobile"):
        return "sms", contact["mobile"]
    return "email", contact.get("email", "")


def pending_start(session: SessionBase, *, answers: dict[str, Any]) -> dict[str, Any]:
    """Keep what the visitor typed, waiting for a code; a message waiting
    already is replaced."""
    pending = {"token": secrets.token_urlsafe(16), "answers": answers, "sends": 0, "tries": 0}
    session[PENDING_KEY] = pending
    return pending


def pending_get(session: SessionBase) -> dict[str, Any] | None:
    pending = session.get(PENDING_KEY)
    return pending if isinstance(pending, dict) and "answers" in pending else None


def pending_save(session: SessionBase, pending: dict[str, Any]) -> None:
    session[PENDING_KEY] = pending
    session.modified = True


def may_resend(pending: dict[str, Any], *, now: datetime.datetime | None = None) -> bool:
    now = now or timezone.now()
    return int(pending.get("sends", 0)) < MAX_SENDS and (
        now >= _when(pending, "sent_at") + RESEND_AFTER
    )


def over_limit(request: HttpRequest, address: str) -> bool:
    """Count one code sent to ``address``; True once the address or the
    client address has had too many in the hour."""
    usage = ratelimit.consume(
        request,
        app="bawaba.complaints",
        action="contact_code",
        config=RATE_LIMITS,
        key=address.lower(),
        limit_get=True,
    )
    return usage is None


def too_many_codes() -> str:
    return _(
        "We have sent too many codes to this address or from this connection. Try again "
        "in an hour, or call the contact centre."
    )


def code_resend(
    request: HttpRequest, pending: dict[str, Any], save: Callable[[dict[str, Any]], None]
) -> tuple[str, str]:
    """A new code on request, within the limits: (what the person is told,
    or the problem). ``save`` keeps ``pending`` in the session."""
    if not may_resend(pending):
        return "", _(
            "Wait a minute before asking for a new code. After three codes, start "
            "again from your message or call the contact centre."
        )
    if over_limit(request, verified_address(pending["answers"])[1]):
        return "", too_many_codes()
    code_send(pending)
    save(pending)
    return _("We have sent you a new code. The previous code no longer works."), ""


def code_send(pending: dict[str, Any], *, now: datetime.datetime | None = None) -> None:
    """Draw a new code, keep its hash (the previous code stops working) and
    send it to the address given, in the visitor's language."""
    now = now or timezone.now()
    answers = pending["answers"]
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    silent = pending.get("purpose") == PURPOSE_FOLLOW and pending.get("complaint") is None
    pending["sends"] = int(pending.get("sends", 0)) + 1
    pending["hash"] = _hash(pending["token"], code)
    pending["expires_at"] = (now + CODE_LIFE).timestamp()
    pending["sent_at"] = now.timestamp()
    pending["tries"] = 0
    if silent:
        # Following details that match no message: everything as if a code
        # went out, but none does (and no typed code is ever right).
        return
    channel, address = verified_address(answers)
    notify(
        recipient=Guest(
            email=address if channel == "email" else "",
            mobile=address if channel == "sms" else "",
            preferred_language=answers.get("language", "ar"),
            name=answers.get("name", ""),
        ),
        event=EVENT,
        idempotency_key=f"contact-code:{pending['token']}:{pending['sends']}",
        values={"code": code, "minutes": str(int(CODE_LIFE.total_seconds() // 60))},
    )


def follow_start(
    session: SessionBase,
    *,
    complaint_id: Any,
    channel: str,
    address: str,
    language: str,
    name: str = "",
) -> dict[str, Any]:
    """Wait for the code that opens a message sent without an account;
    ``complaint_id`` None when the details match none (no code is sent then).
    The address is the one typed, so the pages say the same either way."""
    pending = {
        "purpose": PURPOSE_FOLLOW,
        "token": secrets.token_urlsafe(16),
        "complaint": str(complaint_id) if complaint_id is not None else None,
        "answers": {
            "email": address if channel == "email" else "",
            "mobile": address if channel == "sms" else "",
            "language": language,
            "name": name,
        },
        "sends": 0,
        "tries": 0,
    }
    session[FOLLOW_KEY] = pending
    return pending


def follow_get(session: SessionBase) -> dict[str, Any] | None:
    pending = session.get(FOLLOW_KEY)
    return pending if isinstance(pending, dict) and "answers" in pending else None


def follow_save(session: SessionBase, pending: dict[str, Any]) -> None:
    session[FOLLOW_KEY] = pending
    session.modified = True


def grant_give(
    session: SessionBase, complaint_id: Any, *, now: datetime.datetime | None = None
) -> None:
    """Let this session open the case ``complaint_id`` for ``GRANT_LIFE``
    (grants to other cases it holds are kept, those expired are dropped)."""
    now = now or timezone.now()
    grants = {key: until for key, until in _grants(session).items() if until > now.timestamp()}
    grants[str(complaint_id)] = (now + GRANT_LIFE).timestamp()
    session[GRANTS_KEY] = grants
    session.modified = True


def _grants(session: SessionBase) -> dict[str, float]:
    grants = session.get(GRANTS_KEY)
    return grants if isinstance(grants, dict) else {}


def grant_state(
    session: SessionBase, complaint_id: Any, *, now: datetime.datetime | None = None
) -> str:
    """ "valid", "expired" or "none": whether this session may open the case."""
    until = _grants(session).get(str(complaint_id))
    if until is None:
        return "none"
    now = now or timezone.now()
    return "valid" if now.timestamp() < float(until) else "expired"


def grant_drop(session: SessionBase, complaint_id: Any) -> None:
    grants = _grants(session)
    grants.pop(str(complaint_id), None)
    session[GRANTS_KEY] = grants
    session.modified = True


def code_check(
    pending: dict[str, Any], typed: str, *, now: datetime.datetime | None = None
) -> Check:
    """Whether ``typed`` is the code last sent; a wrong one uses up a try."""
    now = now or timezone.now()
    if int(pending.get("tries", 0)) >= MAX_TRIES:
        return Check.SPENT
    if not pending.get("hash") or now >= _when(pending, "expires_at"):
        return Check.EXPIRED
    if constant_time_compare(_hash(pending["token"], typed), pending["hash"]):
        return Check.RIGHT
    pending["tries"] = int(pending.get("tries", 0)) + 1
    return Check.SPENT if pending["tries"] >= MAX_TRIES else Check.WRONG
