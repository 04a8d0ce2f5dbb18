"""The person's complaints, suggestions and enquiries on their dashboard
(``bawaba.accounts.dashboard``): one query whatever they have."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bawaba.accounts.dashboard import LIMIT, DashboardItem, dashboard_provider_register
from bawaba.complaints.models import ComplaintState
from bawaba.complaints.selectors import complaint_list_for_person

COLOURS: dict[str, str] = {
    ComplaintState.RECEIVED: "blue",
    ComplaintState.IN_PROGRESS: "blue",
    ComplaintState.MORE_INFORMATION: "yellow",
    ComplaintState.CLOSED: "grey",
}


def complaint_items(user: Any) -> list[DashboardItem]:
    complaints = complaint_list_for_person(user=user).order_by("-updated_at")[:LIMIT]
    items = []
    for complaint in complaints:
        waiting = complaint.state == ComplaintState.MORE_INFORMATION
        items.append(
            DashboardItem(
                section="cases",
                kind=complaint.get_kind_display(),
                title=complaint.subject,
                reference=complaint.reference,
                status=complaint.get_state_display(),
                colour=COLOURS.get(complaint.state, "grey"),
                next_step=_("Answer the request for information") if waiting else "",
                url=reverse("complaints:case", kwargs={"complaint_id": complaint.pk}),
                when=complaint.updated_at,
                needs_action=waiting,
            )
        )
    return items


def register_dashboard() -> None:
    dashboard_provider_register("complaints.cases", complaint_items)
