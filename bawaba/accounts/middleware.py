from __future__ import annotations

import time
from collections.abc import Callable

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from bawaba.accounts.two_step import two_step_passed_in_session

ADMIN_PREFIX = "admin/"
STAFF_PREFIX = "staff/"
# allauth's pages that manage two-step verification. Apart from the pages that
# ask for a code, they show recovery codes or turn the authenticator off, and
# would otherwise let a session that has not typed a code make itself one.
TWO_STEP_SETTINGS_PREFIX = "accounts/2fa/"
TWO_STEP_CODE_PAGES = ("accounts/2fa/authenticate/", "accounts/2fa/reauthenticate/")


def _path_without_language(path: str) -> str:
    parts = path.lstrip("/").split("/", 1)
    if parts and parts[0] in {code for code, _name in settings.LANGUAGES}:
        return parts[1] if len(parts) > 1 else ""
    return path.lstrip("/")


class StaffPathMiddleware:
    """Nobody but staff can tell which staff pages exist.

    Under /staff/ (in either language, or none), whatever the address and the
    method, a person not signed in is sent to sign in, and a signed-in customer
    gets the plain 404 page, before the page is looked up or the CSRF token
    checked: no 405 from a form's target, no 403, no redirect that depends on
    the address. The staff pages end with a catch-all (``staff_urls``), so the
    missing-slash and missing-language redirects around this treat every staff
    address alike too.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = _path_without_language(request.path)
        if not path.startswith(STAFF_PREFIX):
            return self.get_response(request)
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not getattr(user, "is_staff_account", False):
            raise Http404
        return self.get_response(request)


class StaffTwoStepMiddleware:
    """Staff pages need a staff account with two-step verification (TOTP) on,
    and a session that has passed it.

    A staff account without TOTP is sent to set it up. A session that signed in
    with the password alone (before the account turned TOTP on elsewhere) is
    asked for a code first, and so are the pages that manage two-step
    verification (recovery codes, turning it off). A signed-in person who is
    not a portal administrator gets a 404 from the administration site, as
    customers do from the staff workspace.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = _path_without_language(request.path)
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.get_response(request)
        if path.startswith(ADMIN_PREFIX) and not user.is_staff:
            # The administration site does not exist for anyone but administrators.
            raise Http404
        if not getattr(user, "is_staff_account", False):
            return self.get_response(request)
        if path.startswith(settings.STAFF_PATH_PREFIXES):
            if not is_mfa_enabled(user, [Authenticator.Type.TOTP]):
                messages.warning(
                    request,
                    _(
                        "Staff accounts must turn on two-step verification before using "
                        "staff pages."
                    ),
                )
                return redirect("mfa_activate_totp")
            reason = _("Enter the code from your authenticator app to open staff pages.")
        elif (
            path.startswith(TWO_STEP_SETTINGS_PREFIX)
            and not path.startswith(TWO_STEP_CODE_PAGES)
            and is_mfa_enabled(user, [Authenticator.Type.TOTP])
        ):
            # Reading recovery codes or turning the authenticator off (and on
            # again with another app) needs a code in this session, as staff
            # pages do; a re-entered password is not enough.
            reason = _(
                "Enter the code from your authenticator app to change two-step verification."
            )
        else:
            return self.get_response(request)
        if not two_step_passed_in_session(request, user):
            messages.info(request, reason)
            next_path = request.get_full_path() if request.method == "GET" else "/"
            return redirect(f"{reverse('mfa_reauthenticate')}?{urlencode({'next': next_path})}")
        return self.get_response(request)


SIGNED_IN_AT_KEY = "bawaba_staff_signed_in_at"
LAST_SEEN_AT_KEY = "bawaba_staff_last_seen_at"
# The last-activity time is written at most this often, not on every request.
_LAST_SEEN_RESOLUTION_SECONDS = 60


class StaffSessionTimeoutMiddleware:
    """A staff session ends after STAFF_SESSION_IDLE_SECONDS without a request
    and STAFF_SESSION_MAX_SECONDS after sign-in, whatever happens in between:
    the person is signed out and sent to sign in again, back to the same page.
    Customers' sessions are not affected."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is None
            or not user.is_authenticated
            or not getattr(user, "is_staff_account", False)
        ):
            return self.get_response(request)
        now = time.time()
        session = request.session
        signed_in_at = float(session.get(SIGNED_IN_AT_KEY) or now)
        last_seen_at = float(session.get(LAST_SEEN_AT_KEY) or now)
        if now - last_seen_at > settings.STAFF_SESSION_IDLE_SECONDS:
            reason = _("You were signed out after a time without activity. Sign in again.")
        elif now - signed_in_at > settings.STAFF_SESSION_MAX_SECONDS:
            reason = _("Staff sessions last at most one working day. Sign in again.")
        else:
            session.setdefault(SIGNED_IN_AT_KEY, now)
            if (
                now - last_seen_at >= _LAST_SEEN_RESOLUTION_SECONDS
                or LAST_SEEN_AT_KEY not in session
            ):
                session[LAST_SEEN_AT_KEY] = now
            return self.get_response(request)
        logout(request)
        messages.info(request, reason)
        next_path = request.get_full_path() if request.method == "GET" else "/"
        return redirect(f"{reverse('account_login')}?{urlencode({'next': next_path})}")
