"""Signing up with details that an account already holds.

The answer must not tell anyone whether an email address or a CPR number has
an account: the page, the message and the time taken are those of a new
signup. The account's owner is told by email instead, at the address they
confirmed, so a person who forgot their account can sign in or reset the
password.
"""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import get_adapter
from allauth.utils import build_absolute_uri
from django.contrib import messages
from django.contrib.auth.hashers import make_password
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation

from bawaba.accounts.models import User

OWNER_NOTICE = "account/email/signup_with_your_details"


def signup_hash_as_for_a_new_account(password: str) -> None:
    """Do the work a new account's password costs, so that a refused signup
    takes as long as an accepted one."""
    make_password(password)


def signup_tell_owner(request: HttpRequest, *, owner: User) -> None:
    """Email the owner of the account whose CPR number someone signed up with,
    in the owner's language."""
    with translation.override(owner.preferred_language or "ar"):
        context: dict[str, Any] = {
            "user": owner,
            "password_reset_url": build_absolute_uri(request, reverse("account_reset_password")),
        }
        get_adapter(request).send_mail(OWNER_NOTICE, owner.email, context)


def signup_answer_as_if_new(request: HttpRequest, *, email: str) -> HttpResponse:
    """The answer a new signup gets: 'we have sent a confirmation email'."""
    get_adapter(request).add_message(
        request,
        messages.INFO,
        "account/messages/email_confirmation_sent.txt",
        {"email": email, "login": False, "signup": True},
    )
    return redirect("account_email_verification_sent")
