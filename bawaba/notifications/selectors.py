from __future__ import annotations

import datetime
import uuid
from typing import Any

from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone

from bawaba.notifications.models import Delivery, DeliveryState, MessageTemplate, Notification


def notification_list_for_recipient(*, user: Any) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient_id=user.pk).order_by("-created_at")


def notification_get_for_recipient(*, user: Any, notification_id: uuid.UUID) -> Notification:
    """The person's own message; anyone else's raises DoesNotExist (a 404)."""
    return Notification.objects.get(recipient_id=user.pk, pk=notification_id)


def unread_count(*, user: Any) -> int:
    return Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).count()


def delivery_health(*, now: datetime.datetime | None = None) -> dict[str, Any]:
    """Figures for the staff delivery health page, in three queries."""
    now = now or timezone.now()
    hour_ago = now - datetime.timedelta(hours=1)
    by_state = dict(
        Delivery.objects.filter(
            state__in=[DeliveryState.QUEUED, DeliveryState.SENDING, DeliveryState.FAILED]
        )
        .values_list("state")
        .annotate(count=Count("id"))
        .values_list("state", "count")
    )
    last_hour = Delivery.objects.aggregate(
        sent=Count(
            "id",
            filter=Q(
                state__in=[DeliveryState.SENT, DeliveryState.DELIVERED], sent_at__gte=hour_ago
            ),
        ),
        failed=Count("id", filter=Q(state=DeliveryState.FAILED, failed_at__gte=hour_ago)),
        retrying=Count("id", filter=Q(state=DeliveryState.QUEUED, attempts__gt=0)),
    )
    oldest = Delivery.objects.filter(
        state__in=[DeliveryState.QUEUED, DeliveryState.SENDING]
    ).aggregate(oldest=Min("created_at"))["oldest"]
    return {
        "queued": by_state.get(DeliveryState.QUEUED, 0),
        "sending": by_state.get(DeliveryState.SENDING, 0),
        "failed": by_state.get(DeliveryState.FAILED, 0),
        "sent_last_hour": last_hour["sent"],
        "failed_last_hour": last_hour["failed"],
        "retrying": last_hour["retrying"],
        "oldest_pending": oldest,
        "oldest_pending_age": (now - oldest) if oldest else None,
    }


def failed_delivery_list() -> QuerySet[Delivery]:
    """The dead-letter list: deliveries that will not be tried again by themselves."""
    return (
        Delivery.objects.filter(state=DeliveryState.FAILED)
        .select_related("notification")
        .order_by("-failed_at")
    )


def message_template_last_edit(*, user: Any, event: str, channel: str) -> MessageTemplate | None:
    """The latest saved text of one event's template on one channel, with who
    saved it, for someone who may edit templates; anyone else gets None."""
    if not user.has_perm("notifications.change_messagetemplate"):
        return None
    return (
        MessageTemplate.objects.filter(event=event, channel=channel)
        .select_related("updated_by")
        .order_by("-updated_at")
        .first()
    )
