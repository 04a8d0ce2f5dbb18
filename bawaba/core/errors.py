"""Errors with stable codes. Pages show the translated message; the API (later)
answers RFC 7807 problem documents carrying the code."""

from __future__ import annotations

from django.utils.functional import Promise


class ApplicationError(Exception):
    code = "application_error"

    def __init__(self, message: str | Promise, *, code: str | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        if code:
            self.code = code
