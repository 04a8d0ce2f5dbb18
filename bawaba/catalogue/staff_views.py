"""The provider's back office for its catalogue pages: edit, review, publish."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from bawaba.accounts.models import Organisation, User
from bawaba.catalogue import actions, selectors
from bawaba.catalogue.content import content_changes, content_of, provider_content_of
from bawaba.catalogue.models import ProviderRevision, Revision, Service, ServiceRevision
from bawaba.catalogue.permissions import can_approve, can_edit
from bawaba.catalogue.staff_forms import ProviderContentForm, SendBackForm, ServiceContentForm
from bawaba.catalogue.workflow import RevisionState

_WORKSPACE = (gettext_lazy("Staff workspace"), "staff:workspace")
_CONTENT = (gettext_lazy("Service pages"), "staff_catalogue:home")
PAGE_SIZE = 50


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _refusal(request: HttpRequest, user: User) -> HttpResponse | None:
    """The 404 for anyone who manages no service pages: customers see the plain
    page-not-found, staff without the role are told whom to ask."""
    if not user.is_staff_account:
        raise Http404
    if not selectors.provider_list_for_staff(user=user).exists():
        return render(request, "catalogue/staff/no_access.html", status=404)
    return None


def _service_for(user: User, slug: str) -> Service:
    try:
        return selectors.service_get_for_staff(user=user, slug=slug)
    except Service.DoesNotExist as error:
        raise Http404 from error


def _save_and_send(
    request: HttpRequest,
    form: forms.Form,
    save: Callable[[], Revision],
    detail_url_name: str,
) -> HttpResponse | None:
    """Save the draft and, when asked, send it for review. On a refusal the
    reason goes on the form (the draft itself is kept) and None is returned."""
    try:
        revision = save()
        if "submit" in request.POST:
            actions.revision_submit(
                user=_user(request), revision_id=revision.pk, model=type(revision), request=request
            )
            messages.success(request, _("Your change has been sent for review."))
        else:
            messages.success(request, _("Your draft has been saved."))
        return redirect(detail_url_name, pk=revision.pk)
    except actions.PublishingError as error:
        form.add_error(None, str(error.message))
        return None


def _field_label(name: str) -> str:
    if name == "fee_fils":
        return _("Fee in fils")
    field = ServiceContentForm.base_fields.get(name)
    return str(field.label) if field is not None else name


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    refusal = _refusal(request, user)
    if refusal is not None:
        return refusal
    organisations = list(selectors.provider_list_for_staff(user=user))
    open_revisions = list(selectors.service_revision_list_open_for_staff(user=user))
    services = selectors.service_list_for_staff(user=user)
    paginator = Paginator(services.order_by("title_en"), PAGE_SIZE)
    return render(
        request,
        "catalogue/staff/home.html",
        {
            "organisations": organisations,
            "in_review": [r for r in open_revisions if r.state == RevisionState.IN_REVIEW],
            "drafts": [r for r in open_revisions if r.state == RevisionState.DRAFT],
            "provider_revisions": selectors.provider_revision_list_open_for_staff(user=user),
            "overdue": selectors.service_list_overdue_for_staff(
                user=user, today=timezone.localdate()
            ),
            "feedback_count": selectors.feedback_count_unresolved_for_staff(user=user),
            "page_obj": paginator.get_page(request.GET.get("page")),
            "breadcrumbs": [_WORKSPACE, (_("Service pages"), None)],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def service_edit(request: HttpRequest, slug: str) -> HttpResponse:
    user = _user(request)
    service = _service_for(user, slug)
    if not can_edit(user, service.provider):
        return render(request, "errors/403.html", status=403)
    draft = selectors.service_draft_for_staff(user=user, service=service)
    if selectors.service_in_review_for_staff(user=user, service=service):
        messages.warning(
            request,
            _(
                "A change to this service is waiting for review. You can edit it again "
                "once it is published or sent back."
            ),
        )
        return redirect("staff_catalogue:home")
    current = draft.data if draft else content_of(service)
    form = ServiceContentForm(
        request.POST or None, initial=ServiceContentForm.initial_from(current)
    )
    if request.method == "POST" and form.is_valid():
        done = _save_and_send(
            request,
            form,
            lambda: actions.revision_save_draft(
                user=user, service=service, data=form.revision_data(), request=request
            ),
            "staff_catalogue:revision",
        )
        if done is not None:
            return done
    return render(
        request,
        "catalogue/staff/service_edit.html",
        {
            "service": service,
            "form": form,
            "draft": draft,
            "breadcrumbs": [_WORKSPACE, _CONTENT, (service.title, None)],
        },
    )


def _revision_page(
    request: HttpRequest,
    revision: Revision,
    *,
    before: dict[str, Any],
    title: str,
    decide_url: str,
    edit_url: str,
    label: Any,
    send_back_form: SendBackForm | None = None,
) -> HttpResponse:
    """The change beside the published page, with the decisions the person
    may take. ``send_back_form`` is a refused note, shown again as typed."""
    user = _user(request)
    organisation = revision.organisation
    changed = content_changes(before, revision.data)
    in_review = revision.state == RevisionState.IN_REVIEW
    contributed = revision.contributed_by(user)
    return render(
        request,
        "catalogue/staff/revision_detail.html",
        {
            "revision": revision,
            "contributors": list(revision.contributors.all()),
            "title": title,
            "organisation": organisation,
            "decide_url": decide_url,
            "edit_url": edit_url,
            "changes": [
                (label(name), before.get(name), revision.data.get(name)) for name in changed
            ],
            "may_submit": revision.state == RevisionState.DRAFT and can_edit(user, organisation),
            "may_decide": in_review and can_approve(user, organisation) and not contributed,
            "is_author_approver": in_review and contributed and can_approve(user, organisation),
            "send_back_form": send_back_form or SendBackForm(),
            "form": send_back_form,  # drives the error summary and the page title
            "breadcrumbs": [_WORKSPACE, _CONTENT, (title, None)],
        },
        status=400 if send_back_form is not None else 200,
    )


def _decide(request: HttpRequest, revision: Revision, model: type[Revision]) -> SendBackForm | None:
    """Carry out the decision posted; a note that breaks the rules of the
    portal's text boxes comes back as the bound form, nothing done."""
    user = _user(request)
    decision = request.POST.get("decision")
    try:
        if decision == "submit":
            actions.revision_submit(
                user=user, revision_id=revision.pk, model=model, request=request
            )
            messages.success(request, _("Your change has been sent for review."))
        elif decision == "publish":
            actions.revision_publish(
                user=user, revision_id=revision.pk, model=model, request=request
            )
            messages.success(request, _("The change is published."))
        elif decision == "send_back":
            form = SendBackForm(request.POST)
            if not form.is_valid():
                return form
            actions.revision_send_back(
                user=user,
                revision_id=revision.pk,
                note=form.cleaned_data["note"],
                model=model,
                request=request,
            )
            messages.success(request, _("The change has been sent back to its author."))
    except actions.PublishingError as error:
        messages.error(request, str(error.message))
    return None


