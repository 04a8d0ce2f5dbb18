from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from bawaba.notifications.selectors import unread_count


def inbox(request: HttpRequest) -> dict[str, Any]:
    """``unread_messages`` for the header, counted only when a page shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_messages": SimpleLazyObject(lambda: unread_count(user=user))}
