"""The surveys a person was invited to and has not answered, on their
dashboard (``bawaba.accounts.dashboard``): one query whatever they have.

Only the invitation is read (who was asked, and whether the link was used),
never a response: responses hold nothing that links them to a person, and
this keeps it so. An answered invitation is simply no longer shown."""

from __future__ import annotations

from typing import Any

from django.db.models import CharField, OuterRef, Q, Subquery, UUIDField, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from bawaba.accounts.dashboard import LIMIT, DashboardItem, dashboard_provider_register
from bawaba.notifications.models import Notification
from bawaba.participation.surveys.models import Invitation, SurveyState


def survey_items(user: Any) -> list[DashboardItem]:
    if not getattr(user, "pk", None):
        return []
    # The one-use link is kept only as a hash: it is in the invitation's message.
    message = Notification.objects.filter(
        recipient_id=user.pk,
        idempotency_key=Concat(
            Value("survey:"),
            Cast(OuterRef("survey_id"), output_field=CharField()),
            Value(":invitation"),
            output_field=CharField(),
        ),
    )
    today = timezone.localdate()
    invitations = (
        Invitation.objects.filter(
            recipient_id=user.pk, used_at__isnull=True, survey__state=SurveyState.SENT
        )
        .filter(Q(survey__closes_on__isnull=True) | Q(survey__closes_on__gte=today))
        .select_related("survey")
        .annotate(
            message_id=Subquery(message.values("pk")[:1], output_field=UUIDField()),
            message_link=Subquery(message.values("link")[:1], output_field=CharField()),
        )
        .order_by("-sent_at", "-pk")[:LIMIT]
    )
    items = []
    for invitation in invitations:
        url = (
            reverse("notifications:message", kwargs={"notification_id": invitation.message_id})
            if invitation.message_id
            else reverse("notifications:inbox")
        )
        items.append(
            DashboardItem(
                section="participation",
                kind=pgettext_lazy("dashboard kind", "Survey"),
                title=invitation.survey.title,
                status=pgettext_lazy("survey invitation", "Not answered yet"),
                colour="yellow",
                next_step=_("Answer the survey"),
                next_url=invitation.message_link or url,
                url=url,
                when=invitation.sent_at,
                needs_action=True,
            )
        )
    return items


def register_dashboard() -> None:
    dashboard_provider_register("surveys.invitations", survey_items)
