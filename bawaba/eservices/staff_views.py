"""The provider's back office for applications: the work queue and the case page.
Staff see only their own organisations' applications; anything else is a 404."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from bawaba.accounts.models import User
from bawaba.core.identifiers import typed_date
from bawaba.core.templatetags.portal import dinars
from bawaba.eservices import cases, selectors
from bawaba.eservices.display import answers_summary, state_colour
from bawaba.eservices.downloads import (
    document_response,
    issued_document_response,
    posted_revision,
)
from bawaba.eservices.forms import CaseMoveForm
from bawaba.eservices.models import Application
from bawaba.eservices.page_helpers import user_of
from bawaba.eservices.payment import application_payment
from bawaba.eservices.questions import text_in
from bawaba.eservices.workflow import MOVE_WORDING

_WORKSPACE = (gettext_lazy("Staff workspace"), "staff:workspace")
_QUEUE = (gettext_lazy("Applications to handle"), "staff_cases:queue")


def _require_case_staff(request: HttpRequest) -> User:
    user = user_of(request)
    if not user.is_staff_account or not selectors.case_organisations(user).exists():
        raise Http404
    return user


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    user = _require_case_staff(request)
    due_text = request.GET.get("due_by", "").strip()
    filters = selectors.QueueFilters(
        service=request.GET.get("service", ""),
        state=request.GET.get("state", ""),
        assignee=request.GET.get("assignee", ""),
        overdue=request.GET.get("overdue") == "1",
        due_by=typed_date(due_text),
    )
    found = selectors.application_queue(
        user=user, filters=filters, page_number=request.GET.get("page")
    )
    rows = [(row.case, state_colour(row.case.state), row.overdue) for row in found.rows]
    return render(
        request,
        "eservices/staff/queue.html",
        {
            "page_obj": found.page,
            "rows": rows,
            "eservices": selectors.queue_eservices(user=user),
            "states": selectors.queue_states(),
            "filters": {
                "service": filters.service,
                "state": filters.state,
                "assignee": filters.assignee,
                "overdue": filters.overdue,
                "due_by": due_text,
            },
            "due_error": _("Enter a date, for example 31/12/2026.")
            if due_text and filters.due_by is None
            else "",
            "breadcrumbs": [_WORKSPACE, (_("Applications to handle"), None)],
        },
    )


def _case(user: User, application_id: uuid.UUID) -> Application:
    try:
        return selectors.case_get_for_staff(user=user, application_id=application_id)
    except Application.DoesNotExist as error:
        raise Http404 from error


def _move_form(
    application: Application,
    move: str,
    data: Any = None,
    *,
    actions: list[str] | None = None,
) -> CaseMoveForm:
    """The form of ``move`` on the case page (bound to what was posted, if any)."""
    kind = cases.REASON_KIND.get(move)
    reasons = (
        [
            (reason["id"], cases.reason_label(reason))
            for reason in cases.decision_reasons(application, kind)
        ]
        if kind
        else []
    )
    colleagues = (
        [(str(colleague.pk), colleague.display_name) for colleague in cases.colleagues(application)]
        if move == "assign"
        else []
    )
    return CaseMoveForm(
        data,
        initial={"assignee": str(application.assignee_id or "")},
        move=move,
        reasons=reasons,
        colleagues=colleagues,
        shown=actions is None or move in actions,
    )


def _offered(move: str, form: CaseMoveForm, values: dict[str, str]) -> dict[str, Any]:
    """A move as the case page offers it: its form and its words (the stage
    it leads to and the fee filled in)."""
    wording = MOVE_WORDING[move]
    return {
        "move": move,
        "form": form,
        "title": str(wording.title) % values,
        "button": wording.button,
        "intro": str(wording.intro) % values if wording.intro else "",
        "weight": wording.weight,
    }


def _case_page(
    request: HttpRequest,
    user: User,
    application: Application,
    *,
    posted: CaseMoveForm | None = None,
    status: int = 200,
) -> HttpResponse:
    actions = cases.moves_open(user, application)
    if posted is not None:
        posted.shown = posted.move in actions
    forms = {
        move: posted
        if posted is not None and posted.move == move
        else _move_form(application, move)
        for move in actions
    }
    wording = {
        "stage": cases.next_stage_label(application),
        "amount": dinars(application.fee_fils),
    }
    return render(
        request,
        "eservices/staff/case.html",
        {
            "application": application,
            "payment": application_payment(application) if application.fee_fils else None,
            "service": application.definition.eservice.service,
            "title": text_in(application.definition.data["title"]),
            "colour": state_colour(application.state),
            "sections": answers_summary(application, editable=False),
            "documents": selectors.application_documents(application=application),
            "events": selectors.case_events_for_staff(application=application),
            "actions": actions,
            "move_forms": [_offered(move, forms[move], wording) for move in actions],
            # The base layout's error summary lists the errors of ``form``.
            "form": posted,
            "breadcrumbs": [_WORKSPACE, _QUEUE, (application.reference, None)],
        },
        status=status,
    )


@login_required
def case(request: HttpRequest, application_id: uuid.UUID) -> HttpResponse:
    user = _require_case_staff(request)
    return _case_page(request, user, _case(user, application_id))


@login_required
@require_POST
def act(request: HttpRequest, application_id: uuid.UUID) -> HttpResponse:
    user = _require_case_staff(request)
    application = _case(user, application_id)
    move = request.POST.get("move", "")
    form = _move_form(application, move, request.POST)
    if form.is_valid():
        try:
            acted = cases.case_act(
                user=user,
                application_id=application.pk,
                move=move,
                revision=posted_revision(request),
                request=request,
                **form.values(),
            )
        except cases.CaseError as error:
            form.refused(error.code, str(error))
        else:
            told = cases.MOVES[move].notifies and acted.applicant_view != application.applicant_view
            done = _("Done. The applicant has been told where it stands.") if told else _("Done.")
            messages.success(request, done)
            return redirect("staff_cases:case", application_id=application.pk)
    return _case_page(
        request,
        user,
        _case(user, application_id),
        posted=form,
        status=409 if form.stale else 400,
    )


@login_required
def document(
    request: HttpRequest, application_id: uuid.UUID, document_id: uuid.UUID
) -> HttpResponseBase:
    user = _require_case_staff(request)
    application = _case(user, application_id)
    return document_response(application, document_id)


@login_required
def certificate(request: HttpRequest, application_id: uuid.UUID) -> HttpResponseBase:
    user = _require_case_staff(request)
    return issued_document_response(_case(user, application_id))
