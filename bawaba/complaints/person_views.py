"""The person's own cases: the list, and one case with its timeline."""

from __future__ import annotations

import uuid

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from bawaba.complaints.models import Complaint, ComplaintState
from bawaba.complaints.selectors import (
    complaint_events_for_person,
    complaint_get_for_person,
    complaint_list_for_person,
)

STATE_COLOURS: dict[str, str] = {
    ComplaintState.RECEIVED: "blue",
    ComplaintState.IN_PROGRESS: "blue",
    ComplaintState.MORE_INFORMATION: "yellow",
    ComplaintState.CLOSED: "grey",
}


@login_required
@require_GET
def case_list(request: HttpRequest) -> HttpResponse:
    cases = complaint_list_for_person(user=request.user).order_by("-received_at")
    return render(request, "complaints/case_list.html", {"cases": cases})


@login_required
@require_GET
def case_detail(request: HttpRequest, complaint_id: uuid.UUID) -> HttpResponse:
    try:
        complaint = complaint_get_for_person(user=request.user, complaint_id=complaint_id)
    except Complaint.DoesNotExist as missing:
        raise Http404 from missing
    return render(
        request,
        "complaints/case_detail.html",
        {
            "complaint": complaint,
            "colour": STATE_COLOURS.get(complaint.state, "grey"),
            "events": complaint_events_for_person(complaint=complaint),
            "just_sent": request.GET.get("sent") == "1",
        },
    )
