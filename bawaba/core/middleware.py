from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from bawaba.core.logging import request_id_var
from bawaba.core.net import forwarding_check

logger = logging.getLogger("bawaba.request")

_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
# Characters that would break a text log line or forge another one.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable_path(path: str) -> str:
    """The path with control characters written as escapes (\\x0a), so one
    request is one log line whatever its address holds."""

    def escape(match: re.Match[str]) -> str:
        code = ord(match.group())
        return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"

    return _CONTROL.sub(escape, path)


class RequestIdMiddleware:
    """Give every request an id (kept from a trusted proxy's X-Request-ID when
    well formed), echo it in the response, and write one log line per request.

    The line carries the path without its query string, which may hold personal
    data, and never the user's identity beyond an internal numeric id.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = incoming if _VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]  # read by views and logs
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            forwarding_check(request)
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            user = getattr(request, "user", None)
            duration_ms = round((time.perf_counter() - started) * 1000, 1)
            path = printable_path(request.path)
            logger.info(
                "%s %s %s %sms",
                request.method,
                path,
                response.status_code,
                duration_ms,
                extra={
                    "method": request.method,
                    "path": path,
                    "status": response.status_code,
                    "duration_ms": duration_ms,
                    "user_id": user.pk if user is not None and user.is_authenticated else None,
                },
            )
            return response
        finally:
            request_id_var.reset(token)


class RequestSizeLimitMiddleware:
    """Refuse a request whose body is larger than REQUEST_MAX_BYTES with a 413
    page, from its Content-Length, before anything reads the body (so a huge
    upload is never written to a temporary file)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django reads no body at all then
        limit: int = settings.REQUEST_MAX_BYTES
        if length > limit:
            return render(
                request,
                "errors/413.html",
                {"limit_mb": max(1, limit // (1024 * 1024))},
                status=413,
            )
        return self.get_response(request)
