from __future__ import annotations

import logging
import re
import tempfile
import time
import uuid
from collections.abc import Callable
from typing import IO

from django.conf import settings
from django.core.handlers.wsgi import LimitedStream
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


# How much of a chunked body is read at a time while it is counted.
_CHUNK_BYTES = 64 * 1024


def _is_chunked(request: HttpRequest) -> bool:
    codings = request.META.get("HTTP_TRANSFER_ENCODING", "").lower().split(",")
    return "chunked" in (coding.strip() for coding in codings)


def _buffered_chunked_body(request: HttpRequest, limit: int) -> IO[bytes] | None:
    """Read a chunked body (its length unknown in advance) up to ``limit``
    bytes, into memory and then a temporary file as uploads are, and let the
    request read it from there; the caller closes the buffer returned. None,
    having stopped reading, when the body is larger than ``limit``."""
    source = request.META["wsgi.input"]
    # Outlives this function: the view reads it (closed by the middleware).
    memory = settings.FILE_UPLOAD_MAX_MEMORY_SIZE
    buffer = tempfile.SpooledTemporaryFile(max_size=memory)  # noqa: SIM115
    size = 0
    while chunk := source.read(_CHUNK_BYTES):
        size += len(chunk)
        if size > limit:
            buffer.close()
            return None
        buffer.write(chunk)
    buffer.seek(0)
    request.META["CONTENT_LENGTH"] = str(size)
    # Django's WSGI request reads no body without a Content-Length (it would
    # see an empty form); it reads this one as if the length had been sent.
    # (The stubs type LimitedStream's source as BytesIO and _stream as BinaryIO;
    # both are files here, as Django's own WSGI input is.)
    request._stream = LimitedStream(buffer, size)  # type: ignore[arg-type,assignment]
    return buffer


class RequestSizeLimitMiddleware:
    """Refuse a request whose body is larger than REQUEST_MAX_BYTES with a 413
    page: from its Content-Length, before anything reads the body (so a huge
    upload is never written to a temporary file); or, for a body sent in
    chunks with no length, as soon as reading it passes the limit."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        declared = request.META.get("CONTENT_LENGTH")
        try:
            length = int(declared or 0)
        except ValueError:
            length = 0  # Django reads no body at all then
        limit: int = settings.REQUEST_MAX_BYTES
        if length > limit:
            return self._too_large(request, limit)
        if declared or not _is_chunked(request) or "wsgi.input" not in request.META:
            # (Under ASGI, Django has read the whole body before any middleware.)
            return self.get_response(request)
        buffer = _buffered_chunked_body(request, limit)
        if buffer is None:
            return self._too_large(request, limit)
        try:
            return self.get_response(request)
        finally:
            buffer.close()

    @staticmethod
    def _too_large(request: HttpRequest, limit: int) -> HttpResponse:
        return render(
            request,
            "errors/413.html",
            {"limit_mb": max(1, limit // (1024 * 1024))},
            status=413,
        )
