"""The provider's staff pages of consultations: its editors write a draft
(basics, sections and paragraphs, questions, attachments) and send it for
review; an approver who did not write it publishes it or sends it back;
after closing they read the comments, write the official response (the
same four-eyes review) and export everything. Staff of another provider,
and staff with neither role, get a 404."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bawaba.accounts.models import User
from bawaba.participation.publishing import (
    PublishingError,
    publication_editable,
    publication_may_approve,
    publication_submit,
)

from . import actions, selectors
from .actions import ConsultationError
from .forms import (
    AttachmentForm,
    BasicsForm,
    ParagraphForm,
    PasteForm,
    QuestionForm,
    SectionForm,
)
from .models import PHASE_COLOURS, Consultation, Paragraph, Phase, Question, Response, Section
from .views import attachment_response

_WORKSPACE = (gettext_lazy("Staff workspace"), "staff:workspace")
_LIST = (gettext_lazy("Consultations"), "staff_consultations:list")


def _user(request: HttpRequest) -> User:
    user = cast(User, request.user)
    if not user.is_staff_account or not selectors.staff_organisations(user).exists():
        raise Http404
    return user


def staff_consultation(request: HttpRequest, pk: Any) -> tuple[User, Consultation]:
    user = _user(request)
    consultation = selectors.consultation_get_for_staff(user=user, pk=pk)
    if consultation is None:
        raise Http404
    return user, consultation


def staff_breadcrumbs(consultation: Consultation | None = None, here: Any = None) -> list[Any]:
    crumbs: list[Any] = [_WORKSPACE, _LIST]
    if consultation is not None:
        crumbs.append(
            (
                consultation.title or _("New consultation"),
                reverse("staff_consultations:edit", kwargs={"pk": consultation.pk}),
            )
        )
    if here:
        crumbs.append((here, None))
    else:
        crumbs[-1] = (crumbs[-1][0], None)
    return crumbs


def edit_url(consultation: Consultation) -> str:
    return reverse("staff_consultations:edit", kwargs={"pk": consultation.pk})


@login_required
@require_GET
def staff_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    consultations = list(selectors.consultation_list_for_staff(user=user)[:200])
    rows = [(item, item.phase(), PHASE_COLOURS[item.phase()]) for item in consultations]
    return render(
        request,
        "consultations/staff/list.html",
        {
            "rows": rows,
            "may_create": any(
                actions.can_write(user, org.pk) for org in selectors.staff_organisations(user)
            ),
            "breadcrumbs": [_WORKSPACE, (_("Consultations"), None)],
        },
    )


def _writable_organisations(user: User) -> list[Any]:
    return [org for org in selectors.staff_organisations(user) if actions.can_write(user, org.pk)]


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    organisations = _writable_organisations(user)
    if not organisations:
        raise Http404
    form = BasicsForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data.get("organisation")
        organisation = next((org for org in organisations if org.pk == chosen), organisations[0])
        consultation = actions.consultation_create(
            user=user,
            organisation=organisation,
            fields=form.model_fields(),
            audiences=form.cleaned_data["audiences"],
        )
        messages.success(request, _("The draft is saved. Now write its sections and paragraphs."))
        return redirect(edit_url(consultation))
    return render(
        request,
        "consultations/staff/form.html",
        {
            "form": form,
            "title": _("New consultation"),
            "multipart": False,
            "breadcrumbs": staff_breadcrumbs(None, _("New consultation")),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    user, consultation = staff_consultation(request, pk)
    phase = consultation.phase()
    return render(
        request,
        "consultations/staff/edit.html",
        {
            "consultation": consultation,
            "phase": phase,
            "phase_colour": PHASE_COLOURS[phase],
            "editable": publication_editable(consultation) and actions.may_edit(user, consultation),
            "may_review": consultation.review_state == "in_review"
            and publication_may_approve(user, consultation),
            "sections": selectors.draft_outline(consultation),
            "questions": selectors.questions_of(consultation),
            "attachments": list(consultation.attachments.all()),
            "gaps": consultation.review_gaps(),
            "closed": phase in (Phase.CLOSED, Phase.ANSWERED),
            "breadcrumbs": staff_breadcrumbs(consultation),
        },
    )


def _draft(request: HttpRequest, pk: Any) -> tuple[User, Consultation]:
    user, consultation = staff_consultation(request, pk)
    if not actions.may_edit(user, consultation):
        raise Http404
    return user, consultation


def _form_page(
    request: HttpRequest,
    consultation: Consultation,
    form: Any,
    title: str,
    *,
    delete: bool = False,
    multipart: bool = False,
) -> HttpResponse:
    return render(
        request,
        "consultations/staff/form.html",
        {
            "form": form,
            "title": title,
            "consultation": consultation,
            "delete": delete,
            "multipart": multipart,
            "breadcrumbs": staff_breadcrumbs(consultation, title),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def basics(request: HttpRequest, pk: int) -> HttpResponse:
    user, consultation = _draft(request, pk)
    form = BasicsForm(request.POST or None, instance=consultation)
    if request.method == "POST" and form.is_valid():
        try:
            actions.consultation_update(
                user=user,
                consultation=consultation,
                fields=form.model_fields(),
                audiences=form.cleaned_data["audiences"],
            )
        except ConsultationError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("Saved."))
            return redirect(edit_url(consultation))
    return _form_page(request, consultation, form, _("Title, summary and dates"))


@login_required
@require_http_methods(["GET", "POST"])
def section(request: HttpRequest, pk: int, item: int | None = None) -> HttpResponse:
    user, consultation = _draft(request, pk)
    found = None
    if item is not None:
        found = Section.objects.filter(consultation=consultation, pk=item).first()
        if found is None:
            raise Http404
    if request.method == "POST" and found is not None and request.POST.get("delete"):
        try:
            actions.section_delete(user=user, section=found)
        except ConsultationError as error:
            messages.error(request, str(error.message))
        return redirect(edit_url(consultation))
    initial: dict[str, Any] = {}
    if found is not None:
        initial = {
            "number": found.number,
            "heading_ar": found.heading_ar,
            "heading_en": found.heading_en,
        }
    else:
        last = consultation.sections.order_by("-number").values_list("number", flat=True).first()
        initial = {"number": (last or 0) + 1}
    form = SectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.section_save(
                user=user, consultation=consultation, section=found, fields=form.cleaned_data
            )
        except ConsultationError as error:
            form.add_error("number" if "number" in error.code else None, str(error.message))
        else:
            messages.success(request, _("Saved."))
            return redirect(edit_url(consultation))
    title = _("Section %(number)s") % {"number": found.number} if found else _("New section")
    return _form_page(request, consultation, form, title, delete=found is not None)


@login_required
@require_http_methods(["GET", "POST"])
def paragraph(
    request: HttpRequest, pk: int, item: int | None = None, section: int | None = None
) -> HttpResponse:
    user, consultation = _draft(request, pk)
    found: Paragraph | None = None
    if item is not None:
        found = (
            Paragraph.objects.select_related("section")
            .filter(section__consultation=consultation, pk=item)
            .first()
        )
        if found is None:
            raise Http404
        parent = found.section
    else:
        parent_or_none = Section.objects.filter(consultation=consultation, pk=section or 0).first()
        if parent_or_none is None:
            raise Http404
        parent = parent_or_none
    if request.method == "POST" and found is not None and request.POST.get("delete"):
        try:
            actions.paragraph_delete(user=user, paragraph=found)
        except ConsultationError as error:
            messages.error(request, str(error.message))
        return redirect(edit_url(consultation))
    if found is not None:
        initial: dict[str, Any] = {
            "number": found.number,
            "text_ar": found.text_ar,
            "text_en": found.text_en,
        }
    else:
        last = parent.paragraphs.order_by("-number").values_list("number", flat=True).first()
        initial = {"number": (last or 0) + 1}
    form = ParagraphForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.paragraph_save(
                user=user, section=parent, paragraph=found, fields=form.cleaned_data
            )
        except ConsultationError as error:
            form.add_error("number" if "number" in error.code else None, str(error.message))
        else:
            messages.success(request, _("Saved."))
            return redirect(edit_url(consultation))
    title = (
        _("Paragraph %(number)s") % {"number": found.label}
        if found
        else _("New paragraph in section %(number)s") % {"number": parent.number}
    )
    return _form_page(request, consultation, form, title, delete=found is not None)


@login_required
@require_http_methods(["GET", "POST"])
def paste(request: HttpRequest, pk: int) -> HttpResponse:
    user, consultation = _draft(request, pk)
    form = PasteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.draft_paste(user=user, consultation=consultation, **form.cleaned_data)
        except ConsultationError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("The section and its paragraphs are added."))
            return redirect(edit_url(consultation))
    return _form_page(request, consultation, form, _("Paste a section of the draft"))


@login_required
@require_http_methods(["GET", "POST"])
def question(request: HttpRequest, pk: int, item: int | None = None) -> HttpResponse:
    user, consultation = _draft(request, pk)
    found: Question | None = None
    if item is not None:
        found = Question.objects.filter(consultation=consultation, pk=item).first()
        if found is None:
            raise Http404
    if request.method == "POST" and found is not None and request.POST.get("delete"):
        try:
            actions.question_delete(user=user, question=found)
        except ConsultationError as error:
            messages.error(request, str(error.message))
        return redirect(edit_url(consultation))
    if found is not None:
        initial: dict[str, Any] = {
            name: getattr(found, name)
            for name in ("position", "text_ar", "text_en", "kind", "choices_ar", "choices_en")
        }
    else:
        initial = {"position": consultation.questions.count() + 1, "kind": "text"}
    form = QuestionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.question_save(
                user=user, consultation=consultation, question=found, fields=form.cleaned_data
            )
        except ConsultationError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("Saved."))
            return redirect(edit_url(consultation))
    title = _("Question %(number)s") % {"number": found.position} if found else _("New question")
    return _form_page(request, consultation, form, title, delete=found is not None)


@login_required
@require_http_methods(["GET", "POST"])
def attachment_new(request: HttpRequest, pk: int) -> HttpResponse:
    user, consultation = _draft(request, pk)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.attachment_add(
                user=user,
                consultation=consultation,
                title_ar=form.cleaned_data["title_ar"],
                title_en=form.cleaned_data["title_en"],
                upload=form.cleaned_data["file"],
            )
        except ConsultationError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("The file is attached."))
            return redirect(edit_url(consultation))
    return _form_page(request, consultation, form, _("Attach a file"), multipart=True)


@login_required
@require_http_methods(["GET", "POST"])
def attachment(request: HttpRequest, pk: int, item: int) -> HttpResponse | FileResponse:
    user, consultation = staff_consultation(request, pk)
    found = consultation.attachments.filter(pk=item).first()
    if found is None:
        raise Http404
    if request.method == "POST":
        try:
            actions.attachment_delete(user=user, attachment=found)
        except ConsultationError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("The file is removed."))
        return redirect(edit_url(consultation))
    return attachment_response(found)


def submit_for_review(
    request: HttpRequest, user: User, item: Consultation | Response, back: str
) -> HttpResponse:
    """Send a draft (the consultation or its official response) to the
    provider's approvers, then go ``back``: both pages say the same."""
    try:
        publication_submit(item=item, user=user, request=request)
    except PublishingError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Sent for review. An approver of your provider will check it."))
    return redirect(back)


@login_required
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    user, consultation = _draft(request, pk)
    return submit_for_review(request, user, consultation, edit_url(consultation))
