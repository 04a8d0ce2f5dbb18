from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from bawaba.notifications.actions import notification_mark_read, notifications_mark_all_read
from bawaba.notifications.models import Notification
from bawaba.notifications.selectors import (
    notification_get_for_recipient,
    notification_list_for_recipient,
)

INBOX_PAGE_SIZE = 20
_HOME = (gettext_lazy("Home"), "catalogue:home")
_ACCOUNT = (gettext_lazy("Your account"), "accounts:profile")
_INBOX = (gettext_lazy("Messages"), "notifications:inbox")


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    paginator = Paginator(notification_list_for_recipient(user=request.user), INBOX_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/inbox.html",
        {"page_obj": page, "breadcrumbs": [_HOME, _ACCOUNT, (_("Messages"), None)]},
    )


@login_required
def message_detail(request: HttpRequest, notification_id: uuid.UUID) -> HttpResponse:
    try:
        notification = notification_get_for_recipient(
            user=request.user, notification_id=notification_id
        )
    except Notification.DoesNotExist as error:
        raise Http404 from error
    notification_mark_read(notification=notification)
    return render(
        request,
        "notifications/message_detail.html",
        {
            "notification": notification,
            "breadcrumbs": [_HOME, _ACCOUNT, _INBOX, (notification.subject, None)],
        },
    )


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    marked = notifications_mark_all_read(recipient=request.user)  # type: ignore[arg-type]  # a signed-in User
    if marked:
        messages.success(request, _("All your messages are marked as read."))
    return redirect("notifications:inbox")
