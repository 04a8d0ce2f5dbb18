"""Writing audit events. Every action that changes state worth answering for
calls ``audit_record``; nothing else writes AuditEvent rows."""

from __future__ import annotations

from typing import Any, cast

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from bawaba.core.logging import request_id_var
from bawaba.core.models import AuditEvent
from bawaba.core.net import client_ip


def audit_record(
    *,
    action: str,
    request: HttpRequest | None = None,
    actor: AbstractBaseUser | AnonymousUser | None = None,
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    if actor is None and request is not None:
        actor = getattr(request, "user", None)
    return AuditEvent.objects.create(
        action=action,
        # The user model lives in accounts, above core; core stores it by reference.
        actor=cast(Any, actor) if actor is not None and actor.is_authenticated else None,
        ip_address=client_ip(request) if request is not None else None,
        user_agent=(request.META.get("HTTP_USER_AGENT", "")[:300] if request is not None else ""),
        request_id=request_id_var.get() if request_id_var.get() != "-" else "",
        data=data or {},
    )
