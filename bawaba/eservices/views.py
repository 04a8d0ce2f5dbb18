"""The applicant's journey: start → one page at a time → check your answers →
send → confirmation; and "My applications"."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from bawaba.accounts.models import User
from bawaba.core.forms import PortalForm
from bawaba.eservices import actions, cases
from bawaba.eservices.actions import EServiceError
from bawaba.eservices.downloads import (
    document_response,
    issued_document_response,
    posted_revision,
)
from bawaba.eservices.eligibility import eligibility_problems
from bawaba.eservices.facts import definition_facts
from bawaba.eservices.fees import fee_fils
from bawaba.eservices.issuing import mask_identifier, mask_name, verification_code_normalise
from bawaba.eservices.journey import (
    answer_anchor,
    answer_display,
    first_incomplete_page,
    group_rows,
    page_get,
    page_neighbours,
    pages_shown,
)
from bawaba.eservices.models import Application, ApplicationState, EService, IssuedDocument
from bawaba.eservices.payment import SandboxGateway, application_paid, payment_gateway
from bawaba.eservices.questions import (
    DocumentField,
    GroupBlock,
    PageForm,
    group_data_rearranged,
    questions_shown,
    text_in,
)
from bawaba.eservices.selectors import (
    application_events_for_applicant,
    application_get_for_applicant,
    application_list_for_applicant,
    drafts_for,
    eservice_for_service,
)

_HOME = (gettext_lazy("Home"), "catalogue:home")
WITHDRAWABLE = (
    ApplicationState.AWAITING_PAYMENT,
    ApplicationState.SUBMITTED,
    ApplicationState.IN_REVIEW,
    ApplicationState.MORE_INFORMATION,
    ApplicationState.AWAITING_APPROVAL,
)


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


_APPLICATIONS = (gettext_lazy("Your applications"), "eservices:applications")
PAGE_SIZE = 20
STATE_COLOURS: dict[str, str] = {
    ApplicationState.DRAFT: "grey",
    ApplicationState.AWAITING_PAYMENT: "yellow",
    ApplicationState.SUBMITTED: "blue",
    ApplicationState.IN_REVIEW: "blue",
    ApplicationState.MORE_INFORMATION: "yellow",
    ApplicationState.AWAITING_APPROVAL: "blue",
    ApplicationState.APPROVED: "green",
    ApplicationState.REJECTED: "red",
    ApplicationState.WITHDRAWN: "grey",
    ApplicationState.EXPIRED: "grey",
}


def _language() -> str:
    return "en" if get_language() == "en" else "ar"


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _eservice(slug: str) -> EService:
    try:
        return eservice_for_service(slug=slug)
    except EService.DoesNotExist as error:
        raise Http404 from error


def _mine(request: HttpRequest, application_id: uuid.UUID) -> Application:
    try:
        return application_get_for_applicant(user=request.user, application_id=application_id)
    except Application.DoesNotExist as error:
        raise Http404 from error


def _closed(application: Application) -> str:
    """Why an unfinished application cannot be continued now, or ""."""
    try:
        actions.eservice_open_for_drafts(application.definition.eservice)
    except actions.EServiceError as error:
        return str(error)
    return ""


@require_http_methods(["GET", "POST"])
def start(request: HttpRequest, slug: str) -> HttpResponse:
    eservice = _eservice(slug)
    service = eservice.service
    context: dict[str, Any] = {
        "eservice": eservice,
        "service": service,
        "breadcrumbs": [_HOME, (service.title, service.get_absolute_url()), (_("Apply"), None)],
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
    user = _user(request)
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
        language=_language(),
        quiet=rearranged is not None,
        known=actions.profile_values(_user(request), _language()),
        definition=application.definition.data,
    )
    added = data.get(GroupBlock.ADD) if rearranged is not None else None
    if added in form.groups:
        form.groups[added].focus_last()
    uploaded = {
        document.question: document.original_name for document in application.documents.all()
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
    application = _mine(request, application_id)
    if application.state != ApplicationState.DRAFT or _closed(application):
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
                user=_user(request),
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
            "page_count": len(shown),
            "multipart": any(question["type"] == "file" for question in form.questions),
            "returning_to_check": "check" in request.GET,
        },
    )


def _same_identity(
    question: Mapping[str, Any], answer: Any, account: Any, application: Application
) -> bool:
    if question.get("prefill") == "name":
        applicant = application.applicant
        return str(answer or "").strip() in {applicant.name_ar, applicant.name_en, str(account)}
    return bool(answer == account)


def answers_summary(application: Application, *, editable: bool = True) -> list[dict[str, Any]]:
    """Each applicable page's questions and answers, with change links while
    the applicant may still change them. An answer about identity that is not
    what the account holds (sent before identity was read from the account)
    shows the account's value beside it."""
    data = application.definition.data
    language = _language()
    documents = {
        document.question: document.original_name for document in application.documents.all()
    }
    identity = actions.identity_answers(data, application.applicant, language)
    sections = []
    for item in pages_shown(data, application.answers):
        rows = []
        for question in questions_shown(item["questions"], application.answers):
            page_url = (
                reverse(
                    "eservices:page",
                    kwargs={"application_id": application.pk, "page_id": item["id"]},
                )
                + "?check=1"
                if editable and application.state == ApplicationState.DRAFT
                else None
            )
            if question["type"] == "group":
                rows.extend(
                    group_rows(
                        question, application.answers.get(question["id"]), language, page_url
                    )
                )
                continue
            change_url = f"{page_url}#{answer_anchor(question)}" if page_url else None
            label = (
                text_in(question["statement"])
                if question["type"] == "declaration"
                else text_in(question["label"])
            )
            answer = application.answers.get(question["id"])
            shown = answer_display(question, answer, language, documents)
            if question["id"] in identity and not _same_identity(
                question, answer, identity[question["id"]], application
            ):
                shown = format_html(
                    '<bdi dir="auto">{}</bdi><br>'
                    '<strong class="hint">{} <bdi dir="auto">{}</bdi></strong>',
                    shown or "—",
                    _("The account says:"),
                    answer_display(question, identity[question["id"]], language, {}),
                )
            rows.append((label, shown, change_url))
        sections.append({"title": text_in(item["title"]), "rows": rows})
    return sections