@dataclass(frozen=True)
class _Changes:
    """What differs between changes to a service's page and to a provider's
    directory entry; the pages and decisions are otherwise one."""

    model: type[Revision]
    get: Callable[..., Revision]  # the scoped selector: (user=, pk=)
    url_name: str  # the change's page; its decision posts to url_name + "_decide"
    edit_url_name: str
    before: Callable[[Revision], dict[str, Any]]
    title: Callable[[Revision], str]
    label: Callable[[str], str]


_KINDS = {
    "service": _Changes(
        model=ServiceRevision,
        get=selectors.service_revision_get_for_staff,
        url_name="staff_catalogue:revision",
        edit_url_name="staff_catalogue:service_edit",
        before=lambda revision: content_of(cast(ServiceRevision, revision).service),
        title=lambda revision: cast(ServiceRevision, revision).service.title,
        label=_field_label,
    ),
    "provider": _Changes(
        model=ProviderRevision,
        get=selectors.provider_revision_get_for_staff,
        url_name="staff_catalogue:provider_revision",
        edit_url_name="staff_catalogue:provider_edit",
        before=lambda revision: provider_content_of(cast(ProviderRevision, revision).provider),
        title=lambda revision: cast(ProviderRevision, revision).provider.name,
        label=lambda name: str(ProviderContentForm.base_fields[name].label),
    ),
}


