"""The pages every participation space shares: choosing the name shown with
posts, and reporting a post to the moderators."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from bawaba.accounts.constants import AccountKind
from bawaba.accounts.models import User
from bawaba.participation import actions
from bawaba.participation.forms import NameForm, ReportForm
from bawaba.participation.models import Contribution
from bawaba.participation.moderation import moderated_kind


def safe_next(request: HttpRequest, fallback: str = "") -> str:
    """The ``next`` address a form was given, when it is one of ours."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback or reverse("catalogue:home")


@require_GET
def hub(request: HttpRequest) -> HttpResponse:
    """Every way of taking part, in one place (charter C6, C11, C21)."""
    return render(
        request,
        "participation/hub.html",
        {"breadcrumbs": [(_("Home"), "catalogue:home"), (_("Have your say"), None)]},
    )


@login_required
@require_http_methods(["GET", "POST"])
def name(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    participant = actions.participant_get(user)
    business = user.kind == AccountKind.BUSINESS_REPRESENTATIVE
    initial: dict[str, Any] = {}
    if participant is not None:
        initial = {
            "display_name": participant.display_name,
            "business_name": participant.business_name,
        }
    if request.method == "POST":
        form = NameForm(request.POST, business=business)
        if form.is_valid():
            actions.participant_set(
                user=user,
                display_name=form.cleaned_data["display_name"],
                business_name=form.cleaned_data.get("business_name", ""),
            )
            messages.success(request, _("Your posts will be shown under this name."))
            return redirect(safe_next(request))
    else:
        form = NameForm(initial=initial, business=business)
    return render(
        request,
        "participation/name.html",
        {"form": form, "next": safe_next(request), "participant": participant},
    )


def _published(kind_code: str, pk: int) -> tuple[Any, Contribution]:
    kind = moderated_kind(kind_code)
    if kind is None:
        raise Http404
    manager: Any = kind.model._default_manager
    content = manager.filter(pk=pk, state="published").first()
    if content is None:
        raise Http404
    return kind, content


@login_required
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    moderated, content = _published(kind, pk)
    link, kwargs = moderated.link(content)
    back = reverse(link, kwargs=kwargs)
    user = cast(User, request.user)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.contribution_report(
                content=content, reporter=user, reason=form.cleaned_data["reason"]
            )
        except actions.PostingError as error:
            form.add_error("reason", str(error.message))
        else:
            messages.success(
                request, _("Thank you. A moderator will look at the post you reported.")
            )
            return redirect(back)
    return render(
        request,
        "participation/report.html",
        {"form": form, "post": content, "back": back, "kind": moderated},
    )
