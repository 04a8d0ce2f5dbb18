"""The applicant's applications once started: "Your applications", one
application and its history, answering a request for more information,
paying the fee, withdrawing, and downloading its documents."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from bawaba.core.forms import PortalForm
from bawaba.eservices import cases
from bawaba.eservices.display import answers_summary, state_colour
from bawaba.eservices.downloads import (
    document_response,
    issued_document_response,
    posted_revision,
)
from bawaba.eservices.journey import pages_shown
from bawaba.eservices.models import ApplicationState
from bawaba.eservices.page_helpers import (
    APPLICATIONS,
    HOME,
    application_mine,
    draft_closed,
    user_of,
)
from bawaba.eservices.payment import application_payment
from bawaba.eservices.questions import DocumentField, text_in
from bawaba.eservices.selectors import (
    application_documents,
    application_events_for_applicant,
    application_list_for_applicant,
)
from bawaba.eservices.workflow import MOVES
from bawaba.payments.selectors import takes_payments_online

PAGE_SIZE = 20
# The states from which the applicant may withdraw, as the workflow table says.
WITHDRAWABLE = MOVES["withdraw"].sources


class ResponseForm(PortalForm):
    """The applicant's answer to a request for more information."""

    text = forms.CharField(
        label=gettext_lazy("Your answer"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    document = DocumentField(
        kinds=["pdf", "jpeg", "png"],
        label=gettext_lazy("A document, if one was asked for"),
        required=False,
    )


@login_required
def application_detail(
    request: HttpRequest, application_id: uuid.UUID, response_form: Any = None
) -> HttpResponse:
    application = application_mine(request, application_id)
    data = application.definition.data
    events = application_events_for_applicant(application=application)
    first_page = next(iter(pages_shown(data, application.answers)), None)
    closed = draft_closed(application) if application.state == ApplicationState.DRAFT else ""
    return render(
        request,
        "eservices/application_detail.html",
        {
            "application": application,
            "service": application.definition.eservice.service,
            "title": text_in(data["title"]),
            "colour": state_colour(application.state),
            "events": events,
            "sections": answers_summary(application),
            "just_sent": request.GET.get("sent") == "1"
            and application.state
            in (ApplicationState.SUBMITTED, ApplicationState.AWAITING_PAYMENT),
            "awaiting_payment": application.state == ApplicationState.AWAITING_PAYMENT,
            "pays_online": takes_payments_online(application.organisation_id),
            "payment": application_payment(application) if application.fee_fils else None,
            "pay_key": uuid.uuid4().hex,
            "closed": closed,
            "continue_url": reverse(
                "eservices:page",
                kwargs={"application_id": application.pk, "page_id": first_page["id"]},
            )
            if first_page and application.state == ApplicationState.DRAFT and not closed
            else None,
            "response_form": response_form
            or (ResponseForm() if application.state == ApplicationState.MORE_INFORMATION else None),
            "can_withdraw": application.state in WITHDRAWABLE,
            "documents": application_documents(application=application),
            "breadcrumbs": [HOME, APPLICATIONS, (application.reference, None)],
        },
    )


@login_required
def application_list(request: HttpRequest) -> HttpResponse:
    page_obj = Paginator(application_list_for_applicant(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [(application, state_colour(application.state)) for application in page_obj.object_list]
    return render(
        request,
        "eservices/application_list.html",
        {
            "page_obj": page_obj,
            "rows": rows,
            "breadcrumbs": [HOME, (_("Your applications"), None)],
        },
    )


@login_required
@require_POST
def respond(request: HttpRequest, application_id: uuid.UUID) -> HttpResponse:
    application = application_mine(request, application_id)
    form = ResponseForm(request.POST, request.FILES)
    if form.is_valid():
        revision = posted_revision(request)
        try:
            cases.application_respond(
                user=user_of(request),
                application_id=application.pk,
                revision=revision,
                text=form.cleaned_data["text"],
                upload=form.cleaned_data.get("document"),
                request=request,
            )
        except cases.CaseError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Thank you. Your answer has been sent to the provider."))
            return redirect("eservices:application", application_id=application.pk)
    return application_detail(request, application_id, response_form=form)


@login_required
@require_POST
def withdraw(request: HttpRequest, application_id: uuid.UUID) -> HttpResponse:
    application = application_mine(request, application_id)
    revision = posted_revision(request)
    try:
        cases.application_withdraw(
            user=user_of(request),
            application_id=application.pk,
            revision=revision,
            request=request,
        )
    except cases.CaseError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your application is withdrawn."))
    return redirect("eservices:application", application_id=application.pk)


@login_required
def document(
    request: HttpRequest, application_id: uuid.UUID, document_id: uuid.UUID
) -> HttpResponseBase:
    return document_response(application_mine(request, application_id), document_id)


@login_required
def certificate(request: HttpRequest, application_id: uuid.UUID) -> HttpResponseBase:
    return issued_document_response(application_mine(request, application_id))
