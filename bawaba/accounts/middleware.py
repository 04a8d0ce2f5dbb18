from __future__ import annotations

from collections.abc import Callable

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _


def _path_without_language(path: str) -> str:
    parts = path.lstrip("/").split("/", 1)
    if parts and parts[0] in {code for code, _name in settings.LANGUAGES}:
        return parts[1] if len(parts) > 1 else ""
    return path.lstrip("/")


class StaffTwoStepMiddleware:
    """Staff pages need a staff account with two-step verification (TOTP) on.

    allauth asks for the code at every sign-in once TOTP is on, so a session of a
    staff account with TOTP has passed it. A staff account without TOTP is sent
    to set it up; anyone else gets the staff pages' own 404/redirect to sign in.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = _path_without_language(request.path)
        user = getattr(request, "user", None)
        if (
            path.startswith(settings.STAFF_PATH_PREFIXES)
            and user is not None
            and user.is_authenticated
            and getattr(user, "is_staff_account", False)
            and not is_mfa_enabled(user, [Authenticator.Type.TOTP])
        ):
            messages.warning(
                request,
                _("Staff accounts must turn on two-step verification before using staff pages."),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)
