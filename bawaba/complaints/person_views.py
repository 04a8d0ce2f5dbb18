"""The person's own cases: the list, one case with its timeline, and what
they do on it: answer, add information, withdraw, reopen, rate."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from bawaba.accounts.models import User
from bawaba.complaints import guest, person_actions
from bawaba.complaints.case_kind import COMPLAINTS, GuestActor
from bawaba.complaints.errors import ComplaintError
from bawaba.complaints.models import Complaint, ComplaintState, Rating
from bawaba.complaints.person_forms import (
    InformationForm,
    RatingForm,
    ReopenForm,
    RespondForm,
    WithdrawForm,
)
from bawaba.complaints.selectors import (
    complaint_events_for_person,
    complaint_get_for_guest,
    complaint_get_for_person,
    complaint_list_for_person,
)
from bawaba.core.forms import PortalForm

STATE_COLOURS: dict[str, str] = {
    ComplaintState.RECEIVED: "blue",
    ComplaintState.IN_PROGRESS: "blue",
    ComplaintState.MORE_INFORMATION: "yellow",
    ComplaintState.CLOSED: "grey",
}
WITHDRAWABLE = COMPLAINTS.table.sources("withdraw")
# Where the case page and its steps are: the account's pages, or a guest's.
PERSON = "complaints"
GUEST = "contact"
STEPS = ("case", "respond", "add_information", "withdraw", "reopen", "rate")


@login_required
@require_GET
def case_list(request: HttpRequest) -> HttpResponse:
    cases = complaint_list_for_person(user=request.user).order_by("-received_at")
    rows = [(complaint, STATE_COLOURS.get(complaint.state, "grey")) for complaint in cases]
    return render(request, "complaints/case_list.html", {"cases": rows})


def _mine(request: HttpRequest, complaint_id: uuid.UUID, where: str) -> Complaint:
    """The person's own case, or the one the guest's session was granted."""
    try:
        if where == GUEST:
            return complaint_get_for_guest(session=request.session, complaint_id=complaint_id)
        return complaint_get_for_person(user=request.user, complaint_id=complaint_id)
    except Complaint.DoesNotExist as missing:
        raise Http404 from missing


def _actor(request: HttpRequest, complaint: Complaint, where: str) -> person_actions.Actor:
    if where == GUEST:
        return GuestActor(complaint.pk)
    assert isinstance(request.user, User)  # noqa: S101  # @login_required
    return request.user


def _posted_revision(request: HttpRequest) -> int:
    """The revision the page was shown with; a missing or garbled one never
    matches, so the action is refused as stale."""
    try:
        return int(request.POST.get("revision", ""))
    except ValueError:
        return -1


def _grievance_url(complaint: Complaint) -> str:
    """The contact form, set for a grievance against this case's outcome."""
    query = {"kind": "grievance", "subject": f"complaint:{complaint.pk}"}
    return f"{reverse('contact:form')}?{urlencode(query)}"


def _render(
    request: HttpRequest,
    complaint: Complaint,
    where: str,
    failed: tuple[str, PortalForm] | None = None,
) -> HttpResponse:
    """The case page; ``failed`` is the form (by its name) sent with a
    problem, shown again with what the person typed and its errors."""
    state = complaint.state
    rating = Rating.objects.filter(complaint=complaint).first()
    until = person_actions.reopen_until(complaint)
    forms: dict[str, Any] = {
        "respond_form": RespondForm() if state == ComplaintState.MORE_INFORMATION else None,
        "information_form": InformationForm()
        if state in person_actions.INFORMATION_STATES
        else None,
        "withdraw_form": WithdrawForm() if state in WITHDRAWABLE else None,
        "reopen_form": ReopenForm() if until is not None and timezone.now() <= until else None,
        "rating_form": RatingForm()
        if rating is None and person_actions.may_rate(complaint)
        else None,
    }
    context: dict[str, Any] = {}
    if failed is not None:
        name, form = failed
        forms[name] = form
        # The page's error summary lists this form's problems.
        context["form"] = form
    events = complaint_events_for_person(complaint=complaint)
    request_event = (
        events.filter(action="request_information").last()
        if state == ComplaintState.MORE_INFORMATION
        else None
    )
    return render(
        request,
        "complaints/case_detail.html",
        {
            **context,
            **forms,
            "complaint": complaint,
            "colour": STATE_COLOURS.get(state, "grey"),
            "events": events,
            "request_event": request_event,
            "just_sent": request.GET.get("sent") == "1",
            "rating": rating,
            "grievance_url": _grievance_url(complaint)
            if person_actions.grievance_offered(rating)
            else "",
            "reopen_until": until,
            "reopen_days": person_actions.reopen_working_days(),
            "guest_session": where == GUEST,
            "urls": {
                step: reverse(f"{where}:{step}", kwargs={"complaint_id": complaint.pk})
                for step in STEPS
            },
        },
    )


