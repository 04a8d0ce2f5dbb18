"""The applicant's journey: start → one page at a time → check your answers →
send. What follows (the application, paying, answering, withdrawing) is in
application_views.py; checking an issued document in verify_views.py."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bawaba.eservices import actions
from bawaba.eservices.display import answers_summary, page_language
from bawaba.eservices.downloads import posted_revision
from bawaba.eservices.eligibility import eligibility_problems
from bawaba.eservices.facts import definition_facts
from bawaba.eservices.fees import fee_fils
from bawaba.eservices.groups import GroupBlock, group_data_rearranged
from bawaba.eservices.journey import (
    first_incomplete_page,
    page_get,
    page_neighbours,
    pages_shown,
    steps_may_change,
)
from bawaba.eservices.models import Application, ApplicationState, EService
from bawaba.eservices.page_helpers import (
    APPLICATIONS,
    HOME,
    application_mine,
    draft_closed,
    user_of,
)
from bawaba.eservices.questions import PageForm, text_in
from bawaba.eservices.selectors import (
    application_documents,
    drafts_for,
    eservice_for_service,
)


def _eservice(slug: str) -> EService:
    try:
        return eservice_for_service(slug=slug)
    except EService.DoesNotExist as error:
        raise Http404 from error


@require_http_methods(["GET", "POST"])
def start(request: HttpRequest, slug: str) -> HttpResponse:
    eservice = _eservice(slug)
    service = eservice.service
    context: dict[str, Any] = {
        "eservice": eservice,
        "service": service,
        "breadcrumbs": [HOME, (service.title, service.get_absolute_url()), (_("Apply"), None)],
    }
    try:
        definition = actions.eservice_available(eservice)
    except actions.EServiceError as error:
        context["closed"] = str(error)
        return render(request, "eservices/start.html", context, status=200)
    data = definition.data
    context.update(
        {
            "definition": definition,
            "title": text_in(data["title"]),
            "introduction": text_in(data.get("introduction")),
            "explanation": text_in(data.get("eligibility", {}).get("explanation")),
            "facts": definition_facts(data),
        }
    )
    if not request.user.is_authenticated:
        context["login_url"] = f"{reverse('account_login')}?next={request.path}"
        return render(request, "eservices/start.html", context)
    user = user_of(request)
    context["problems"] = eligibility_problems(
        data.get("eligibility"), user, today=timezone.localdate()
    )
    context["drafts"] = list(drafts_for(user=user, eservice=eservice))
    if request.method == "POST" and not context["problems"]:
        try:
            application = actions.application_start(user=user, eservice=eservice, request=request)
        except actions.NotEligible as error:
            context["problems"] = error.problems
        except actions.EServiceError as error:
            context["closed"] = str(error)
        else:
            first = pages_shown(data, application.answers)[0]["id"]
            return redirect("eservices:page", application_id=application.pk, page_id=first)
    return render(request, "eservices/start.html", context)


def _page_form(
    request: HttpRequest, application: Application, page: dict[str, Any], data: Any = None
) -> PageForm:
    rearranged = group_data_rearranged(data, page) if data is not None else None
    form = PageForm(
        rearranged if rearranged is not None else data,
        request.FILES if data is not None else None,
        page=page,
        answers=application.answers,
        language=page_language(),
        quiet=rearranged is not None,
        known=actions.profile_values(user_of(request), page_language()),
        definition=application.definition.data,
    )
    added = data.get(GroupBlock.ADD) if rearranged is not None else None
    if added in form.groups:
        form.groups[added].focus_last()
    uploaded = {
        document.question: document.original_name
        for document in application_documents(application=application)
    }
    for question in form.questions:
        if question["type"] == "file" and question["id"] in uploaded:
            field = form.fields[question["id"]]
            field.required = False
            field.help_text = " ".join(
                part
                for part in (
                    str(field.help_text),
                    _("Already uploaded: %(name)s. Choose a file only to replace it.")
                    % {"name": uploaded[question["id"]]},
                )
                if part
            )
    return form


@login_required
@require_http_methods(["GET", "POST"])
def page(request: HttpRequest, application_id: uuid.UUID, page_id: str) -> HttpResponse:
    application = application_mine(request, application_id)
    if application.state != ApplicationState.DRAFT or draft_closed(application):
        return redirect("eservices:application", application_id=application.pk)
    data = application.definition.data
    shown = {item["id"] for item in pages_shown(data, application.answers)}
    current = page_get(data, page_id)
    if current is None or page_id not in shown:
        raise Http404
    before, after = page_neighbours(data, application.answers, page_id)
    form = _page_form(
        request, application, current, request.POST if request.method == "POST" else None
    )
    if request.method == "POST" and not form.quiet and form.is_valid():
        try:
            application = actions.application_save_page(
                user=user_of(request),
                application_id=application.pk,
                page_id=page_id,
                answers=form.answers(),
                uploads=form.uploads(),
                revision=None,
            )
        except actions.EServiceError as error:
            messages.error(request, str(error))
            return redirect("eservices:application", application_id=application.pk)
        _before, after = page_neighbours(data, application.answers, page_id)
        if "check" in request.GET or after is None:
            return redirect("eservices:check", application_id=application.pk)
        return redirect("eservices:page", application_id=application.pk, page_id=after)
    service = application.definition.eservice.service
    back = (
        reverse("eservices:page", kwargs={"application_id": application.pk, "page_id": before})
        if before
        else reverse("eservices:start", kwargs={"slug": service.slug})
    )
    position = [item["id"] for item in pages_shown(data, application.answers)].index(page_id) + 1
    return render(
        request,
        "eservices/page.html",
        {
            "application": application,
            "service": service,
            "title": text_in(data["title"]),
            "page_title": text_in(current["title"]),
            "form": form,
            "back_url": back,
            "position": position,
            # The pages this applicant sees with the answers so far, and the check.
            "page_count": len(shown) + 1,
            "steps_may_change": steps_may_change(data),
            "multipart": any(question["type"] == "file" for question in form.questions),
            "returning_to_check": "check" in request.GET,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def check(request: HttpRequest, application_id: uuid.UUID) -> HttpResponse:
    application = application_mine(request, application_id)
    if application.state != ApplicationState.DRAFT or draft_closed(application):
        return redirect("eservices:application", application_id=application.pk)
    if request.method == "POST":
        revision = posted_revision(request)
        try:
            application = actions.application_submit(
                user=user_of(request),
                application_id=application.pk,
                revision=revision,
                request=request,
            )
        except actions.Incomplete as error:
            messages.error(request, str(error))
            return redirect("eservices:page", application_id=application.pk, page_id=error.page_id)
        except actions.EServiceError as error:
            messages.error(request, str(error))
            return redirect("eservices:check", application_id=application.pk)
        return redirect(
            f"{reverse('eservices:application', kwargs={'application_id': application.pk})}?sent=1"
        )
    data = application.definition.data
    uploaded = set(
        application_documents(application=application).values_list("question", flat=True)
    )
    incomplete = first_incomplete_page(data, application.answers, uploaded, page_language())
    return render(
        request,
        "eservices/check.html",
        {
            "application": application,
            "service": application.definition.eservice.service,
            "title": text_in(data["title"]),
            "sections": answers_summary(application),
            "incomplete": incomplete,
            "page_count": len(pages_shown(data, application.answers)) + 1,
            "fee": fee_fils(data["fee"], application.answers),
            "breadcrumbs": [HOME, APPLICATIONS, (_("Check your answers"), None)],
        },
    )