def _changes_for(user: User, kind: str, pk: int) -> tuple[_Changes, Revision]:
    changes = _KINDS[kind]
    try:
        return changes, changes.get(user=user, pk=pk)
    except changes.model.DoesNotExist as error:
        raise Http404 from error


def _changes_page(
    request: HttpRequest,
    changes: _Changes,
    revision: Revision,
    send_back_form: SendBackForm | None = None,
) -> HttpResponse:
    return _revision_page(
        request,
        revision,
        before=changes.before(revision),
        title=changes.title(revision),
        decide_url=reverse(f"{changes.url_name}_decide", kwargs={"pk": revision.pk}),
        edit_url=reverse(changes.edit_url_name, kwargs={"slug": revision.owner_slug}),
        label=changes.label,
        send_back_form=send_back_form,
    )


@login_required
def revision_detail(request: HttpRequest, pk: int, kind: str = "service") -> HttpResponse:
    """A change to a service's page or (``kind="provider"``) to a provider's entry."""
    changes, revision = _changes_for(_user(request), kind, pk)
    return _changes_page(request, changes, revision)


@login_required
@require_POST
def revision_decide(request: HttpRequest, pk: int, kind: str = "service") -> HttpResponse:
    changes, revision = _changes_for(_user(request), kind, pk)
    refused = _decide(request, revision, changes.model)
    if refused is not None:
        return _changes_page(request, changes, revision, refused)
    return redirect(changes.url_name, pk=revision.pk)


def _provider_for(user: User, slug: str) -> Organisation:
    try:
        return selectors.provider_get_for_staff(user=user, slug=slug)
    except Organisation.DoesNotExist as error:
        raise Http404 from error


@login_required
@require_http_methods(["GET", "POST"])
def provider_edit(request: HttpRequest, slug: str) -> HttpResponse:
    user = _user(request)
    provider = _provider_for(user, slug)
    if not can_edit(user, provider):
        return render(request, "errors/403.html", status=403)
    draft = selectors.provider_draft_for_staff(user=user, provider=provider)
    form = ProviderContentForm(
        request.POST or None, initial=draft.data if draft else provider_content_of(provider)
    )
    if request.method == "POST" and form.is_valid():
        done = _save_and_send(
            request,
            form,
            lambda: actions.provider_revision_save_draft(
                user=user, provider=provider, data=form.cleaned_data, request=request
            ),
            "staff_catalogue:provider_revision",
        )
        if done is not None:
            return done
    return render(
        request,
        "catalogue/staff/provider_edit.html",
        {
            "provider": provider,
            "form": form,
            "draft": draft,
            "breadcrumbs": [_WORKSPACE, _CONTENT, (provider.name, None)],
        },
    )


@login_required
def service_history(request: HttpRequest, slug: str) -> HttpResponse:
    user = _user(request)
    service = _service_for(user, slug)
    versions = selectors.service_versions_for_staff(user=user, service=service)
    return render(
        request,
        "catalogue/staff/service_history.html",
        {
            "service": service,
            "versions": versions,
            "breadcrumbs": [_WORKSPACE, _CONTENT, (service.title, None)],
        },
    )


@login_required
def feedback_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    refusal = _refusal(request, user)
    if refusal is not None:
        return refusal
    feedback = selectors.feedback_list_for_staff(user=user)
    paginator = Paginator(feedback, PAGE_SIZE)
    return render(
        request,
        "catalogue/staff/feedback_list.html",
        {
            "page_obj": paginator.get_page(request.GET.get("page")),
            "breadcrumbs": [_WORKSPACE, _CONTENT, (_("Feedback on your pages"), None)],
        },
    )
