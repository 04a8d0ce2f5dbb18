from __future__ import annotations

from typing import Any, cast

from allauth.mfa.totp.views import ActivateTOTPView as AllauthActivateTOTPView
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bawaba.accounts import dashboard as dashboard_registry
from bawaba.accounts.actions import profile_update
from bawaba.accounts.constants import Role
from bawaba.accounts.forms import ProfileForm
from bawaba.accounts.models import User
from bawaba.accounts.selectors import audit_event_list_for_account, membership_list_for_staff
from bawaba.accounts.two_step import two_step_mark_passed
from bawaba.notifications.selectors import notification_list_for_recipient, unread_count

ACTIVITY_PAGE_SIZE = 20

_HOME = (gettext_lazy("Home"), "catalogue:home")
_ACCOUNT = (gettext_lazy("Your account"), "accounts:profile")


def _user(request: HttpRequest) -> User:
    # Every view here is behind login_required, so the user is a real account.
    return cast(User, request.user)


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/profile_detail.html",
        {"account": _user(request), "breadcrumbs": [_HOME, (_("Your account"), None)]},
    )


# The dashboard's filters: the query value and its label.
DASHBOARD_SECTIONS = (
    ("applications", gettext_lazy("Applications")),
    ("payments", gettext_lazy("Payments")),
    ("cases", gettext_lazy("Complaints and other cases")),
    # Consultations, forums, blogs and surveys.
    ("participation", gettext_lazy("Taking part")),
    ("documents", gettext_lazy("Documents")),
)
DASHBOARD_MESSAGES = 3


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """What the person has on the portal: what waits for them, then all their
    requests newest first (staff have their workspace instead)."""
    user = _user(request)
    if user.is_staff_account:
        return redirect("staff:workspace")
    items = dashboard_registry.dashboard_items(user)
    counts = {code: 0 for code, _label in DASHBOARD_SECTIONS}
    for item in items:
        counts[item.section] = counts.get(item.section, 0) + 1
    shown = request.GET.get("show", "")
    if shown not in counts:
        shown = ""
    unread = unread_count(user=user)
    return render(
        request,
        "accounts/dashboard.html",
        {
            "attention": [item for item in items if item.needs_action],
            "items": [item for item in items if not shown or item.section == shown],
            "total": len(items),
            "sections": [(code, label, counts[code]) for code, label in DASHBOARD_SECTIONS],
            "shown": shown,
            "unread": unread,
            "messages_unread": list(
                notification_list_for_recipient(user=user).filter(read_at__isnull=True)[
                    :DASHBOARD_MESSAGES
                ]
            )
            if unread
            else [],
            "breadcrumbs": [_HOME, (_("Your dashboard"), None)],
        },
    )


@login_required
def profile_edit(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=User.objects.get(pk=user.pk))
        if form.is_valid():
            profile_update(user=user, request=request, changes=form.cleaned_data)
            messages.success(request, _("Your profile has been updated."))
            return redirect("accounts:profile")
    else:
        form = ProfileForm(instance=user)
    return render(
        request,
        "accounts/profile_edit.html",
        {
            "form": form,
            "account": user,
            "breadcrumbs": [_HOME, _ACCOUNT, (_("Change your details"), None)],
        },
    )


@login_required
def activity(request: HttpRequest) -> HttpResponse:
    paginator = Paginator(audit_event_list_for_account(user=_user(request)), ACTIVITY_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/activity_list.html",
        {"page_obj": page, "breadcrumbs": [_HOME, _ACCOUNT, (_("Account activity"), None)]},
    )


def staff_page_not_found(request: HttpRequest) -> HttpResponse:
    """Any staff address that is not a page: 404 (only staff get this far, see
    ``StaffPathMiddleware``). A staff page typed without its final slash is
    still found, as Django's APPEND_SLASH does elsewhere."""
    if not request.path_info.endswith("/"):
        try:
            match = resolve(f"{request.path_info}/")
        except Resolver404:
            match = None
        if match is not None and match.func is not staff_page_not_found:
            return HttpResponsePermanentRedirect(request.get_full_path(force_append_slash=True))
    raise Http404


@login_required
def staff_workspace(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not user.is_staff_account:
        raise Http404
    memberships = list(membership_list_for_staff(user=user))
    context: dict[str, Any] = {
        "memberships": memberships,
        "handles_applications": any(
            membership.role in (Role.CASE_WORKER, Role.SUPERVISOR) for membership in memberships
        ),
        "handles_complaints": any(
            membership.role
            in (Role.COMPLAINTS_OFFICER, Role.COMPLAINTS_SUPERVISOR, Role.COMPLAINT_MANAGER)
            for membership in memberships
        ),
        "handles_payments": any(membership.role == Role.FINANCE for membership in memberships),
        "writes": any(
            membership.role in (Role.EDITOR, Role.APPROVER) for membership in memberships
        ),
        "moderates": any(
            membership.role in (Role.MODERATOR, Role.PORTAL_MODERATOR) for membership in memberships
        ),
        "breadcrumbs": [_HOME, (_("Staff workspace"), None)],
    }
    return render(request, "accounts/staff_workspace.html", context)


class ActivateTOTPView(AllauthActivateTOTPView):
    """allauth's page that turns two-step verification on; the session that
    does it has just proved a code, so it counts as having passed two-step
    verification (staff pages open without asking again)."""

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        two_step_mark_passed(session=self.request.session, user=self.request.user)
        return response


activate_totp = ActivateTOTPView.as_view()
