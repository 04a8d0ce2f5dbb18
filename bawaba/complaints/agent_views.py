"""The contact centre's page (/<lang>/staff/contact-centre/): an agent files
a case for a caller on the phone, then reads the reference to them. Only
staff with the contact-centre agent role open it (anyone else: 404). The
agent files the case but holds no complaints role, so cannot open it
afterwards: the case is the provider's to handle."""

from __future__ import annotations

from typing import Any, cast

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from bawaba.accounts.constants import Role
from bawaba.accounts.models import User
from bawaba.complaints.actions import Filing, complaint_file
from bawaba.complaints.agent_forms import CallerCaseForm
from bawaba.complaints.errors import ComplaintError
from bawaba.complaints.models import Channel, Complaint

_WORKSPACE = (_("Staff workspace"), "staff:workspace")
_FILED_KEY = "complaints.agent.filed"


def _require_agent(request: HttpRequest) -> User:
    user = cast(User, request.user)
    if (
        not user.is_staff_account
        or not user.memberships.filter(
            role=Role.CONTACT_CENTRE_AGENT, organisation__is_active=True
        ).exists()
    ):
        raise Http404
    return user


@login_required
@require_http_methods(["GET", "POST"])
def file_for_caller(request: HttpRequest) -> HttpResponse:
    agent = _require_agent(request)
    if request.method == "POST":
        form = CallerCaseForm(request.POST)
        if form.is_valid():
            try:
                complaint = _file(request, agent, form.cleaned_data)
            except ComplaintError as error:
                form.add_error(None, str(error))
            else:
                request.session[_FILED_KEY] = str(complaint.pk)
                return redirect("contact_centre:filed")
    else:
        form = CallerCaseForm()
    return render(
        request,
        "complaints/agent_form.html",
        {"form": form, "breadcrumbs": [_WORKSPACE, (_("File a case for a caller"), None)]},
    )


@transaction.atomic
def _file(request: HttpRequest, agent: User, data: dict[str, Any]) -> Complaint:
    provider = data["provider_object"]
    service = data["service_object"]
    return complaint_file(
        filing=Filing(
            kind=data["kind"],
            subject=data["subject"],
            details=data["details"],
            provider_id=provider.pk if provider is not None else None,
            service_id=service.pk if service is not None else None,
            channel=Channel.PHONE,
            contact_name=data["name"],
            contact_email=data["email"],
            contact_mobile=data["mobile"],
            # The agent read the details back and the caller confirmed them.
            contact_verified_at=timezone.now(),
            consent_to_contact=bool(data.get("consent_to_contact")),
            callback_at=data.get("callback_at"),
            language=get_language() or "ar",
        ),
        person=None,
        filed_by=agent,
        request=request,
    )


@login_required
@require_GET
def filed(request: HttpRequest) -> HttpResponse:
    """The reference of the case this agent just filed, to read to the caller."""
    agent = _require_agent(request)
    filed_id = request.session.get(_FILED_KEY)
    complaint = (
        Complaint.objects.filter(pk=str(filed_id), filed_by=agent).first() if filed_id else None
    )
    if complaint is None:
        return redirect("contact_centre:form")
    return render(
        request,
        "complaints/agent_filed.html",
        {
            "complaint": complaint,
            "breadcrumbs": [
                _WORKSPACE,
                (_("File a case for a caller"), "contact_centre:form"),
                (complaint.reference, None),
            ],
        },
    )
