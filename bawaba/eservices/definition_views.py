"""The provider's pages for its e-service definitions: write, preview, review."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from bawaba.accounts.models import User
from bawaba.catalogue.models import Service
from bawaba.catalogue.permissions import can_approve, can_edit
from bawaba.catalogue.workflow import RevisionState
from bawaba.eservices import publishing, selectors
from bawaba.eservices.definition import DefinitionError, Problem
from bawaba.eservices.forms import PauseForm, PublishForm, RetireForm
from bawaba.eservices.models import EServiceDefinition
from bawaba.eservices.questions import PageForm, text_in

_WORKSPACE = (gettext_lazy("Staff workspace"), "staff:workspace")
_LIST = (gettext_lazy("E-services"), "staff_eservices:list")
STARTER = """# Write the definition of this e-service in YAML (or JSON).
service: {slug}
title: {{ar: "{title_ar}", en: "{title_en}"}}
pages: []
"""


MAX_DEFINITION_BYTES = 256 * 1024


def _uploaded_source(upload: UploadedFile) -> str | None:
    """The text of an uploaded definition file, or None when it is too big or
    not UTF-8 text."""
    if upload.size is None or upload.size > MAX_DEFINITION_BYTES:
        return None
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    return None if "\x00" in text else text


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _services(user: User) -> QuerySet[Service]:
    if not user.is_staff_account:
        raise Http404
    return selectors.definition_services_for_staff(user=user)


def _service(user: User, slug: str) -> Service:
    return get_object_or_404(_services(user), slug=slug)


@login_required
def definition_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    services = _services(user).order_by("title_en" if get_language() == "en" else "title_ar")
    online = selectors.definition_latest_by_service(services=services)
    rows = [(service, online.get(service.pk)) for service in services]
    return render(
        request,
        "eservices/staff/definition_list.html",
        {"rows": rows, "breadcrumbs": [_WORKSPACE, (_("E-services"), None)]},
    )


@login_required
@require_http_methods(["GET", "POST"])
def definition_edit(request: HttpRequest, slug: str) -> HttpResponse:
    user = _user(request)
    service = _service(user, slug)
    if not can_edit(user, service.provider):
        raise Http404
    versions = selectors.definition_versions(service=service)
    draft = versions.filter(state__in=[RevisionState.DRAFT, RevisionState.IN_REVIEW]).first()
    latest = versions.first()
    shown = draft or latest
    source = (
        shown.source
        if shown is not None
        else STARTER.format(slug=service.slug, title_ar=service.title_ar, title_en=service.title_en)
    )
    problems: list[Any] = []
    if request.method == "POST":
        source = request.POST.get("source", "")
        upload = request.FILES.get("definition_file")
        if upload is not None:
            uploaded = _uploaded_source(upload)
            if uploaded is None:
                problems = [
                    Problem(
                        "",
                        _("Upload a YAML or JSON file of at most %(size)s KB, saved as UTF-8.")
                        % {"size": MAX_DEFINITION_BYTES // 1024},
                    )
                ]
            else:
                source = uploaded
    if request.method == "POST" and not problems:
        try:
            draft = publishing.definition_save_draft(
                user=user, service=service, source=source, request=request
            )
            if "submit" in request.POST:
                publishing.definition_submit(user=user, definition_id=draft.pk, request=request)
                messages.success(request, _("Sent for review. An approver will publish it."))
            else:
                messages.success(request, _("Draft saved. Nothing changes for applicants yet."))
            return redirect("staff_eservices:edit", slug=service.slug)
        except DefinitionError as error:
            problems = error.problems
        except publishing.DefinitionPublishingError as error:
            messages.error(request, str(error))
    return render(
        request,
        "eservices/staff/definition_edit.html",
        {
            "service": service,
            "source": source,
            "problems": problems,
            "draft": draft,
            "versions": versions,
            "breadcrumbs": [_WORKSPACE, _LIST, (service.title, None)],
        },
        status=400 if problems else 200,
    )


def _definition(user: User, pk: int) -> EServiceDefinition:
    if not user.is_staff_account:
        raise Http404
    try:
        return selectors.definition_get_for_staff(user=user, pk=pk)
    except EServiceDefinition.DoesNotExist as error:
        raise Http404 from error


@login_required
def definition_detail(
    request: HttpRequest, pk: int, publish_form: PublishForm | None = None
) -> HttpResponse:
    """A version as applicants will see it, with the approver's decision."""
    user = _user(request)
    definition = _definition(user, pk)
    data = definition.data
    language = "en" if get_language() == "en" else "ar"
    pages = [
        {
            "title": text_in(page["title"]),
            "form": PageForm(
                page=page, answers={}, language=language, prefix=page["id"], preview=True
            ),
        }
        for page in data["pages"]
    ]
    return render(
        request,
        "eservices/staff/definition_detail.html",
        {
            "definition": definition,
            "service": definition.eservice.service,
            "title": text_in(data["title"]),
            "introduction": text_in(data.get("introduction")),
            "pages": pages,
            "can_decide": definition.state == RevisionState.IN_REVIEW
            and can_approve(user, definition.organisation)
            and not definition.contributed_by(user),
            "publish_form": publish_form or PublishForm(),
            "form": publish_form,  # drives the error summary
            "breadcrumbs": [_WORKSPACE, _LIST, (definition.eservice.service.title, None)],
        },
        status=400 if publish_form is not None else 200,
    )


