"""What the complaints app refuses, each with the message the person reads."""

from __future__ import annotations

from bawaba.core.errors import ApplicationError


class ComplaintError(ApplicationError):
    code = "complaints"
