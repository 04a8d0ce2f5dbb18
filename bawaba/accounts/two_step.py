"""Whether this session has passed two-step verification.

allauth keeps a record in the session of each way it was authenticated
(``allauth.account.authentication.get_authentication_records``): a code typed
at sign-in or to confirm a sensitive change is an ``"mfa"`` record. An account
that turned two-step verification on in another session after this one signed
in with its password alone has no such record here, so staff pages ask this
session for a code.

Turning two-step verification on proves a code too, so the session that did it
counts as verified; allauth records no ``"mfa"`` entry for that, so the portal's
activation view marks the session (``two_step_mark_passed``).
"""

from __future__ import annotations

from typing import Any

from allauth.account.authentication import get_authentication_records
from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest

ENROLLED_SESSION_KEY = "bawaba_two_step_passed_by"


def two_step_mark_passed(*, session: SessionBase, user: Any) -> None:
    """Record that ``user`` proved a two-step code in this session."""
    session[ENROLLED_SESSION_KEY] = str(user.pk)


def two_step_passed_in_session(request: HttpRequest, user: Any) -> bool:
    if any(record.get("method") == "mfa" for record in get_authentication_records(request, user)):
        return True
    return bool(request.session.get(ENROLLED_SESSION_KEY) == str(user.pk))
