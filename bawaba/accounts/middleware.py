from __future__ import annotations

from collections.abc import Callable

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

ADMIN_PREFIX = "admin/"


def _path_without_language(path: str) -> str:
    parts = path.lstrip("/").split("/", 1)
    if parts and parts[0] in {code for code, _name in settings.LANGUAGES}:
        return parts[1] if len(parts) > 1 else ""
    return path.lstrip("/")


class StaffTwoStepMiddleware:
    """Staff pages need a staff account with two-step verification (TOTP) on.

    allauth asks for the code at every sign-in once TOTP is on, so a session of a
    staff account with TOTP has passed it. A staff account without TOTP is sent
    to set it up. A signed-in person who is not a portal administrator gets a
    404 from the administration site, as customers do from the staff workspace.
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
        if (
            path.startswith(settings.STAFF_PATH_PREFIXES)
            and getattr(user, "is_staff_account", False)
            and not is_mfa_enabled(user, [Authenticator.Type.TOTP])
        ):
            messages.warning(
                request,
                _("Staff accounts must turn on two-step verification before using staff pages."),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)