@login_required
@require_http_methods(["GET", "POST"])
def check(request: HttpRequest, application_id: uuid.UUID) -> HttpResponse:
    application = _mine(request, application_id)
    if application.state != ApplicationState.DRAFT or _closed(application):
        return redirect("eservices:application", application_id=application.pk)
    if request.method == "POST":
        revision = posted_revision(request)
        try:
            application = actions.application_submit(
                user=_user(request),
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
    uploaded = set(application.documents.values_list("question", flat=True))
    incomplete = first_incomplete_page(data, application.answers, uploaded, _language())
    return render(
        request,
        "eservices/check.html",
        {
            "application": application,
            "service": application.definition.eservice.service,
            "title": text_in(data["title"]),
            "sections": answers_summary(application),
            "incomplete": incomplete,
            "fee": fee_fils(data["fee"], application.answers),
            "breadcrumbs": [_HOME, _APPLICATIONS, (_("Check your answers"), None)],
        },
    )


@login_required
def application_detail(
    request: HttpRequest, application_id: uuid.UUID, response_form: Any = None
) -> HttpResponse:
    application = _mine(request, application_id)
    data = application.definition.data
    events = application_events_for_applicant(application=application)
    first_page = next(iter(pages_shown(data, application.answers)), None)
    closed = _closed(application) if application.state == ApplicationState.DRAFT else ""
    return render(
        request,
        "eservices/application_detail.html",
        {
            "application": application,
            "service": application.definition.eservice.service,
            "title": text_in(data["title"]),
            "colour": STATE_COLOURS.get(application.state, "grey"),
            "events": events,
            "sections": answers_summary(application),
            "just_sent": request.GET.get("sent") == "1"
            and application.state
            in (ApplicationState.SUBMITTED, ApplicationState.AWAITING_PAYMENT),
            "awaiting_payment": application.state == ApplicationState.AWAITING_PAYMENT,
            "pays_online": payment_gateway() is not None,
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
            "documents": application.documents.all(),
            "breadcrumbs": [_HOME, _APPLICATIONS, (application.reference, None)],
        },
    )


@login_required
def application_list(request: HttpRequest) -> HttpResponse:
    page_obj = Paginator(application_list_for_applicant(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [
        (application, STATE_COLOURS.get(application.state, "grey"))
        for application in page_obj.object_list
    ]
    return render(
        request,
        "eservices/application_list.html",
        {
            "page_obj": page_obj,
            "rows": rows,
            "breadcrumbs": [_HOME, (_("Your applications"), None)],
        },
    )


@login_required
@require_POST
def respond(request: HttpRequest, application_id: uuid.UUID) -> HttpResponse:
    application = _mine(request, application_id)
    form = ResponseForm(request.POST, request.FILES)
    if form.is_valid():
        revision = posted_revision(request)
        try:
            cases.application_respond(
                user=_user(request),
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
def pay(request: HttpRequest, application_id: uuid.UUID) -> HttpResponse:
    """Off to the payment gateway with an application waiting for payment."""
    application = _mine(request, application_id)
    gateway = payment_gateway()
    if gateway is None or application.state != ApplicationState.AWAITING_PAYMENT:
        return redirect("eservices:application", application_id=application.pk)
    return redirect(gateway.checkout_url(application))


@login_required
@require_http_methods(["GET", "POST"])
def pay_sandbox(request: HttpRequest, application_id: uuid.UUID) -> HttpResponse:
    """The sandbox gateway's payment page: pay or decline, and no money moves.
    It exists only where the sandbox is the configured gateway."""
    if not isinstance(payment_gateway(), SandboxGateway):
        raise Http404
    application = _mine(request, application_id)
    if application.state != ApplicationState.AWAITING_PAYMENT:
        return redirect("eservices:application", application_id=application.pk)
    if request.method == "POST":
        if request.POST.get("outcome") == "pay":
            try:
                application_paid(
                    application_id=application.pk,
                    amount_fils=application.fee_fils,
                    reference=SandboxGateway.transaction_reference(),
                    actor=_user(request),
                    request=request,
                )
            except EServiceError as error:
                messages.error(request, str(error))
            else:
                messages.success(
                    request,
                    _("Payment received. Your application is now with %(provider)s.")
                    % {"provider": application.organisation.name},
                )
        else:
            messages.error(
                request,
                _("The payment did not go through and nothing was taken. You can try again."),
            )
        return redirect("eservices:application", application_id=application.pk)
    return render(
        request,
        "eservices/pay_sandbox.html",
        {
            "application": application,
            "title": text_in(application.definition.data["title"]),
            "breadcrumbs": [_HOME, _APPLICATIONS, (_("Pay the fee"), None)],
        },
    )


@login_required
@require_POST
def withdraw(request: HttpRequest, application_id: uuid.UUID) -> HttpResponse:
    application = _mine(request, application_id)
    revision = posted_revision(request)
    try:
        cases.application_withdraw(
            user=_user(request), application_id=application.pk, revision=revision, request=request
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
    return document_response(_mine(request, application_id), document_id)


@login_required
def certificate(request: HttpRequest, application_id: uuid.UUID) -> HttpResponseBase:
    return issued_document_response(_mine(request, application_id))


def verify_form(request: HttpRequest) -> HttpResponse:
    """Anyone can check a document: type the code, or scan the QR code."""
    code = request.GET.get("code", "")
    cleaned = verification_code_normalise(code) if code else None
    if cleaned:
        return redirect("eservices:verify", code=cleaned)
    return render(
        request,
        "eservices/verify.html",
        {
            "code": code,
            "invalid": bool(code),
            "breadcrumbs": [_HOME, (_("Check a document"), None)],
        },
    )


def verify(request: HttpRequest, code: str) -> HttpResponse:
    issued = (
        IssuedDocument.objects.select_related("application__organisation")
        .filter(verification_code=code.upper())
        .first()
    )
    return render(
        request,
        "eservices/verify.html",
        {
            "code": code,
            "issued": issued,
            "not_found": issued is None,
            "holder": mask_name(issued.holder) if issued else "",
            "identifier": mask_identifier(issued.holder_identifier) if issued else "",
            "breadcrumbs": [_HOME, (_("Check a document"), None)],
        },
        status=200 if issued else 404,
    )
