"""Follow a message sent without an account: the visitor gives its reference
and the email address or mobile number it was sent with; when they match, a
one-time code goes to that address (``guest``), and the right code lets this
session open the case for a while (``person_views.guest_*``). Details that
match nothing lead to the same pages, and no code is sent."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bawaba.complaints import guest
from bawaba.complaints.forms import CodeForm
from bawaba.complaints.person_forms import FollowForm
from bawaba.complaints.selectors import complaint_find_for_follow


@require_http_methods(["GET", "POST"])
def follow(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = FollowForm(request.POST)
        if form.is_valid():
            channel, address = form.cleaned_data["contact"]
            if guest.over_limit(request, address):
                form.add_error(None, guest.too_many_codes())
            else:
                complaint = complaint_find_for_follow(
                    reference=form.cleaned_data["reference"], channel=channel, address=address
                )
                pending = guest.follow_start(
                    request.session,
                    complaint_id=complaint.pk if complaint is not None else None,
                    channel=channel,
                    address=address,
                    language=get_language() or "ar",
                    name=complaint.contact_name if complaint is not None else "",
                )
                guest.code_send(pending)
                guest.follow_save(request.session, pending)
                return redirect("contact:follow_code")
    else:
        form = FollowForm()
    return render(request, "complaints/follow.html", {"form": form})


@require_http_methods(["GET", "POST"])
def follow_code(request: HttpRequest) -> HttpResponse:
    """The code sent to follow a message; the right one opens its case."""
    pending = guest.follow_get(request.session)
    if pending is None:
        return redirect("contact:follow")
    channel, address = guest.verified_address(pending["answers"])
    notice = problem = ""
    if request.method == "POST" and "resend" in request.POST:
        form = CodeForm()
        notice, problem = guest.code_resend(
            request, pending, lambda kept: guest.follow_save(request.session, kept)
        )
    elif request.method == "POST":
        form = CodeForm(request.POST)
        if form.is_valid():
            result = guest.code_check(pending, form.cleaned_data["code"])
            guest.follow_save(request.session, pending)
            if result == guest.Check.RIGHT and pending.get("complaint"):
                request.session.pop(guest.FOLLOW_KEY, None)
                guest.grant_give(request.session, pending["complaint"])
                return redirect("contact:case", complaint_id=pending["complaint"])
            form.add_error("code", _code_problem(result, pending))
    else:
        form = CodeForm()
    return render(
        request,
        "complaints/follow_code.html",
        {
            "form": form,
            "channel": channel,
            "address": address,
            "notice": notice,
            "problem": problem,
            "may_resend": int(pending.get("sends", 0)) < guest.MAX_SENDS,
            "minutes": int(guest.CODE_LIFE.total_seconds() // 60),
        },
    )


def _code_problem(result: guest.Check, pending: dict[str, object]) -> str:
    if result == guest.Check.EXPIRED:
        return _("This code has expired. Ask for a new code below.")
    if result == guest.Check.SPENT:
        return _("You have typed a wrong code too many times. Ask for a new code below.")
    left = guest.MAX_TRIES - int(str(pending.get("tries", 0)))
    return _(
        "This code is not right. Check the message we sent you and type its 6 digits "
        "(%(left)s tries left)."
    ) % {"left": left}
