"""Staff pages for messages: delivery health, the dead-letter list, and the
template editor. Each needs a Django permission; anyone else gets a 404."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from bawaba.core.errors import ApplicationError
from bawaba.notifications.actions import delivery_resend, message_template_save
from bawaba.notifications.events import Event, event_get, event_list
from bawaba.notifications.models import Delivery, TemplateChannel
from bawaba.notifications.rendering import render_email, render_inbox, render_sms
from bawaba.notifications.selectors import (
    delivery_health,
    failed_delivery_list,
    message_template_last_edit,
)
from bawaba.notifications.sms.segments import SmsSize, sms_size
from bawaba.notifications.staff_forms import MessageTemplateForm
from bawaba.notifications.templates_store import template_gaps, template_text

_WORKSPACE = (gettext_lazy("Staff workspace"), "staff:workspace")
_HEALTH = (gettext_lazy("Message delivery"), "staff_messages:health")
_TEMPLATES = (gettext_lazy("Message templates"), "staff_messages:templates")
PAGE_SIZE = 50


def _require(request: HttpRequest, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise Http404


@login_required
def health(request: HttpRequest) -> HttpResponse:
    _require(request, "notifications.view_delivery")
    return render(
        request,
        "notifications/staff/health.html",
        {
            "health": delivery_health(),
            "can_edit_templates": request.user.has_perm("notifications.change_messagetemplate"),
            "breadcrumbs": [_WORKSPACE, (_("Message delivery"), None)],
        },
    )


@login_required
def failed_list(request: HttpRequest) -> HttpResponse:
    _require(request, "notifications.view_delivery")
    page = Paginator(failed_delivery_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/staff/failed_list.html",
        {
            "page_obj": page,
            "can_resend": request.user.has_perm("notifications.change_delivery"),
            "breadcrumbs": [_WORKSPACE, _HEALTH, (_("Failed messages"), None)],
        },
    )


@login_required
@require_POST
def resend(request: HttpRequest, delivery_id: uuid.UUID) -> HttpResponse:
    _require(request, "notifications.change_delivery")
    try:
        delivery_resend(delivery_id=delivery_id, request=request)
    except Delivery.DoesNotExist as error:
        raise Http404 from error
    except ApplicationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The message is back in the queue and will be sent again."))
    return redirect("staff_messages:failed")


@dataclass(frozen=True)
class TemplateRow:
    event: Event
    channel: str
    channel_label: str | Promise
    missing: tuple[str, ...]


@login_required
def template_list(request: HttpRequest) -> HttpResponse:
    _require(request, "notifications.change_messagetemplate")
    gaps = {(gap.event, gap.channel): gap.missing_languages for gap in template_gaps()}
    labels = dict(TemplateChannel.choices)
    rows = [
        TemplateRow(event, channel, labels[channel], gaps.get((event.key, channel), ()))
        for event in event_list()
        for channel in TemplateChannel.values
    ]
    return render(
        request,
        "notifications/staff/template_list.html",
        {"rows": rows, "breadcrumbs": [_WORKSPACE, _HEALTH, (_("Message templates"), None)]},
    )


@dataclass(frozen=True)
class Preview:
    language: str
    direction: str
    subject: str
    text: str
    html: str
    size: SmsSize | None
    cost_fils: int | None


def _preview(event: Event, channel: str, language: str, subject: str, body: str) -> Preview:
    values = event.sample_values(language)
    direction = "rtl" if language == "ar" else "ltr"
    with translation.override(language):
        if channel == TemplateChannel.EMAIL:
            email = render_email(
                subject=subject, body=body, values=values, language=language, link="/"
            )
            return Preview(language, direction, email.subject, email.text, email.html, None, None)
        if channel == TemplateChannel.SMS:
            text = render_sms(body=body, values=values)
            size = sms_size(text)
            cost = size.segments * int(settings.NOTIFICATIONS["SMS_PART_COST_FILS"])
            return Preview(language, direction, "", text, "", size, cost)
        inbox_subject, inbox_body = render_inbox(subject=subject, body=body, values=values)
        return Preview(language, direction, inbox_subject, inbox_body, "", None, None)


@login_required
@require_http_methods(["GET", "POST"])
def template_edit(request: HttpRequest, event: str, channel: str) -> HttpResponse:
    _require(request, "notifications.change_messagetemplate")
    try:
        definition = event_get(event)
    except LookupError as error:
        raise Http404 from error
    if channel not in TemplateChannel.values:
        raise Http404
    current = {language: template_text(event, channel, language) for language in ("ar", "en")}
    initial = {
        f"{field}_{language}": getattr(text, field)
        for language, text in current.items()
        for field in ("subject", "body")
    }
    form = MessageTemplateForm(
        request.POST or None, initial=initial, event=definition, channel=channel
    )
    previews: list[Preview] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        texts = {
            language: (data.get(f"subject_{language}", ""), data[f"body_{language}"])
            for language in ("ar", "en")
        }
        if "save" in request.POST:
            message_template_save(event=event, channel=channel, texts=texts, request=request)
            messages.success(request, _("The template is saved in both languages."))
            return redirect("staff_messages:templates")
        previews = [_preview(definition, channel, lang, *text) for lang, text in texts.items()]
    elif request.method == "GET":
        previews = [
            _preview(definition, channel, lang, text.subject, text.body)
            for lang, text in current.items()
        ]
    context: dict[str, Any] = {
        "form": form,
        "event": definition,
        "channel": channel,
        "channel_label": dict(TemplateChannel.choices)[channel],
        "previews": previews,
        "edited": message_template_last_edit(user=request.user, event=event, channel=channel),
        "breadcrumbs": [_WORKSPACE, _HEALTH, _TEMPLATES, (definition.title, None)],
    }
    return render(request, "notifications/staff/template_edit.html", context)
