"""The applicant's applications and issued documents on their dashboard
(``bawaba.accounts.dashboard``): two queries whatever they have."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from bawaba.accounts.dashboard import LIMIT, DashboardItem, dashboard_provider_register
from bawaba.eservices.display import state_colour
from bawaba.eservices.models import ApplicationState, IssuedDocument
from bawaba.eservices.questions import text_in
from bawaba.eservices.selectors import application_list_for_applicant

# What the applicant does next, by the state they know.
NEXT_STEPS: dict[str, Any] = {
    ApplicationState.DRAFT: _("Finish your application"),
    ApplicationState.AWAITING_PAYMENT: _("Pay the fee"),
    ApplicationState.MORE_INFORMATION: _("Answer the request for information"),
}
# A document issued this recently is "ready" in "Needs your attention".
NEW_DOCUMENT_DAYS = 30
NEEDS_ACTION = frozenset({ApplicationState.AWAITING_PAYMENT, ApplicationState.MORE_INFORMATION})


def _title(application: Any) -> str:
    data = application.definition.data
    if isinstance(data, dict) and data.get("title"):
        return text_in(data["title"])
    return str(application.definition.eservice.service.title)


def application_items(user: Any) -> list[DashboardItem]:
    applications = list(application_list_for_applicant(user=user)[:LIMIT])
    items = []
    for application in applications:
        state = application.applicant_state
        url = reverse("eservices:application", kwargs={"application_id": application.pk})
        items.append(
            DashboardItem(
                section="applications",
                kind=pgettext_lazy("dashboard kind", "Application"),
                title=_title(application),
                reference=application.reference,
                status=application.applicant_status,
                colour=state_colour(application.state),
                next_step=NEXT_STEPS.get(state, ""),
                url=url,
                when=application.updated_at or application.created_at,
                needs_action=state in NEEDS_ACTION,
            )
        )
    return items


def document_items(user: Any) -> list[DashboardItem]:
    documents = (
        IssuedDocument.objects.filter(application__applicant_id=user.pk, revoked_at__isnull=True)
        .select_related("application")
        .order_by("-issued_at")[:LIMIT]
    )
    recent = timezone.now() - datetime.timedelta(days=NEW_DOCUMENT_DAYS)
    return [
        DashboardItem(
            section="documents",
            kind=pgettext_lazy("dashboard kind", "Document"),
            title=document.title,
            reference=document.application.reference,
            status=pgettext_lazy("document state", "Issued"),
            colour="green",
            next_step=_("Download your document"),
            url=reverse(
                "eservices:application", kwargs={"application_id": document.application_id}
            ),
            next_url=reverse(
                "eservices:certificate", kwargs={"application_id": document.application_id}
            ),
            when=document.issued_at,
            needs_action=document.issued_at >= recent,
        )
        for document in documents
    ]


def register_dashboard() -> None:
    dashboard_provider_register("eservices.applications", application_items)
    dashboard_provider_register("eservices.documents", document_items)
