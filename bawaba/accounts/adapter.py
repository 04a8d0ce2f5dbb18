from __future__ import annotations

import time
import uuid
from typing import Any

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.core import context
from allauth.mfa.adapter import DefaultMFAAdapter
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from bawaba.accounts.forms import SignupForm
from bawaba.accounts.models import User
from bawaba.core.net import client_ip
from bawaba.notifications.actions import notify


class AccountAdapter(DefaultAccountAdapter):
    """Fills the portal's own account fields when allauth creates a user, and
    words allauth's errors in the portal's voice, in both languages."""

    error_messages = DefaultAccountAdapter.error_messages | {
        "account_inactive": _("This account is not active."),
        "cannot_remove_primary_email": _("You cannot remove your main email address."),
        "duplicate_email": _("This email address is already on your account."),
        "email_password_mismatch": _(
            "The email address or the password is not right. Check them and try again."
        ),
        "email_taken": _("An account already uses this email address."),
        "enter_current_password": _("Enter your current password."),
        "incorrect_code": _("The code is not right. Check it and try again."),
        "incorrect_password": _("The password is not right."),
        "invalid_or_expired_key": _("This link has expired or has already been used."),
        "invalid_login": _("You could not be signed in. Try again."),
        "invalid_password_reset": _("This link has expired or has already been used."),
        "too_many_login_attempts": _(
            "Too many wrong passwords: this account is locked for 15 minutes. "
            "To sign in now, reset your password by email."
        ),
        "unknown_email": _("No account uses this email address."),
        "unverified_primary_email": _("Your main email address must be confirmed first."),
        "same_as_current": _("The new value must be different from the current one."),
        "rate_limited": _("Too many requests. Wait a minute and try again."),
    }

    # allauth's security notices that Bawaba sends through its own outbox (inbox,
    # email and SMS, in the person's language). The others stay allauth's emails:
    # those about an email address go to the old address, which the outbox does
    # not know.
    OUTBOX_NOTICES = {
        "account/email/password_changed": "security.password_changed",
        "account/email/password_reset": "security.password_changed",
        "account/email/password_set": "security.password_changed",
        "mfa/email/totp_activated": "security.two_step_on",
        "mfa/email/totp_deactivated": "security.two_step_off",
    }

    def send_notification_mail(
        self,
        template_prefix: str,
        user: Any,
        context: dict[str, Any] | None = None,
        email: str | None = None,
    ) -> None:
        event = self.OUTBOX_NOTICES.get(template_prefix)
        if event is None or email or not isinstance(user, User):
            super().send_notification_mail(template_prefix, user, context, email)
            return
        notify(
            recipient=user,
            event=event,
            idempotency_key=f"{template_prefix}:{uuid.uuid4()}",
            values={"when": timezone.now()},
        )

    def confirm_email(self, request: HttpRequest, email_address: Any) -> bool:
        confirmed = bool(super().confirm_email(request, email_address))
        user = email_address.user
        if confirmed and isinstance(user, User) and email_address.email == user.email:
            # Once per account, however often an address is confirmed.
            notify(
                recipient=user,
                event="account.welcome",
                idempotency_key="account.welcome",
                link="accounts:profile",
            )
        return confirmed

    def is_reauthentication_required(self, *, app: str, **kwargs: Any) -> bool:
        """allauth (65.x) counts only a re-entered password or code as recent
        authentication, so a person who has just signed in was asked for the
        password again at once (staff, to set up two-step verification). A
        sign-in in this session within the reauthentication timeout counts too."""
        required = bool(super().is_reauthentication_required(app=app, **kwargs))
        request = context.request
        if not required or request is None or not request.user.is_authenticated:
            return required
        now = time.time()
        return not any(
            now - float(record.get("at", 0)) < account_settings.REAUTHENTICATION_TIMEOUT
            for record in get_authentication_records(request, request.user)
        )

    def add_message(
        self,
        request: HttpRequest,
        level: int,
        message_template: str | None = None,
        message_context: dict[str, Any] | None = None,
        extra_tags: str = "",
        message: str | None = None,
    ) -> None:
        # Turning two-step verification on creates the first recovery codes
        # too; its own message says so, and "your old codes no longer work"
        # would be wrong when there were none.
        if message_template == "mfa/messages/totp_activated.txt":
            request._bawaba_totp_activated = True  # type: ignore[attr-defined]
        elif message_template == "mfa/messages/recovery_codes_generated.txt" and getattr(
            request, "_bawaba_totp_activated", False
        ):
            return
        super().add_message(request, level, message_template, message_context, extra_tags, message)

    def get_client_ip(self, request: HttpRequest) -> str:
        """The address sign-in rate limits count, read as everywhere else in
        Bawaba (``core.net.client_ip``): a forged X-Forwarded-For that is not an
        address counts as the connection's own address, never a fresh one.
        (allauth itself counts an IPv6 client by its /64.)"""
        address = client_ip(request)
        if address is None:
            raise PermissionDenied("Unable to determine client IP address")
        return address

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        # Staff start in their workspace (which first asks for two-step verification).
        user = request.user
        if isinstance(user, User) and user.is_staff_account:
            return reverse("staff:workspace")
        if isinstance(user, User):
            # Everyone else starts on their dashboard: what waits for them.
            return reverse("accounts:dashboard")
        return str(super().get_login_redirect_url(request))

    def save_user(self, request: HttpRequest, user: Any, form: Any, commit: bool = True) -> Any:
        user = super().save_user(request, user, form, commit=False)
        if isinstance(form, SignupForm) and isinstance(user, User):
            form.apply_to(user)
        user.preferred_language = "en" if get_language() == "en" else "ar"
        if commit:
            user.save()
        return user


class MFAAdapter(DefaultMFAAdapter):
    error_messages = DefaultMFAAdapter.error_messages | {
        "add_email_blocked": _(
            "You cannot add an email address while two-step verification is on."
        ),
        "cannot_delete_authenticator": _("You cannot turn off two-step verification."),
        "cannot_generate_recovery_codes": _(
            "Turn on two-step verification before creating recovery codes."
        ),
        "incorrect_code": _("The code is not right. Check it and try again."),
        "unverified_email": _(
            "Confirm your email address before you turn on two-step verification."
        ),
    }

    def get_totp_issuer(self) -> str:
        return "Bawaba"