def _act(
    request: HttpRequest,
    complaint_id: uuid.UUID,
    name: str,
    form: PortalForm,
    action: Callable[..., Any],
    done: str,
    where: str,
) -> HttpResponse:
    """Check ``form``, call ``action`` with the person, the case, the
    revision shown and the form's values; on success say ``done`` and show
    the case, else show the page again with the problem and what was typed."""
    complaint = _mine(request, complaint_id, where)
    if form.is_valid():
        try:
            action(
                user=_actor(request, complaint, where),
                complaint_id=complaint.pk,
                revision=_posted_revision(request),
                request=request,
                **form.cleaned_data,
            )
        except ComplaintError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, done)
            return redirect(f"{where}:case", complaint_id=complaint.pk)
    # Show the case as it stands now (a stale form: what changed).
    return _render(request, _mine(request, complaint_id, where), where, failed=(name, form))


def _detail(request: HttpRequest, complaint_id: uuid.UUID, where: str) -> HttpResponse:
    return _render(request, _mine(request, complaint_id, where), where)


def _respond(request: HttpRequest, complaint_id: uuid.UUID, where: str) -> HttpResponse:
    return _act(
        request,
        complaint_id,
        "respond_form",
        RespondForm(request.POST),
        person_actions.complaint_respond,
        _("Thank you. Your answer has been sent to the provider."),
        where,
    )


def _add_information(request: HttpRequest, complaint_id: uuid.UUID, where: str) -> HttpResponse:
    return _act(
        request,
        complaint_id,
        "information_form",
        InformationForm(request.POST),
        person_actions.complaint_information_add,
        _("Thank you. What you added has been sent to the provider."),
        where,
    )


def _withdraw(request: HttpRequest, complaint_id: uuid.UUID, where: str) -> HttpResponse:
    return _act(
        request,
        complaint_id,
        "withdraw_form",
        WithdrawForm(request.POST),
        person_actions.complaint_withdraw,
        _("Your case is withdrawn."),
        where,
    )


def _reopen(request: HttpRequest, complaint_id: uuid.UUID, where: str) -> HttpResponse:
    return _act(
        request,
        complaint_id,
        "reopen_form",
        ReopenForm(request.POST),
        person_actions.complaint_reopen,
        _("Your case is open again. The provider will look at it once more."),
        where,
    )


def _rate(request: HttpRequest, complaint_id: uuid.UUID, where: str) -> HttpResponse:
    return _act(
        request,
        complaint_id,
        "rating_form",
        RatingForm(request.POST),
        person_actions.complaint_rate,
        _("Thank you for your rating."),
        where,
    )


_View = Callable[[HttpRequest, uuid.UUID, str], HttpResponse]
_Bound = Callable[[HttpRequest, uuid.UUID], HttpResponse]


def _person(view: _View) -> _Bound:
    """``view`` on the signed-in person's own case."""

    @wraps(view)
    def person_view(request: HttpRequest, complaint_id: uuid.UUID) -> HttpResponse:
        return view(request, complaint_id, PERSON)

    return person_view


def _guest(view: _View) -> _Bound:
    """``view`` on a message sent without an account, through the session's
    grant; once the grant has expired, back to the follow page."""

    @wraps(view)
    def guest_view(request: HttpRequest, complaint_id: uuid.UUID) -> HttpResponse:
        if guest.grant_state(request.session, complaint_id) == "expired":
            guest.grant_drop(request.session, complaint_id)
            messages.info(
                request, _("For your security, type a new code to see your message again.")
            )
            return redirect("contact:follow")
        return view(request, complaint_id, GUEST)

    return guest_view


case_detail = login_required(require_GET(_person(_detail)))
respond = login_required(require_POST(_person(_respond)))
add_information = login_required(require_POST(_person(_add_information)))
withdraw = login_required(require_POST(_person(_withdraw)))
reopen = login_required(require_POST(_person(_reopen)))
rate = login_required(require_POST(_person(_rate)))

guest_case_detail = require_GET(_guest(_detail))
guest_respond = require_POST(_guest(_respond))
guest_add_information = require_POST(_guest(_add_information))
guest_withdraw = require_POST(_guest(_withdraw))
guest_reopen = require_POST(_guest(_reopen))
guest_rate = require_POST(_guest(_rate))
