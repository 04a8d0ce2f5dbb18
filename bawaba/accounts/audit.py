"""Security events from sign-in and account management, written to the audit log.

Sign-in, passwords and two-step verification are handled by django-allauth and
django.contrib.auth; their signals are the documented way to observe those
events, so this module is the one place where Bawaba listens to signals. Domain
flows of our own never use signals (see docs/architecture.md).
"""

from __future__ import annotations

from typing import Any

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from django.contrib.auth import signals as auth_signals
from django.http import HttpRequest

from bawaba.accounts.models import User
from bawaba.core.audit import audit_record


def _signed_in(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    audit_record(action="accounts.signin.succeeded", request=request, actor=user)


def _signed_out(sender: Any, request: HttpRequest, user: User | None, **kwargs: Any) -> None:
    if user is not None:
        audit_record(action="accounts.signout", request=request, actor=user)


def _sign_in_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    email = str(credentials.get("email") or credentials.get("username") or "").strip().lower()
    account = User.objects.filter(email=email).first() if email else None
    audit_record(
        action="accounts.signin.failed",
        request=request,
        actor=account,
        data={"email": email[:254], "known_account": account is not None},
    )


def _signed_up(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    audit_record(action="accounts.account.created", request=request, actor=user)


def _password_event(action: str) -> Any:
    def receiver(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
        audit_record(action=action, request=request, actor=user)

    return receiver


def _authenticator_event(action: str) -> Any:
    def receiver(
        sender: Any, request: HttpRequest, user: User, authenticator: Any, **kwargs: Any
    ) -> None:
        audit_record(action=action, request=request, actor=user, data={"type": authenticator.type})

    return receiver


_RECEIVERS = [
    (auth_signals.user_logged_in, _signed_in),
    (auth_signals.user_logged_out, _signed_out),
    (auth_signals.user_login_failed, _sign_in_failed),
    (account_signals.user_signed_up, _signed_up),
    (account_signals.password_changed, _password_event("accounts.password.changed")),
    (account_signals.password_reset, _password_event("accounts.password.reset")),
    (account_signals.password_set, _password_event("accounts.password.set")),
    (mfa_signals.authenticator_added, _authenticator_event("accounts.mfa.added")),
    (mfa_signals.authenticator_removed, _authenticator_event("accounts.mfa.removed")),
    (mfa_signals.authenticator_reset, _authenticator_event("accounts.mfa.reset")),
    (mfa_signals.authentication_failed, _authenticator_event("accounts.mfa.failed")),
]


def connect() -> None:
    for signal, receiver in _RECEIVERS:
        signal.connect(receiver, dispatch_uid=f"bawaba.audit.{id(signal)}")