@login_required
@require_POST
def definition_decide(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    definition = _definition(user, pk)
    form = PublishForm(request.POST)
    if not form.is_valid():
        return definition_detail(request, pk, publish_form=form)
    try:
        publishing.definition_decide(
            user=user,
            definition_id=definition.pk,
            publish=request.POST.get("decision") == "publish",
            note=form.cleaned_data["note"],
            available_from=form.cleaned_data.get("available_from"),
            request=request,
        )
    except publishing.DefinitionPublishingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Done."))
    return redirect("staff_eservices:detail", pk=definition.pk)


AVAILABILITY_ACTIONS = ("pause", "resume", "retire")


@login_required
@require_http_methods(["GET", "POST"])
def eservice_availability(request: HttpRequest, slug: str) -> HttpResponse:
    """Whether people can apply: the version in force, any scheduled one, and
    (for approvers) pausing for maintenance, resuming and retiring."""
    user = _user(request)
    service = _service(user, slug)
    if not (can_edit(user, service.provider) or can_approve(user, service.provider)):
        raise Http404
    eservice = selectors.eservice_for_staff(service=service)
    if eservice is None:
        raise Http404
    approver = can_approve(user, service.provider)
    pause_form = PauseForm(
        initial={"message_ar": eservice.pause_message_ar, "message_en": eservice.pause_message_en}
    )
    retire_form = RetireForm()
    action = request.POST.get("action", "")
    if request.method == "POST":
        if not approver or action not in AVAILABILITY_ACTIONS:
            raise Http404
        bound: PauseForm | RetireForm | None = None
        if action == "pause":
            bound = pause_form = PauseForm(request.POST)
        elif action == "retire":
            bound = retire_form = RetireForm(request.POST)
        if bound is None or bound.is_valid():
            try:
                if action == "pause":
                    publishing.eservice_pause(
                        user=user,
                        eservice_id=eservice.pk,
                        message_ar=pause_form.cleaned_data["message_ar"],
                        message_en=pause_form.cleaned_data["message_en"],
                        request=request,
                    )
                    messages.success(request, _("Paused. Applicants see your message."))
                elif action == "resume":
                    publishing.eservice_resume(user=user, eservice_id=eservice.pk, request=request)
                    messages.success(request, _("Open again for applications."))
                else:
                    publishing.eservice_retire(user=user, eservice_id=eservice.pk, request=request)
                    messages.success(
                        request, _("Retired. The service is no longer offered online.")
                    )
            except publishing.DefinitionPublishingError as error:
                messages.error(request, str(error))
            return redirect("staff_eservices:availability", slug=service.slug)
    now = timezone.now()
    return render(
        request,
        "eservices/staff/availability.html",
        {
            "service": service,
            "eservice": eservice,
            "current": eservice.current_definition(now),
            "upcoming": eservice.next_definition(now),
            "approver": approver,
            "pause_form": pause_form,
            "retire_form": retire_form,
            "form": pause_form if pause_form.is_bound else retire_form,
            "breadcrumbs": [_WORKSPACE, _LIST, (service.title, None)],
        },
        status=400 if request.method == "POST" else 200,
    )
