"""The complaints back office: the work queue (and, for the portal's complaint
managers, the triage queue of cases no provider has yet), the case page with
its moves, and the case's attachments. Staff see only the cases of the
providers where they hold a complaints role (a manager sees every case);
anything else, and anyone without such a role, is a 404 (a case named by
its reference in a form, to link or merge with, too: the page comes back
with the form's error and a 404). Every opening of a case is written to the
audit log: the access log of personal data."""

from __future__ import annotations

import uuid
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from bawaba.accounts.models import User
from bawaba.cases.selectors import QueueFilters
from bawaba.complaints import staff_actions
from bawaba.complaints.case_kind import COMPLAINTS, is_complaint_manager
from bawaba.complaints.errors import ComplaintError
from bawaba.complaints.models import (
    Complaint,
    ComplaintAttachment,
    ComplaintEvent,
    ComplaintState,
)
from bawaba.complaints.person_views import STATE_COLOURS
from bawaba.complaints.selectors import (
    complaint_get_for_staff,
    complaint_list_for_staff,
    complaint_organisations,
    complaint_queue,
)
from bawaba.complaints.staff_forms import (
    MOVE_FORMS,
    MOVE_WORDING,
    AssignForm,
    MoveForm,
    TransferForm,
)
from bawaba.core.audit import audit_record
from bawaba.core.identifiers import normalise_digits, typed_date

_WORKSPACE = (gettext_lazy("Staff workspace"), "staff:workspace")
_QUEUE = (gettext_lazy("Complaints to handle"), "staff_complaints:queue")
# The extension of each content type an attachment can be checked to be.
_EXTENSIONS = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}


def _require_complaints_staff(request: HttpRequest) -> User:
    user = cast(User, request.user)
    if not user.is_staff_account or not (
        is_complaint_manager(user) or complaint_organisations(user).exists()
    ):
        raise Http404
    return user


def _posted_revision(request: HttpRequest) -> int:
    """The revision the form was shown with; a missing or garbled one never
    matches, so the move is refused as stale."""
    try:
        return int(normalise_digits(request.POST.get("revision", "")))
    except ValueError:
        return -1


@login_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    user = _require_complaints_staff(request)
    manager = is_complaint_manager(user)
    triage = manager and request.GET.get("triage") == "1"
    due_text = request.GET.get("due_by", "").strip()
    filters = QueueFilters(
        state=request.GET.get("state", ""),
        assignee=request.GET.get("assignee", ""),
        overdue=request.GET.get("overdue") == "1",
        due_by=typed_date(due_text),
    )
    found = complaint_queue(
        user=user, filters=filters, triage=triage, page_number=request.GET.get("page")
    )
    title = _("Triage: cases without a provider") if triage else _("Complaints to handle")
    return render(
        request,
        "complaints/staff/queue.html",
        {
            "title": title,
            "page_obj": found.page,
            "rows": [(row, STATE_COLOURS.get(row.case.state, "grey")) for row in found.rows],
            "states": ComplaintState.choices,
            "manager": manager,
            "filters": {
                "state": filters.state,
                "assignee": filters.assignee,
                "overdue": filters.overdue,
                "due_by": due_text,
                "triage": triage,
            },
            "due_error": _("Enter a date, for example 31/12/2026.")
            if due_text and filters.due_by is None
            else "",
            "breadcrumbs": [_WORKSPACE, (title, None)],
        },
    )


def _case(user: User, complaint_id: uuid.UUID) -> Complaint:
    try:
        return complaint_get_for_staff(user=user, complaint_id=complaint_id)
    except Complaint.DoesNotExist as error:
        raise Http404 from error


def _form(complaint: Complaint, move: str, data: Any = None) -> MoveForm:
    """The form of ``move`` on the case page (bound to what was posted, if any)."""
    form_class = MOVE_FORMS[move]
    if form_class is AssignForm:
        colleagues = [
            (str(colleague.pk), colleague.display_name)
            for colleague in COMPLAINTS.colleagues(complaint)
        ]
        return AssignForm(
            data, initial={"assignee": str(complaint.assignee_id or "")}, colleagues=colleagues
        )
    if form_class is TransferForm:
        organisations = [
            (str(organisation.pk), organisation.name)
            for organisation in staff_actions.transfer_destinations(complaint)
        ]
        return TransferForm(data, organisations=organisations)
    if move == "priority":
        return form_class(data, initial={"priority": complaint.priority})
    return form_class(data)


def _history(complaint: Complaint, *, show_identity: bool) -> list[ComplaintEvent]:
    """The case's history for staff; when the person's identity is withheld,
    their own steps (filing, answering) are shown without their name."""
    events = list(complaint.events.select_related("actor").order_by("created_at", "id"))
    if not show_identity and complaint.person_id is not None:
        for event in events:
            if event.actor_id == complaint.person_id:
                event.actor = None  # shown only, never saved (the history is append-only)
    return events


def _related(user: User, complaint: Complaint, *, appeal: bool = False) -> list[dict[str, Any]]:
    """The cases linked with ``complaint`` (or the case its grievance is
    against), each with whether ``user`` may open it (else only its reference
    is shown)."""
    if appeal:
        if complaint.appeal_of_id is None:
            return []
        cases = Complaint.objects.filter(appeals=complaint)
    else:
        cases = complaint.related.order_by("received_at")
    found = list(cases.only("id", "reference", "kind", "state", "received_at"))
    if not found:
        return []
    visible = set(
        complaint_list_for_staff(user=user)
        .filter(pk__in=[case.pk for case in found])
        .values_list("pk", flat=True)
    )
    return [{"case": case, "visible": case.pk in visible} for case in found]


def _offered(move: str, form: MoveForm) -> dict[str, Any]:
    wording = MOVE_WORDING[move]
    return {
        "move": move,
        "form": form,
        "title": wording.title,
        "button": wording.button,
        "intro": wording.intro,
        "weight": wording.weight,
    }


def _case_page(
    request: HttpRequest,
    user: User,
    complaint: Complaint,
    *,
    posted: MoveForm | None = None,
    status: int = 200,
) -> HttpResponse:
    offered = staff_actions.moves_open(user, complaint)
    if staff_actions.may_change_priority(user, complaint):
        offered.append("priority")
    if staff_actions.may_link(user, complaint):
        offered.append("link")
    if posted is not None:
        posted.shown = posted.move in offered
    move_forms = [
        _offered(
            move,
            posted if posted is not None and posted.move == move else _form(complaint, move),
        )
        for move in offered
    ]
    manager = is_complaint_manager(user)
    show_identity = manager or not complaint.identity_withheld
    audit_record(
        action="complaints.case.opened",
        request=request,
        actor=user,
        data={"complaint": str(complaint.pk), "identity_shown": show_identity},
    )
    return render(
        request,
        "complaints/staff/case.html",
        {
            "complaint": complaint,
            "colour": STATE_COLOURS.get(complaint.state, "grey"),
            "show_identity": show_identity,
            "attachments": list(complaint.attachments.all()),
            "events": _history(complaint, show_identity=show_identity),
            "related": _related(user, complaint),
            "appeal_of": _related(user, complaint, appeal=True),
            "move_forms": move_forms,
            # The base layout's error summary lists the errors of ``form``.
            "form": posted,
            "breadcrumbs": [_WORKSPACE, _QUEUE, (complaint.reference, None)],
        },
        status=status,
    )


@login_required
@require_GET
def case(request: HttpRequest, complaint_id: uuid.UUID) -> HttpResponse:
    user = _require_complaints_staff(request)
    return _case_page(request, user, _case(user, complaint_id))


@login_required
@require_POST
def act(request: HttpRequest, complaint_id: uuid.UUID) -> HttpResponse:
    user = _require_complaints_staff(request)
    complaint = _case(user, complaint_id)
    move = request.POST.get("move", "")
    if move not in MOVE_FORMS:
        form = MoveForm(request.POST)
        form.is_valid()
        form.add_error(None, _("Unknown action."))
        return _case_page(request, user, complaint, posted=form, status=400)
    form = _form(complaint, move, request.POST)
    if form.is_valid():
        try:
            if move == "priority":
                acted = staff_actions.complaint_priority_change(
                    user=user,
                    complaint_id=complaint.pk,
                    revision=_posted_revision(request),
                    priority=form.cleaned_data["priority"],
                    reason=form.cleaned_data["reason"],
                    request=request,
                )
            elif move == "link":
                acted = staff_actions.complaint_link(
                    user=user,
                    complaint_id=complaint.pk,
                    revision=_posted_revision(request),
                    reference=form.cleaned_data["reference"],
                    request=request,
                )
            else:
                acted = staff_actions.complaint_act(
                    user=user,
                    complaint_id=complaint.pk,
                    move=move,
                    revision=_posted_revision(request),
                    request=request,
                    **form.values(),
                )
        except Complaint.DoesNotExist as error:
            raise Http404 from error
        except ComplaintError as error:
            form.refused(error.code, str(error))
        else:
            told = move in staff_actions.TOLD and acted.person_id is not None
            messages.success(request, _("Done. The person has been told.") if told else _("Done."))
            if not complaint_list_for_staff(user=user).filter(pk=acted.pk).exists():
                # Passed to a provider whose cases this member of staff does not see.
                return redirect("staff_complaints:queue")
            return redirect("staff_complaints:case", complaint_id=acted.pk)
    return _case_page(
        request,
        user,
        _case(user, complaint_id),
        posted=form,
        status=409 if form.stale else 404 if form.not_found else 400,
    )


@login_required
@require_GET
def attachment(
    request: HttpRequest, complaint_id: uuid.UUID, attachment_id: uuid.UUID
) -> HttpResponseBase:
    """A file the person sent, only ever as a download under a name the portal makes."""
    user = _require_complaints_staff(request)
    complaint = _case(user, complaint_id)
    try:
        stored = complaint.attachments.get(pk=attachment_id)
    except ComplaintAttachment.DoesNotExist as error:
        raise Http404 from error
    try:
        handle = stored.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    audit_record(
        action="complaints.attachment.opened",
        request=request,
        actor=user,
        data={"complaint": str(complaint.pk), "attachment": str(stored.pk)},
    )
    extension = _EXTENSIONS.get(stored.content_type, "")
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"{complaint.reference}-{str(stored.pk)[:8]}{extension}",
        content_type=stored.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
